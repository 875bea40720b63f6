import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Role } from '../../domain/principal.js';

// What the administration pages read beside the services they change things through:
// names and counts to show, never a write.

export interface DepartmentWithMembers {
  code: string;
  nameDa: string;
  nameEn: string;
  active: boolean;
  /** Caseworkers who belong to it and are active. */
  activeMembers: number;
  /** Members whose accounts are deactivated: they keep the membership until someone changes it. */
  inactiveMembers: number;
}

/** Every department, with how many caseworkers belong to it, active and deactivated. */
export async function listDepartmentsWithMembers(db: Kysely<DB>): Promise<DepartmentWithMembers[]> {
  const rows = await db
    .selectFrom('departments as d')
    .leftJoin('user_departments as m', 'm.department_code', 'd.code')
    .leftJoin('users as u', 'u.id', 'm.user_id')
    .select([
      'd.code',
      'd.name_da as nameDa',
      'd.name_en as nameEn',
      'd.active',
      sql<string>`count(u.id) FILTER (WHERE u.active)`.as('activeMembers'),
      sql<string>`count(u.id) FILTER (WHERE NOT u.active)`.as('inactiveMembers'),
    ])
    .groupBy(['d.code', 'd.name_da', 'd.name_en', 'd.active'])
    .orderBy('d.code')
    .execute();
  return rows.map((row) => ({ ...row, activeMembers: Number(row.activeMembers), inactiveMembers: Number(row.inactiveMembers) }));
}

export interface NamedUser {
  id: string;
  name: string;
  role: Role;
}

/** The names and roles of these users (the owners of webhook endpoints). */
export async function findUserNames(db: Kysely<DB>, ids: readonly string[]): Promise<NamedUser[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('users').select(['id', 'name', 'role']).where('id', 'in', [...new Set(ids)]).execute();
}

/** The references of these cases, by id (the cases a webhook's deliveries were about). */
export async function findCaseReferences(db: Kysely<DB>, caseIds: readonly string[]): Promise<Map<string, string>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db.selectFrom('cases').select(['id', 'reference']).where('id', 'in', [...new Set(caseIds)]).execute();
  return new Map(rows.map((row) => [row.id, row.reference]));
}
