import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import from src/.
//
// Sessions of the staff pages. The cookie carries a random session id; only its SHA-256
// hash is kept, so a copy of the table signs nobody in. Who the user is and what they may
// do is read from users and user_departments on every request, never copied here, so a
// deactivation or a changed membership takes effect on the next request. The CSRF secret
// is the session's own: a form token made for one session is worthless in another.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE staff_sessions (
      id_hash       bytea PRIMARY KEY,
      user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      csrf_secret   text NOT NULL,
      created_at    timestamptz NOT NULL DEFAULT now(),
      last_seen_at  timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX staff_sessions_user_idx ON staff_sessions (user_id);
    -- Finding sessions past their absolute lifetime, to remove them.
    CREATE INDEX staff_sessions_created_idx ON staff_sessions (created_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE staff_sessions`.execute(db);
}
