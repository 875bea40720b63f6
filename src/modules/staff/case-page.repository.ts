import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface NamedDepartment {
  code: string;
  nameDa: string;
  nameEn: string;
  /** Whether it takes work: only active departments are offered for a transfer or involvement. */
  active: boolean;
}

/** Every department, by code, so that a case's history can name departments closed since. */
export async function findDepartmentNames(db: Kysely<DB>): Promise<NamedDepartment[]> {
  return db.selectFrom('departments').select(['code', 'name_da as nameDa', 'name_en as nameEn', 'active']).orderBy('code').execute();
}

export interface NamedTopic {
  code: string;
  nameDa: string;
  nameEn: string;
}

/** The names of these topics, inactive ones included: an old inquiry keeps its topics. */
export async function findTopicNames(db: Kysely<DB>, codes: readonly string[]): Promise<NamedTopic[]> {
  if (codes.length === 0) return [];
  return db.selectFrom('topics').select(['code', 'name_da as nameDa', 'name_en as nameEn']).where('code', 'in', [...codes]).execute();
}
