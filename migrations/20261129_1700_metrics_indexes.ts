import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import from src/.
//
// The metrics count what is not done yet (webhook deliveries still retrying or given up,
// mail the SMTP server refused) on every scrape. Partial indexes hold just those rows, so
// a scrape reads a handful of entries however many deliveries and mails went well.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX webhook_deliveries_undelivered_idx ON webhook_deliveries (status) WHERE status <> 'delivered';
    CREATE INDEX notifications_sent_failed_idx ON notifications_sent (created_at) WHERE outcome = 'failed';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX notifications_sent_failed_idx;
    DROP INDEX webhook_deliveries_undelivered_idx;
  `.execute(db);
}
