import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { AssignmentStatus, CaseStatus, DB } from '../../db/schema.js';
import type { Principal } from '../../domain/principal.js';
import { visibleCases } from './case-access.js';

export type CaseSort = 'due' | 'newest';

/** Conditions that one and the same assignment of a case must meet. */
export interface AssignmentFilter {
  department?: string | undefined;
  status?: AssignmentStatus | undefined;
  /** null: an open assignment nobody has taken. */
  assigneeId?: string | null | undefined;
  overdue?: { today: string; value: boolean } | undefined;
}

export interface CaseListQuery {
  assignment: AssignmentFilter;
  caseStatus?: CaseStatus | undefined;
  topic?: string | undefined;
  search?: string | undefined;
  sort: CaseSort;
  /** The keys of the last row of the previous page. */
  after?: { dueDate: string; createdAt: string; id: string } | undefined;
  limit: number;
}

export interface CaseListRow {
  id: string;
  reference: string;
  status: CaseStatus;
  leadDepartment: string;
  dueDate: string;
  createdAt: Date;
  updatedAt: Date;
  /** created_at to the microsecond, for the cursor (a JS Date keeps only milliseconds). */
  createdAtKey: string;
  subject: string;
  cvr: string;
  enterpriseName: string;
  topics: string[];
}

type ListScope = ExpressionBuilder<DB & { c: DB['cases']; i: DB['inquiries'] }, 'c' | 'i'>;

const OPEN: AssignmentStatus[] = ['queued', 'in_progress', 'waiting'];

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

function matchingAssignment(filter: AssignmentFilter) {
  return (eb: ListScope): Expression<SqlBool> => {
    let sub = eb.selectFrom('assignments as f').select(sql.lit(1).as('one')).whereRef('f.case_id', '=', 'c.id');
    if (filter.department !== undefined) sub = sub.where('f.department_code', '=', filter.department);
    if (filter.status !== undefined) sub = sub.where('f.status', '=', filter.status);
    if (filter.assigneeId === null) sub = sub.where('f.assignee_id', 'is', null).where('f.status', 'in', OPEN);
    else if (filter.assigneeId !== undefined) sub = sub.where('f.assignee_id', '=', filter.assigneeId);
    if (filter.overdue) {
      const { today, value } = filter.overdue;
      sub = sub.where((inner) => {
        const late = inner.and([inner('f.status', 'in', OPEN), inner('f.due_date', '<', today)]);
        return value ? late : inner.not(late);
      });
    }
    return eb.exists(sub);
  };
}

function searchTerm(search: string) {
  return (eb: ListScope): Expression<SqlBool> => {
    const like = `%${escapeLike(search)}%`;
    const digits = /^(dk)?[\d\s]+$/i.test(search) ? search.replace(/\D/g, '') : '';
    return eb.or([
      eb('c.reference', 'ilike', like),
      eb('i.enterprise_name', 'ilike', like),
      ...(digits.length >= 2 ? [eb('i.cvr', 'like', `${digits}%`)] : []),
    ]);
  };
}

/**
 * One page of the cases within the principal's reach. Keyset pagination: the page starts
 * after the previous page's last row, so an index on the sort keys (cases_due_idx,
 * cases_created_idx) seeks straight to it and the cost does not grow with the page's depth.
 */
export async function listCasesPage(db: Kysely<DB>, principal: Principal, query: CaseListQuery): Promise<CaseListRow[]> {
  return casesPageQuery(db, principal, query).execute();
}

/** The query behind `listCasesPage`, for tests that inspect its plan. */
export function casesPageQuery(db: Kysely<DB>, principal: Principal, query: CaseListQuery) {
  let select = db
    .selectFrom('cases as c')
    .innerJoin('inquiries as i', 'i.id', 'c.inquiry_id')
    .select([
      'c.id',
      'c.reference',
      'c.status',
      'c.lead_department as leadDepartment',
      'c.due_date as dueDate',
      'c.created_at as createdAt',
      'c.updated_at as updatedAt',
      sql<string>`to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('createdAtKey'),
      'i.subject',
      'i.cvr',
      'i.enterprise_name as enterpriseName',
      'i.topics',
    ])
    .where(visibleCases(principal));

  const { assignment } = query;
  if (Object.values(assignment).some((value) => value !== undefined)) select = select.where(matchingAssignment(assignment));
  if (query.caseStatus) select = select.where('c.status', '=', query.caseStatus);
  if (query.topic) select = select.where(sql<SqlBool>`${query.topic} = ANY(i.topics)`);
  if (query.search) select = select.where(searchTerm(query.search));

  const after = query.after;
  if (query.sort === 'due') {
    if (after) {
      select = select.where(
        sql<SqlBool>`(c.due_date, c.created_at, c.id) > (${after.dueDate}::date, ${after.createdAt}::timestamptz, ${after.id}::uuid)`,
      );
    }
    select = select.orderBy('c.due_date').orderBy('c.created_at').orderBy('c.id');
  } else {
    if (after) select = select.where(sql<SqlBool>`(c.created_at, c.id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`);
    select = select.orderBy('c.created_at', 'desc').orderBy('c.id', 'desc');
  }
  return select.limit(query.limit);
}
