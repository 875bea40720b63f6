import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import from src/.
//
// Messages to send, written in the transaction that appends their case event, and moved
// in batches onto the job queue by the worker. Adding a job from inside every intake
// would NOTIFY on every commit, and PostgreSQL serialises the commits of notifying
// transactions: this table keeps the intake free of that. A row lives for a moment.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE notification_outbox (
      case_event_id          bigint PRIMARY KEY REFERENCES case_events (id) ON DELETE CASCADE,
      sealed_tracking_token  text,
      created_at             timestamptz NOT NULL DEFAULT now()
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE notification_outbox`.execute(db);
}
