import { type ExpressionBuilder, type Kysely, type SelectQueryBuilder, sql, type Transaction } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { CaseSummary } from '../../domain/case-state.js';
import type { AssignmentRole, AssignmentStatus, CaseStatus, DB } from '../../db/schema.js';
import type { Principal } from '../../domain/principal.js';
import { visibleCases } from './case-access.js';

// Locking protocol: every change to a case or its assignments first locks the case row
// (FOR NO KEY UPDATE), so the case row is the one lock that serialises all work on a case
// and locks are always taken in the same order. Claiming skips cases whose lock is taken.

export interface CaseRow {
  id: string;
  inquiryId: string;
  reference: string;
  status: CaseStatus;
  leadDepartment: string;
  dueDate: string;
  revision: number;
  routingVersion: number;
  matchedRuleIds: string[];
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
}

// The columns of a CaseRow, for every statement that reads or returns a case.
export const caseColumns = [
  'c.id',
  'c.inquiry_id as inquiryId',
  'c.reference',
  'c.status',
  'c.lead_department as leadDepartment',
  'c.due_date as dueDate',
  'c.revision',
  'c.routing_version as routingVersion',
  'c.matched_rule_ids as matchedRuleIds',
  'c.created_at as createdAt',
  'c.updated_at as updatedAt',
  'c.closed_at as closedAt',
] as const;

function selectCase(db: Kysely<DB>, principal: Principal, caseId: string) {
  return db.selectFrom('cases as c').select(caseColumns).where('c.id', '=', caseId).where(visibleCases(principal));
}

/** The case, when it is within the principal's reach. */
export async function findVisibleCase(db: Kysely<DB>, principal: Principal, caseId: string): Promise<CaseRow | null> {
  return (await selectCase(db, principal, caseId).executeTakeFirst()) ?? null;
}

/**
 * A case as locked, with its assignments when the locking statement could read them
 * current; null when they must be read again (see `withAssignments`).
 */
export interface LockedCaseRow {
  kase: CaseRow;
  assignments: AssignmentRow[] | null;
}

/** Locks the case for a change (see the locking protocol above), when it is within reach. */
export async function lockVisibleCase(trx: Transaction<DB>, principal: Principal, caseId: string): Promise<LockedCaseRow | null> {
  const row = await selectCase(trx, principal, caseId).select(withAssignments).forNoKeyUpdate('c').executeTakeFirst();
  return row ? lockedCaseRow(row) : null;
}

/**
 * Locks the case of the next queued assignment of a department, in claim order (priority,
 * due date, time queued), skipping cases another transaction is changing, and returns the
 * case as locked. Only members of the department claim, and the case has an assignment
 * there, so it is within the claimer's reach. The assignment row itself is not locked:
 * re-read it under the case lock, as a claim that committed while this statement ran may
 * already have taken it.
 */
export async function lockNextQueued(trx: Transaction<DB>, department: string): Promise<(LockedCaseRow & { assignmentId: string }) | null> {
  const row = await trx
    .selectFrom('assignments as a')
    .innerJoin('cases as c', 'c.id', 'a.case_id')
    .select(['a.id as assignmentId', ...caseColumns])
    .select(withAssignments)
    .where('a.department_code', '=', department)
    // Literals, not parameters: the statement is prepared (see prepared-statements.ts), and
    // only a plan that sees 'queued' can use the queue's partial index, so a generic plan
    // (planned once, not on every claim) needs them written out.
    .where('a.status', '=', sql.lit('queued'))
    // Handed to someone by the department's policy: theirs to start, not the queue's.
    .where('a.assignee_id', 'is', null)
    .orderBy('a.priority', 'desc')
    .orderBy('a.due_date')
    .orderBy('a.queued_at')
    .orderBy('a.id')
    .limit(sql.lit(1))
    .forNoKeyUpdate('c')
    .skipLocked()
    .executeTakeFirst();
  if (!row) return null;
  const { assignmentId, ...rest } = row;
  return { assignmentId, ...lockedCaseRow(rest) };
}

