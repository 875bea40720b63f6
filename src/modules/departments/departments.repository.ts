import type { Kysely } from 'kysely';
import type { DB, Department } from '../../db/schema.js';

/** The departments among `codes` that exist and take work. */
export async function findActiveDepartments(db: Kysely<DB>, codes: readonly string[]): Promise<Department[]> {
  if (codes.length === 0) return [];
  return db.selectFrom('departments').selectAll().where('code', 'in', [...codes]).where('active', '=', true).execute();
}
