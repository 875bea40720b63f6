import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import from src/.
//
// One row per message to a member of staff that was sent or given up on, keyed by the
// user and what the message is about: `assignment:{event id}:{department}` for a new
// assignment, `digest:{date}` for a day's digest, `overdue:{date}` for a day's reminder.
// The job that sends looks here first, so a job run again sends nothing twice.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE staff_notifications_sent (
      user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      key         text NOT NULL,
      kind        text NOT NULL CHECK (kind IN ('new_assignment', 'assignment_digest', 'overdue_reminder')),
      case_id     uuid REFERENCES cases (id) ON DELETE CASCADE,
      outcome     text NOT NULL CHECK (outcome IN ('sent', 'failed')),
      smtp_code   integer,
      error       text,
      created_at  timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, key)
    );
    CREATE INDEX staff_notifications_sent_case_idx ON staff_notifications_sent (case_id) WHERE case_id IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE staff_notifications_sent`.execute(db);
}
