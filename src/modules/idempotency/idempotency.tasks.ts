import type { FastifyBaseLogger } from 'fastify';
import type { Task } from 'graphile-worker';
import type { Database } from '../../db/database.js';
import { deleteExpiredKeys } from './idempotency.repository.js';

/** The background job that forgets idempotency keys older than the retention. */
export const PURGE_IDEMPOTENCY_TASK = 'purge-idempotency-keys';

/** Hourly, at 17 minutes past: away from the full hour, when other jobs tend to run. */
export const PURGE_IDEMPOTENCY_SCHEDULE = '17 * * * *';

export function purgeIdempotencyKeysTask(db: Database, retentionHours: number, log: FastifyBaseLogger): Task {
  return async () => {
    const purged = await deleteExpiredKeys(db, retentionHours);
    if (purged > 0) log.info({ purged }, 'expired idempotency keys purged');
  };
}
