import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import from src/.
//
// Sign-in links let staff sign in to the staff pages where no identity provider is set
// up. A link is a random code shown once; only its SHA-256 hash is kept, as for API
// tokens. A link works once (used_at) and for a short while (expires_at).

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE sign_in_links (
      id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      code_hash   bytea NOT NULL UNIQUE,
      -- The admin who asked for the link; null when it came from the command line or the first start.
      created_by  uuid REFERENCES users (id) ON DELETE SET NULL,
      created_at  timestamptz NOT NULL DEFAULT now(),
      expires_at  timestamptz NOT NULL,
      used_at     timestamptz
    );
    CREATE INDEX sign_in_links_user_idx ON sign_in_links (user_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE sign_in_links`.execute(db);
}
