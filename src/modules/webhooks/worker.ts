import { type CronItem, parseCronItems, run, type TaskList } from 'graphile-worker';
import pg from 'pg';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import { keyRingOf } from '../../secrets/secrets-key.js';
import { PURGE_IDEMPOTENCY_SCHEDULE, PURGE_IDEMPOTENCY_TASK, purgeIdempotencyKeysTask } from '../idempotency/idempotency.tasks.js';
import { attemptDelivery, type DeliveryDeps } from './delivery.service.js';
import { DELIVERY_TASK, type DeliveryJob, queueLogger } from './job-queue.js';

export interface DeliveryWorkerOptions {
  connectionString: string;
  db: Database;
  config: Pick<
    Config,
    | 'WEBHOOK_RETRY_SCHEDULE'
    | 'WEBHOOK_TIMEOUT_MS'
    | 'WEBHOOK_ALLOW_PRIVATE_NETWORKS'
    | 'WEBHOOK_CONCURRENCY'
    | 'WEBHOOK_POLL_INTERVAL_MS'
    | 'IDEMPOTENCY_RETENTION_HOURS'
    | 'SECRETS_KEY'
    | 'SECRETS_KEY_PREVIOUS'
  >;
  log: FastifyBaseLogger;
  /** Further tasks to run on the same queue (the messages to enterprises). */
  tasks?: TaskList;
  /** Loops that run beside the queue's runner and stop with it (the notification relay). */
  loops?: ReadonlyArray<() => { stop(): Promise<void> }>;
  /** Further recurring jobs, whose tasks are among `tasks` (the sign-in housekeeping). */
  cron?: CronItem[];
}

function isDeliveryJob(payload: unknown): payload is DeliveryJob {
  const job = payload as Partial<DeliveryJob> | null;
  return typeof job?.deliveryId === 'string' && (job.trigger === 'scheduled' || job.trigger === 'manual');
}

export interface DeliveryWorker {
  /** Lets running attempts finish, then closes the worker's connections. */
  stop(): Promise<void>;
}

/**
 * Starts graphile-worker with the delivery task. It brings its own schema up to date,
 * wakes on LISTEN/NOTIFY for new jobs and polls for retries that have become due; any
 * number of these may run against one database (jobs are taken with SKIP LOCKED).
 */
export async function startDeliveryWorker({ connectionString, db, config, log, tasks = {}, loops = [], cron = [] }: DeliveryWorkerOptions): Promise<DeliveryWorker> {
  const deps: DeliveryDeps = {
    db,
    retrySchedule: config.WEBHOOK_RETRY_SCHEDULE,
    send: { timeoutMs: config.WEBHOOK_TIMEOUT_MS, allowPrivateNetworks: config.WEBHOOK_ALLOW_PRIVATE_NETWORKS },
    log,
    keys: keyRingOf(config),
  };
  // A pool of our own, so that a connection dropped by the server (a restart, a shutdown
  // racing ours) is an event we log rather than an uncaught error that ends the process.
  const pool = new pg.Pool({ connectionString, max: config.WEBHOOK_CONCURRENCY + 2, application_name: 'one-entry-webhooks' });
  pool.on('error', (err) => log.warn({ err: { message: err.message } }, 'job queue connection lost'));
  const options = {
    pgPool: pool,
    concurrency: config.WEBHOOK_CONCURRENCY,
    // Housekeeping rides on the same queue. The recurring jobs are given here, so that
    // graphile-worker does not look for a crontab file.
    parsedCronItems: parseCronItems([{ task: PURGE_IDEMPOTENCY_TASK, match: PURGE_IDEMPOTENCY_SCHEDULE, identifier: PURGE_IDEMPOTENCY_TASK }, ...cron]),
    pollInterval: config.WEBHOOK_POLL_INTERVAL_MS,
    // The process owner (server.ts, the worker CLI, a test) decides when to stop.
    noHandleSignals: true,
    logger: queueLogger(log),
    taskList: {
      ...tasks,
      [DELIVERY_TASK]: async (payload: unknown) => {
        if (!isDeliveryJob(payload)) {
          log.error({ payload }, 'malformed webhook delivery job dropped');
          return;
        }
        await attemptDelivery(deps, payload);
      },
      [PURGE_IDEMPOTENCY_TASK]: purgeIdempotencyKeysTask(db, config.IDEMPOTENCY_RETENTION_HOURS, log),
    },
  };
  const runner = await run(options).catch(async (error: unknown) => {
    await pool.end();
    throw error;
  });
  const running = loops.map((start) => start());
  return {
    async stop() {
      await Promise.all(running.map((loop) => loop.stop()));
      await runner.stop();
      await pool.end();
    },
  };
}
