import { NEW_ASSIGNMENTS_PREFERENCES, type NewAssignmentsPreference } from '../../domain/notifications.js';
import type { Caller, Principal } from '../../domain/principal.js';
import { changeMyPreferences, myPreferences } from '../notifications/preferences.service.js';
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
  /** How the user hears of new assignments; only for those with departments, whose queues get them. */
  newAssignments: NewAssignmentsPreference | null;
}

export async function myWork(deps: CaseDeps, principal: Principal): Promise<MyWork> {
  const on = today();
  const codes = principal.role === 'caseworker' ? principal.departments : null;
  const [departments, assignments, preferences] = await Promise.all([
    findDepartmentWorkloads(deps.db, codes, on),
    findOpenAssignmentsOf(deps.db, principal.userId, MAX_LISTED_ASSIGNMENTS),
    principal.departments.length > 0 ? myPreferences(deps.db, principal.userId) : null,
  ]);
  // Claiming from a queue is for the department's caseworkers, exactly as in the API.
  return {
    today: on,
    departments: departments.map((d) => ({ ...d, mayClaim: isMember(principal, d.code) })),
    assignments,
    newAssignments: preferences?.newAssignments ?? null,
  };
}

/** The choice as the form sent it, if it is one of the three. */
export function newAssignmentsChoice(value: string | undefined): NewAssignmentsPreference | null {
  return NEW_ASSIGNMENTS_PREFERENCES.find((choice) => choice === value) ?? null;
}

/** Saves the choice through the notifications module, which alone keeps preferences (as PUT /v1/me/notifications does). */
export async function chooseNewAssignmentsMail(deps: CaseDeps, principal: Principal, choice: NewAssignmentsPreference): Promise<void> {
  await changeMyPreferences(deps.db, principal.userId, { newAssignments: choice });
}

/** Takes the next case of the department's queue through the same service as the API's claim: its reference, or null when the queue is empty. */
export async function takeNextCase(deps: CaseDeps, caller: Caller, department: string): Promise<string | null> {
  const claimed = await claimNext(deps, caller, department);
  return claimed?.result.reference ?? null;
}
