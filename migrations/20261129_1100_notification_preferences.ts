import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import from src/.
//
// How each member of staff wants to hear of new assignments in their departments. A user
// without a row has the default (the daily digest), so creating a user writes nothing
// here. The notifications module is this table's only writer; the users module keeps
// writing `users`.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE notification_preferences (
      user_id          uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
      new_assignments  text NOT NULL CHECK (new_assignments IN ('immediately', 'daily', 'off')),
      updated_at       timestamptz NOT NULL DEFAULT now()
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE notification_preferences`.execute(db);
}
