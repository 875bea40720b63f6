import type { FastifyBaseLogger } from 'fastify';
import type { CronItem, Task } from 'graphile-worker';
import type { Database } from '../../db/database.js';
import { SESSION_MAX_AGE_MS } from './sessions.js';
import { deleteEndedSignIns } from './sessions.repository.js';

/** The background job that removes ended staff sessions and spent sign-in links and attempts. */
export const SIGN_IN_HOUSEKEEPING_TASK = 'remove-ended-sign-ins';

/** Hourly, at 43 minutes past: away from the full hour and from the idempotency purge. */
const SCHEDULE = '43 * * * *';

/** Used and expired links and attempts are kept this long. */
const GRACE_MS = 24 * 60 * 60 * 1000;

export const signInHousekeepingCron: CronItem = { task: SIGN_IN_HOUSEKEEPING_TASK, match: SCHEDULE, identifier: SIGN_IN_HOUSEKEEPING_TASK };

export function signInHousekeepingTask(db: Database, idleMinutes: number, log: FastifyBaseLogger): Task {
  return async () => {
    const removed = await deleteEndedSignIns(db, { idleMs: idleMinutes * 60_000, maxAgeMs: SESSION_MAX_AGE_MS, graceMs: GRACE_MS });
    if (removed.sessions + removed.links + removed.attempts > 0) log.info(removed, 'ended staff sessions and spent sign-in links removed');
  };
}
