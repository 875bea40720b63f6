import { Logger, runMigrations } from 'graphile-worker';
import { sql, type Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { DB } from '../../db/schema.js';

// Delivery runs on graphile-worker, a job queue kept in PostgreSQL (schema
// graphile_worker). Jobs are added with its SQL function inside the caller's transaction,
// so a job exists exactly when the change that asked for it commits.

export const DELIVERY_TASK = 'deliver-webhook';

export interface DeliveryJob {
  deliveryId: string;
  trigger: 'scheduled' | 'manual';
}

// A job that throws (the database went away mid-attempt) is retried by graphile-worker
// itself; this bounds those infrastructure retries, not the webhook schedule.
const MAX_JOB_ATTEMPTS = 10;

/**
 * Queues one attempt of each delivery at `runAt` (now by default), in one call however
 * many there are (one NOTIFY per transaction: the outbox runs inside every case change).
 * The job key makes a delivery have at most one waiting job: a manual retry replaces a
 * scheduled one; a job already running keeps running and the new one follows it.
 */
export async function enqueueDeliveries(
  db: Kysely<DB>,
  deliveryIds: string[],
  { runAt, trigger = 'scheduled' }: { runAt?: Date; trigger?: DeliveryJob['trigger'] } = {},
): Promise<void> {
  if (deliveryIds.length === 0) return;
  await sql`
    SELECT FROM graphile_worker.add_jobs((
      SELECT array_agg(ROW(
        ${DELIVERY_TASK}::text,
        json_build_object('deliveryId', d.id, 'trigger', ${trigger}::text),
        NULL::text,
        ${runAt ?? null}::timestamptz,
        ${MAX_JOB_ATTEMPTS}::int,
        'webhook-delivery:' || d.id,
        NULL::int,
        NULL::text[])::graphile_worker.job_spec)
      FROM unnest(${deliveryIds}::uuid[]) AS d(id)))`.execute(db);
}

/** graphile-worker's log lines, through the service's pino logger. */
export function queueLogger(log: FastifyBaseLogger): Logger {
  return new Logger((scope) => (level, message, meta) => {
    const fields = { queue: 'graphile-worker', ...(scope.taskIdentifier ? { task: scope.taskIdentifier } : {}), ...(scope.jobId ? { jobId: scope.jobId } : {}), ...meta };
    if (level === 'error') log.error(fields, message);
    else if (level === 'warning') log.warn(fields, message);
    else if (level === 'info') log.info(fields, message);
    else log.debug(fields, message);
  });
}

/** Creates or updates the job queue's own schema (graphile_worker); safe to run concurrently. */
export async function migrateJobQueue(connectionString: string, log?: FastifyBaseLogger): Promise<void> {
  await runMigrations({ connectionString, maxPoolSize: 1, ...(log ? { logger: queueLogger(log) } : {}) });
}
