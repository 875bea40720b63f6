import { sql } from 'kysely';
import type { Database } from '../../src/db/database.js';

/** How many cases exist for inquiries from this CVR number. */
export async function countCases(db: Database, cvr: string): Promise<number> {
  const row = await db
    .selectFrom('cases as c')
    .innerJoin('inquiries as i', 'i.id', 'c.inquiry_id')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('i.cvr', '=', cvr)
    .executeTakeFirstOrThrow();
  return row.n;
}
