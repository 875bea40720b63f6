import type { Caller, Principal } from '../../domain/principal.js';
import { type CaseDeps, today } from '../cases/cases.service.js';
import { claimNext } from '../cases/case-work.service.js';
import { type DepartmentWorkload, findDepartmentWorkloads, findOpenAssignmentsOf, type OpenAssignmentRow } from './staff.repository.js';

/** Who may use the staff pages: everyone who works on cases. Integrators build on the API instead. */
export const STAFF_ROLES = ['caseworker', 'coordinator', 'admin'] as const;

const MAX_LISTED_ASSIGNMENTS = 200;

export interface MyWork {
  today: string;
  /** Caseworkers' own departments; coordinators and admins see every department. */
  departments: (DepartmentWorkload & { mayClaim: boolean })[];
  assignments: OpenAssignmentRow[];
}

export async function myWork(deps: CaseDeps, principal: Principal): Promise<MyWork> {
  const on = today();
  const codes = principal.role === 'caseworker' ? principal.departments : null;
  const [departments, assignments] = await Promise.all([
    findDepartmentWorkloads(deps.db, codes, on),
    findOpenAssignmentsOf(deps.db, principal.userId, MAX_LISTED_ASSIGNMENTS),
  ]);
  // Claiming from a queue is for the department's caseworkers, exactly as in the API.
  const mayClaim = (code: string) => principal.role === 'caseworker' && principal.departments.includes(code);
  return { today: on, departments: departments.map((d) => ({ ...d, mayClaim: mayClaim(d.code) })), assignments };
}

/** Takes the next case of the department's queue through the same service as the API's claim: its reference, or null when the queue is empty. */
export async function takeNextCase(deps: CaseDeps, caller: Caller, department: string): Promise<string | null> {
  const claimed = await claimNext(deps, caller, department);
  return claimed?.result.reference ?? null;
}
