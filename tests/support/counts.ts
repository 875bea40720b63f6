import { sql } from 'kysely';
import type { Database } from '../../src/db/database.js';

export interface RowCounts {
  inquiries: number;
  cases: number;
  assignments: number;
  events: number;
}

/** Row counts of everything an intake writes, to prove a rejected request wrote nothing. */
export async function intakeRowCounts(db: Database): Promise<RowCounts> {
  const { rows } = await sql<RowCounts>`
    SELECT (SELECT count(*) FROM inquiries)::int AS inquiries,
           (SELECT count(*) FROM cases)::int AS cases,
           (SELECT count(*) FROM assignments)::int AS assignments,
           (SELECT count(*) FROM case_events)::int AS events`.execute(db);
  return rows[0] as RowCounts;
}
