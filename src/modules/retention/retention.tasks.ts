import type { FastifyBaseLogger } from 'fastify';
import type { CronItem, Task } from 'graphile-worker';
import type { Database } from '../../db/database.js';
import { runRetention } from './retention.run.js';

/** The nightly job that applies the retention schedule. */
export const RETENTION_TASK = 'apply-retention-schedule';

/**
 * Every night at 02:45, when nobody works cases. The job queue's cron makes one job per
 * night however many workers run (and the run itself is safe beside another anyway).
 */
export const RETENTION_CRON: CronItem = {
  task: RETENTION_TASK,
  match: '45 2 * * *',
  identifier: RETENTION_TASK,
  // A night missed while no worker ran is not made up: the next night does its work.
  options: { backfillPeriod: 0, maxAttempts: 3 },
};

export function retentionTask(db: Database, log: FastifyBaseLogger): Task {
  // A worker shutting down aborts the run between batches; the next night goes on from there.
  return async (_payload, helpers) => {
    await runRetention(db, { trigger: 'schedule', signal: helpers.abortSignal, log });
  };
}
