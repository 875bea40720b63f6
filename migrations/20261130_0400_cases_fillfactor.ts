import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import from src/.
//
// A claim changes a case's status, revision and time of change, none of which any index
// of the table holds. PostgreSQL can then write the new row version on the same page
// without touching the case's seven indexes (a HOT update), but only when the page has
// room; at the default fill factor an inserted case fills its page, and each claim wrote
// an entry into every index. Fifteen per cent is left free on pages written from now on.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE cases SET (fillfactor = 85)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE cases RESET (fillfactor)`.execute(db);
}