export interface AssignmentRow {
  id: string;
  caseId: string;
  department: string;
  role: AssignmentRole;
  status: AssignmentStatus;
  assigneeId: string | null;
  assigneeName: string | null;
  priority: number;
  dueDate: string;
  queuedAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

export const assignmentColumns = [
  'a.id',
  'a.case_id as caseId',
  'a.department_code as department',
  'a.role',
  'a.status',
  'a.assignee_id as assigneeId',
  'u.name as assigneeName',
  'a.priority',
  'a.due_date as dueDate',
  'a.queued_at as queuedAt',
  'a.created_at as createdAt',
  'a.updated_at as updatedAt',
] as const;

/**
 * A case's assignments in their order: oldest first (a transferred one before its
 * successor), the lead first among equals. One definition for every query that lists them
 * (in SQL text, as Kysely cannot check `a.` against a query type it does not know yet).
 */
function inAssignmentOrder<D, TB extends keyof D, O>(query: SelectQueryBuilder<D, TB, O>): SelectQueryBuilder<D, TB, O> {
  return query.orderBy(sql`a.created_at`).orderBy(sql`a.role`, 'desc').orderBy(sql`a.department_code`);
}

/** The assignments of these cases, in their order (`inAssignmentOrder`). */
export async function findAssignments(db: Kysely<DB>, caseIds: readonly string[]): Promise<AssignmentRow[]> {
  if (caseIds.length === 0) return [];
  return db
    .selectFrom('assignments as a')
    .leftJoin('users as u', 'u.id', 'a.assignee_id')
    .select(assignmentColumns)
    .where('a.case_id', 'in', [...caseIds])
    .$call(inAssignmentOrder)
    .execute();
}

/**
 * Columns a statement that locks case `c` adds to read the case's assignments in the same
 * round trip. They come from the statement's snapshot, and a lock that follows a change
 * committed after that snapshot returns the case as changed but not its new assignments.
 * Every change to assignments bumps the case's revision under the case lock, so the
 * snapshot's revision beside the locked one tells whether the assignments are current.
 */
function withAssignments(eb: ExpressionBuilder<DB & { c: DB['cases'] }, 'c'>) {
  return [
    jsonArrayFrom(
      eb
        .selectFrom('assignments as a')
        .leftJoin('users as u', 'u.id', 'a.assignee_id')
        .select(assignmentColumns)
        .whereRef('a.case_id', '=', 'c.id')
        .$call(inAssignmentOrder),
    ).as('assignmentsJson'),
    eb.selectFrom('cases as seen').select('seen.revision').whereRef('seen.id', '=', 'c.id').as('snapshotRevision'),
  ] as const;
}

/** Assignments read as JSON (`jsonArrayFrom` over `assignmentColumns`), their times back to Dates. */
export function assignmentsFromJson(json: unknown[]): AssignmentRow[] {
  return (json as Array<Record<string, unknown>>).map((a) => ({
    ...(a as unknown as AssignmentRow),
    queuedAt: new Date(a.queuedAt as string),
    createdAt: new Date(a.createdAt as string),
    updatedAt: new Date(a.updatedAt as string),
  }));
}

/** The case and its assignments as locked; assignments null when not current (see `withAssignments`). */
function lockedCaseRow<R extends CaseRow & { assignmentsJson: unknown[]; snapshotRevision: number | null }>(row: R): LockedCaseRow {
  const { assignmentsJson, snapshotRevision, ...kase } = row;
  if (snapshotRevision !== kase.revision) return { kase, assignments: null };
  return { kase, assignments: assignmentsFromJson(assignmentsJson) };
}

export interface NewAssignment {
  department: string;
  role: AssignmentRole;
  dueDate: string;
  priority?: number;
}

/** Adds queued assignments to a locked case (see `LockedCase.addAssignments`). */
export async function insertAssignments(trx: Transaction<DB>, caseId: string, assignments: readonly NewAssignment[], at: Date): Promise<void> {
  if (assignments.length === 0) return;
  await trx
    .insertInto('assignments')
    .values(
      assignments.map((a) => ({
        case_id: caseId,
        department_code: a.department,
        role: a.role,
        status: 'queued' as const,
        due_date: a.dueDate,
        priority: a.priority ?? 0,
        queued_at: at,
        updated_at: at,
      })),
    )
    .execute();
}

export interface AssignmentUpdate {
  status: AssignmentStatus;
  assigneeId: string | null;
  priority: number;
  role: AssignmentRole;
}

/**
 * Changes these assignments of one case, as one statement to run alone or inside another
 * (it returns the rows as changed). Released assignments keep their place in the queue:
 * the enterprise has waited since then.
 */
export function updateAssignments(db: Kysely<DB>, caseId: string, updates: ReadonlyArray<{ id: string } & AssignmentUpdate>) {
  const rows = JSON.stringify(updates.map((u) => ({ id: u.id, status: u.status, assignee_id: u.assigneeId, priority: u.priority, role: u.role })));
  const changes = sql<{ id: string; status: AssignmentStatus; assignee_id: string | null; priority: number; role: AssignmentRole }>`(
    SELECT * FROM jsonb_to_recordset(${rows}::jsonb) AS v(id uuid, status text, assignee_id uuid, priority integer, role text))`.as('v');
  return db
    .updateTable('assignments as a')
    .from(changes)
    .set((eb) => ({
      status: eb.ref('v.status'),
      assignee_id: eb.ref('v.assignee_id'),
      priority: eb.ref('v.priority'),
      role: eb.ref('v.role'),
      updated_at: sql`now()`,
    }))
    // The planner cannot see how many rows the JSON holds (it guesses a hundred) and, with
    // nothing else to go on, joins them against every assignment by a sequential scan. The
    // case's own assignments, found by its index, are a handful whatever the parameters,
    // so the plan stays cheap when it is prepared once and reused (prepared-statements.ts).
    .where('a.case_id', '=', caseId)
    .whereRef('a.id', '=', 'v.id')
    .returningAll('a');
}

/** Writes these assignment changes of one case now (see `updateAssignments`). */
export async function writeAssignmentUpdates(trx: Transaction<DB>, caseId: string, updates: ReadonlyArray<{ id: string } & AssignmentUpdate>): Promise<void> {
  if (updates.length > 0) await updateAssignments(trx, caseId, updates).execute();
}

/** Which routing table version and rules routed the case (a re-route changes them). */
export interface CaseRouting {
  routingVersion: number;
  matchedRuleIds: string[];
}

/**
 * What follows from the assignments and a revision bump, and the routing when it changed,
 * as a statement returning the case as saved.
 */
export function updateCaseSummary(db: Kysely<DB>, caseId: string, summary: CaseSummary, routing: CaseRouting | null) {
  const resolved = summary.status === 'resolved';
  return db
    .updateTable('cases as c')
    .set({
      ...(routing && { routing_version: routing.routingVersion, matched_rule_ids: routing.matchedRuleIds }),
      status: summary.status,
      lead_department: summary.leadDepartment,
      due_date: summary.dueDate,
      revision: sql`revision + 1`,
      updated_at: sql`now()`,
      closed_at: resolved ? sql`coalesce(closed_at, now())` : null,
    })
    .where('c.id', '=', caseId)
    .returning(caseColumns);
}

export interface InquiryRow {
  channel: 'web' | 'api';
  receivedAt: Date;
  cvr: string;
  enterpriseName: string;
  postcode: string | null;
  employees: number | null;
  registeredSocialEnterprise: boolean | null;
  contactName: string;
  contactEmail: string;
  contactPhone: string | null;
  topics: string[];
  subject: string;
  description: string;
  language: 'da' | 'en';
}

export async function findInquiry(db: Kysely<DB>, inquiryId: string): Promise<InquiryRow> {
  return selectInquiry(db, inquiryId).executeTakeFirstOrThrow();
}

export function selectInquiry(db: Kysely<DB>, inquiryId: string) {
  return db
    .selectFrom('inquiries')
    .select([
      'channel',
      'received_at as receivedAt',
      'cvr',
      'enterprise_name as enterpriseName',
      'postcode',
      'employees',
      'registered_social_enterprise as registeredSocialEnterprise',
      'contact_name as contactName',
      'contact_email as contactEmail',
      'contact_phone as contactPhone',
      'topics',
      'subject',
      'description',
      'language',
    ])
    .where('id', '=', inquiryId);
}
