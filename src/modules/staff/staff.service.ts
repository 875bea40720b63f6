import type { Caller, Principal } from '../../domain/principal.js';
import { type CaseDeps, today } from '../cases/cases.service.js';
import { isMember } from '../cases/case-access.js';
import { claimNext } from '../cases/case-work.service.js';
import { type DepartmentWorkload, findDepartmentWorkloads, findOpenAssignmentsOf, type OpenAssignmentRow } from './staff.repository.js';

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
  return { today: on, departments: departments.map((d) => ({ ...d, mayClaim: isMember(principal, d.code) })), assignments };
}

/** Takes the next case of the department's queue through the same service as the API's claim: its reference, or null when the queue is empty. */
export async function takeNextCase(deps: CaseDeps, caller: Caller, department: string): Promise<string | null> {
  const claimed = await claimNext(deps, caller, department);
  return claimed?.result.reference ?? null;
}
