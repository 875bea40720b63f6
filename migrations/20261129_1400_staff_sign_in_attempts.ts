import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import from src/.
//
// A sign-in under way, before there is a session: the browser holds a cookie with a
// random id, only its SHA-256 hash is kept here. For a sign-in with the identity
// provider it holds what the callback must match (state, nonce, the PKCE verifier), so
// an answer that was not asked for by this browser signs nobody in. For a sign-in link
// it holds the CSRF secret of the confirmation form. Each row is used once, and is worth
// nothing after 15 minutes.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE staff_sign_in_attempts (
      id_hash        bytea PRIMARY KEY,
      csrf_secret    text NOT NULL,
      oidc_state     text,
      oidc_nonce     text,
      code_verifier  text,
      -- Where to go after signing in: a path of the staff pages, checked before it is stored.
      next_path      text,
      lang           text NOT NULL DEFAULT 'da' CHECK (lang IN ('da', 'en')),
      created_at     timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX staff_sign_in_attempts_created_idx ON staff_sign_in_attempts (created_at);
    -- Removing sign-in links nobody can use any more.
    CREATE INDEX sign_in_links_expires_idx ON sign_in_links (expires_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX sign_in_links_expires_idx;
    DROP TABLE staff_sign_in_attempts;
  `.execute(db);
}
