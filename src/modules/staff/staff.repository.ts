import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface DepartmentWorkload {
  code: string;
  nameDa: string;
  nameEn: string;
  queued: number;
  inProgress: number;
  waiting: number;
  overdue: number;
}

/** Open assignments per department (every active department when `codes` is null), counted by status and by overdue. */
export async function findDepartmentWorkloads(db: Kysely<DB>, codes: readonly string[] | null, today: string): Promise<DepartmentWorkload[]> {
  let query = db
    .selectFrom('departments as d')
    .leftJoin('assignments as a', (join) => join.onRef('a.department_code', '=', 'd.code').on('a.status', 'in', ['queued', 'in_progress', 'waiting']))
    .select([
      'd.code',
      'd.name_da as nameDa',
      'd.name_en as nameEn',
      sql<number>`(count(a.id) FILTER (WHERE a.status = 'queued'))::int`.as('queued'),
      sql<number>`(count(a.id) FILTER (WHERE a.status = 'in_progress'))::int`.as('inProgress'),
      sql<number>`(count(a.id) FILTER (WHERE a.status = 'waiting'))::int`.as('waiting'),
      sql<number>`(count(a.id) FILTER (WHERE a.due_date < ${today}::date))::int`.as('overdue'),
    ])
    .where('d.active', '=', true)
    .groupBy(['d.code', 'd.name_da', 'd.name_en'])
    .orderBy('d.code');
  if (codes !== null) {
    if (codes.length === 0) return [];
    query = query.where('d.code', 'in', [...codes]);
  }
  return query.execute();
}

export interface OpenAssignmentRow {
  reference: string;
  subject: string;
  enterpriseName: string;
  departmentCode: string;
  departmentNameDa: string;
  departmentNameEn: string;
  /** `queued`: given to the user by the department's assignment policy, not started yet. */
  status: 'queued' | 'in_progress' | 'waiting';
  dueDate: string;
}

/** The user's own open assignments (those a policy gave them and they have not started too), oldest due date first. */
export async function findOpenAssignmentsOf(db: Kysely<DB>, userId: string, limit: number): Promise<OpenAssignmentRow[]> {
  const rows = await db
    .selectFrom('assignments as a')
    .innerJoin('cases as c', 'c.id', 'a.case_id')
    .innerJoin('inquiries as i', 'i.id', 'c.inquiry_id')
    .innerJoin('departments as d', 'd.code', 'a.department_code')
    .select([
      'c.reference',
      'i.subject',
      'i.enterprise_name as enterpriseName',
      'a.department_code as departmentCode',
      'd.name_da as departmentNameDa',
      'd.name_en as departmentNameEn',
      'a.status',
      sql<string>`to_char(a.due_date, 'YYYY-MM-DD')`.as('dueDate'),
    ])
    .where('a.assignee_id', '=', userId)
    .where('a.status', 'in', ['queued', 'in_progress', 'waiting'])
    .orderBy('a.due_date')
    .orderBy('a.created_at')
    .limit(limit)
    .execute();
  return rows as OpenAssignmentRow[];
}
