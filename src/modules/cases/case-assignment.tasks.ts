import type { FastifyBaseLogger } from 'fastify';
import type { CronItem, Task } from 'graphile-worker';
import type { Database } from '../../db/database.js';
import { handOutQueued, reassignUnanswered } from './case-assignment.service.js';

/** The recurring job of the assignment policies: unanswered assignments go on, and waiting work is handed out. */
export const ASSIGNMENT_SWEEP_TASK = 'assignment-sweep';

/**
 * Every minute: the no-answer timeout is counted in hours, and work waiting for someone
 * to become eligible (a finished assignment frees a place under the cap; an absence
 * ends at its `until`) should not wait long. A run with nothing to do reads two small
 * indexes. graphile-worker runs each minute's job once, however many workers there are.
 */
export const ASSIGNMENT_SWEEP_CRON: CronItem = { task: ASSIGNMENT_SWEEP_TASK, match: '* * * * *', identifier: ASSIGNMENT_SWEEP_TASK };

/** The sweep itself, with the time it counts from (a test passes a fixed one). */
export async function sweepAssignments(db: Database, now: Date = new Date()): Promise<{ reassigned: number; handedOut: number }> {
  const reassigned = await reassignUnanswered(db, now);
  const handedOut = await handOutQueued(db, null, now);
  return { reassigned, handedOut };
}

export function assignmentSweepTask(db: Database, log: FastifyBaseLogger): Task {
  return async () => {
    const { reassigned, handedOut } = await sweepAssignments(db);
    if (reassigned > 0 || handedOut > 0) log.info({ reassigned, handedOut }, 'assignments handed out by the policies');
  };
}
