import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import from src/.
//
// One row per message sent (or given up on) for a case event: the job that sends it looks
// here first, so a job that runs again after the message went out does not send it twice.
// The address itself is not kept: the inquiry has it, and retention erases it there.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE notifications_sent (
      case_event_id  bigint NOT NULL REFERENCES case_events (id) ON DELETE CASCADE,
      channel        text NOT NULL CHECK (channel IN ('email')),
      case_id        uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
      kind           text NOT NULL,
      outcome        text NOT NULL CHECK (outcome IN ('sent', 'failed')),
      smtp_code      integer,
      error          text,
      created_at     timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (case_event_id, channel)
    );
    CREATE INDEX notifications_sent_case_idx ON notifications_sent (case_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE notifications_sent`.execute(db);
}
