import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Principal } from '../../domain/principal.js';
import { visibleCases } from './case-access.js';

/** The id of the case with this reference, when it is within the principal's reach (the same reach as by id). */
export async function findVisibleCaseIdByReference(db: Kysely<DB>, principal: Principal, reference: string): Promise<string | null> {
  const row = await db.selectFrom('cases as c').select('c.id').where('c.reference', '=', reference).where(visibleCases(principal)).executeTakeFirst();
  return row?.id ?? null;
}
