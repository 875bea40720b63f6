import { type Transaction, sql } from 'kysely';
import type { AssignmentRole, AssignmentStatus, CaseStatus, DB } from '../../db/schema.js';
import type { RoutingInput } from '../../domain/routing.js';

export interface CaseForReroute {
  status: CaseStatus;
  leadDepartment: string;
  routingVersion: number;
  matchedRuleIds: string[];
  input: RoutingInput;
}

/** What re-routing needs of a case and its inquiry (the case is already locked by the caller). */
export async function findCaseForReroute(trx: Transaction<DB>, caseId: string): Promise<CaseForReroute | null> {
  const row = await trx
    .selectFrom('cases as c')
    .innerJoin('inquiries as i', 'i.id', 'c.inquiry_id')
    .select([
      'c.status',
      'c.lead_department',
      'c.routing_version',
      'c.matched_rule_ids',
      'i.topics',
      'i.subject',
      'i.description',
      'i.employees',
      'i.postcode',
      'i.registered_social_enterprise',
    ])
    .where('c.id', '=', caseId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    status: row.status,
    leadDepartment: row.lead_department,
    routingVersion: row.routing_version,
    matchedRuleIds: row.matched_rule_ids,
    input: {
      topics: row.topics,
      subject: row.subject,
      description: row.description,
      employees: row.employees,
      postcode: row.postcode,
      registeredSocialEnterprise: row.registered_social_enterprise,
    },
  };
}

export interface AssignmentRow {
  department: string;
  role: AssignmentRole;
  status: AssignmentStatus;
  dueDate: string;
}

/** Every assignment of the case, transferred ones included, oldest first. */
export async function listAssignments(trx: Transaction<DB>, caseId: string): Promise<AssignmentRow[]> {
  return trx
    .selectFrom('assignments')
    .select(['department_code as department', 'role', 'status', 'due_date as dueDate'])
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function transferQueuedAssignments(trx: Transaction<DB>, caseId: string, departments: string[]): Promise<void> {
  if (departments.length === 0) return;
  await trx
    .updateTable('assignments')
    .set({ status: 'transferred', updated_at: sql<Date>`now()` })
    .where('case_id', '=', caseId)
    .where('department_code', 'in', departments)
    .where('status', '=', 'queued')
    .execute();
}

export async function setAssignmentRole(trx: Transaction<DB>, caseId: string, department: string, role: AssignmentRole): Promise<void> {
  await trx
    .updateTable('assignments')
    .set({ role, updated_at: sql<Date>`now()` })
    .where('case_id', '=', caseId)
    .where('department_code', '=', department)
    .where('status', '<>', 'transferred')
    .execute();
}

export async function insertQueuedAssignments(
  trx: Transaction<DB>,
  caseId: string,
  assignments: { department: string; role: AssignmentRole }[],
  dueDate: string,
): Promise<void> {
  if (assignments.length === 0) return;
  await trx
    .insertInto('assignments')
    .values(assignments.map((a) => ({ case_id: caseId, department_code: a.department, role: a.role, status: 'queued' as const, due_date: dueDate })))
    .execute();
}

/** Records which table version and rules routed the case; lead, status and revision follow from the assignments (changeCase). */
export async function updateCaseRouting(
  trx: Transaction<DB>,
  caseId: string,
  routing: { routingVersion: number; matchedRuleIds: string[] },
): Promise<void> {
  await trx
    .updateTable('cases')
    .set({ routing_version: routing.routingVersion, matched_rule_ids: routing.matchedRuleIds })
    .where('id', '=', caseId)
    .execute();
}
