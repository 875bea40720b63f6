import type { AssignmentTrigger } from '../../domain/assignment-policy.js';
import { type CaseEventOf, CaseEventType } from '../../domain/case-events.js';
import { type ChosenCaseworker, chooseCaseworker, lockAutoPolicy } from '../assignment/assignment-choice.repository.js';
import type { LockedCase } from './case-work.service.js';

export type AssignedEvent = CaseEventOf<typeof CaseEventType.assigned>;

export function assignedEvent(assignmentId: string, chosen: ChosenCaseworker, trigger: AssignmentTrigger): AssignedEvent {
  return {
    type: CaseEventType.assigned,
    department: chosen.department,
    data: {
      assignmentId,
      assigneeId: chosen.assigneeId,
      trigger,
      reason: {
        policy: chosen.revision,
        mode: chosen.mode,
        openBefore: chosen.openBefore,
        ...(chosen.coverFor ? { coverFor: chosen.coverFor } : {}),
      },
    },
  };
}

/**
 * Gives a queued assignment of the locked case to the caseworker the department's policy
 * chooses, under the policy's lock (taken after the case's, as everywhere), and returns
 * the event to save with the change; null when the department pulls or nobody is eligible
 * (the assignment then waits in the queue). `exclude` is never chosen: whoever just
 * released it or let it go unanswered.
 */
export async function autoAssign(
  locked: LockedCase,
  assignmentId: string,
  department: string,
  trigger: AssignmentTrigger,
  exclude: string | null,
  now: Date = new Date(),
): Promise<AssignedEvent | null> {
  if (!(await lockAutoPolicy(locked.trx, department))) return null;
  const chosen = await chooseCaseworker(locked.trx, department, exclude, now);
  if (!chosen) return null;
  locked.updateAssignment(assignmentId, { status: 'queued', assigneeId: chosen.assigneeId });
  return assignedEvent(assignmentId, chosen, trigger);
}
