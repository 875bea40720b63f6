import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface DepartmentName {
  code: string;
  nameDa: string;
  nameEn: string;
}

/** Every department, also those no longer taking work: old cases still name them. */
export async function findDepartmentNames(db: Kysely<DB>): Promise<DepartmentName[]> {
  return db.selectFrom('departments').select(['code', 'name_da as nameDa', 'name_en as nameEn']).orderBy('code').execute();
}

export interface Colleague {
  id: string;
  name: string;
}

/**
 * The active caseworkers of the given departments (of every department when `codes` is
 * null), by name: the people whose cases the list can be filtered by.
 */
export async function findCaseworkersOf(db: Kysely<DB>, codes: readonly string[] | null, limit: number): Promise<Colleague[]> {
  if (codes !== null && codes.length === 0) return [];
  let query = db
    .selectFrom('users as u')
    .select(['u.id', 'u.name'])
    .where('u.role', '=', 'caseworker')
    .where('u.active', '=', true)
    .orderBy('u.name')
    .orderBy('u.id')
    .limit(limit);
  if (codes !== null) {
    query = query.where((eb) =>
      eb.exists(
        eb.selectFrom('user_departments as ud').select('ud.user_id').whereRef('ud.user_id', '=', 'u.id').where('ud.department_code', 'in', [...codes]),
      ),
    );
  }
  return query.execute();
}
