import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { type CaseEventType, isEnterpriseLevel } from '../../domain/case-events.js';
import type { AssignmentState } from '../../domain/case-state.js';
import type { DB, NoteVisibility } from '../../db/schema.js';
import type { Principal, Role } from '../../domain/principal.js';
import { ForbiddenError } from '../../errors.js';

/**
 * Who may see and do what with cases: the one place that decides. Every case endpoint
 * goes through these rules, in the same order:
 *
 * 1. the route lets in only the roles that can ever do the action (401 without a token,
 *    403 for a role that never may);
 * 2. the case must be within the caller's reach (`visibleCases`), else 404, so that case
 *    ids and references cannot be probed;
 * 3. the `assertMay…` rule of the action decides on the details (403).
 *
 * Reach: coordinators and admins see every case; a caseworker sees the cases on which one
 * of their departments has (or had) an assignment; an integrator sees the cases whose
 * inquiry it submitted, at the level of detail the enterprise gets.
 */

export const CASE_READERS: Role[] = ['caseworker', 'coordinator', 'admin', 'integrator'];
export const CASE_WORKERS: Role[] = ['caseworker', 'coordinator', 'admin'];
export const QUEUE_MEMBERS: Role[] = ['caseworker'];
export const ACCESS_LOG_READERS: Role[] = ['admin'];

type CaseScope = ExpressionBuilder<DB & { c: DB['cases'] }, 'c'>;

export function seesEverything(principal: Principal): boolean {
  return principal.role === 'coordinator' || principal.role === 'admin';
}

export function isMember(principal: Principal, department: string): boolean {
  return principal.role === 'caseworker' && principal.departments.includes(department);
}

/**
 * Whether the caller sees who works on a case (assignees, note authors, the actors of the
 * history) and the routing rules that matched. Integrators get the enterprise's level of
 * detail: departments and statuses, not the municipality's people or internals.
 */
export function seesCaseworkDetail(principal: Principal): boolean {
  return principal.role !== 'integrator';
}

/** The where-clause, over `cases as c`, of the cases within the principal's reach. */
export function visibleCases(principal: Principal): (eb: CaseScope) => Expression<SqlBool> {
  return (eb) => {
    if (seesEverything(principal)) return sql<SqlBool>`true`;
    if (principal.role === 'integrator') {
      return eb.exists(
        eb
          .selectFrom('inquiries as reach_i')
          .select(sql.lit(1).as('one'))
          .whereRef('reach_i.id', '=', 'c.inquiry_id')
          .where('reach_i.submitted_by', '=', principal.userId),
      );
    }
    if (principal.role !== 'caseworker' || principal.departments.length === 0) return sql<SqlBool>`false`;
    return eb.exists(
      eb
        .selectFrom('assignments as reach_a')
        .select(sql.lit(1).as('one'))
        .whereRef('reach_a.case_id', '=', 'c.id')
        .where('reach_a.department_code', 'in', principal.departments),
    );
  };
}

/** Claiming from a queue is for the department's own caseworkers. */
export function assertMayClaim(principal: Principal, department: string): void {
  if (!isMember(principal, department)) throw new ForbiddenError(`Only caseworkers of ${department} can claim from its queue.`);
}

/** An assignment is changed by its own department's caseworkers or by a coordinator. */
export function assertMayWorkOnAssignment(principal: Principal, department: string): void {
  if (seesEverything(principal) || isMember(principal, department)) return;
  throw new ForbiddenError(`Only caseworkers of ${department} or a coordinator can change its assignment.`);
}

/**
 * Coordinators and admins may give an assignment to anyone in the department and set its
 * priority. A caseworker acts only for themselves: take an unassigned assignment, move
 * their own along, release their own.
 */
export function assertMayReassign(principal: Principal, current: AssignmentState, planned: AssignmentState, changesPriority: boolean): void {
  if (seesEverything(principal)) return;
  if (changesPriority) throw new ForbiddenError('Only a coordinator can change the priority.');
  const self = principal.userId;
  if (current.assigneeId !== null && current.assigneeId !== self) {
    throw new ForbiddenError('This assignment is someone else\'s; a coordinator can reassign it.');
  }
  if (planned.assigneeId !== null && planned.assigneeId !== self) {
    throw new ForbiddenError('Caseworkers take or release assignments for themselves; a coordinator can assign others.');
  }
}

/** A department hands over its own part; coordinators may move any. */
export function assertMayTransfer(principal: Principal, from: string): void {
  if (seesEverything(principal) || isMember(principal, from)) return;
  throw new ForbiddenError(`Only caseworkers of ${from} or a coordinator can transfer its assignment.`);
}

/** A department working on the case may bring in another; coordinators may always. */
export function assertMayInvolve(principal: Principal, activeDepartments: readonly string[]): void {
  if (seesEverything(principal) || activeDepartments.some((department) => isMember(principal, department))) return;
  throw new ForbiddenError('Only a department working on the case or a coordinator can involve another department.');
}

export interface NoteAccess {
  visibility: NoteVisibility;
  department: string | null;
}

/**
 * Department notes stay inside the author's department; the enterprise hears from one
 * contact, so only the lead department (or a coordinator) writes notes it will see.
 */
export function assertMayWriteNote(principal: Principal, note: NoteAccess, leadDepartment: string): void {
  if (seesEverything(principal)) return;
  if (note.visibility === 'enterprise' && !isMember(principal, leadDepartment)) {
    throw new ForbiddenError(`Only the lead department (${leadDepartment}) or a coordinator writes to the enterprise.`);
  }
  if (note.department ? !isMember(principal, note.department) : note.visibility === 'department') {
    throw new ForbiddenError('Caseworkers file notes only under their own departments.');
  }
}

export function canReadNote(principal: Principal, note: NoteAccess): boolean {
  if (principal.role === 'integrator') return note.visibility === 'enterprise';
  if (note.visibility !== 'department' || seesEverything(principal)) return true;
  return note.department !== null && isMember(principal, note.department);
}

/**
 * Events follow the same rules: an event about a note is visible with the note, and an
 * integrator follows only the enterprise-level story (the catalogue says which events).
 */
export function canReadEvent(principal: Principal, event: { type: CaseEventType; note: NoteAccess | null }): boolean {
  if (principal.role === 'integrator' && !isEnterpriseLevel(event.type)) return false;
  return event.note === null || canReadNote(principal, event.note);
}
