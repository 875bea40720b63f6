import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';

// What the service's state says to an operator, read at scrape time. Each query is served
// by an index (or by a table that holds only pending work), so a scrape stays cheap however
// many cases the service has handled.

export interface DepartmentQueueRow {
  department: string;
  status: 'queued' | 'in_progress' | 'waiting';
  count: number;
}

/** Open assignments per department and status. */
export async function openAssignmentsByDepartment(db: Kysely<DB>): Promise<DepartmentQueueRow[]> {
  return db
    .selectFrom('assignments')
    .select(['department_code as department', 'status', sql<number>`count(*)::int`.as('count')])
    .where('status', 'in', ['queued', 'in_progress', 'waiting'])
    .groupBy(['department_code', 'status'])
    .execute() as Promise<DepartmentQueueRow[]>;
}

/** Open assignments past their due date, per department. */
export async function overdueAssignmentsByDepartment(db: Kysely<DB>, today: string): Promise<{ department: string; count: number }[]> {
  return db
    .selectFrom('assignments')
    .select(['department_code as department', sql<number>`count(*)::int`.as('count')])
    .where('status', 'in', ['queued', 'in_progress', 'waiting'])
    .where('due_date', '<', sql<string>`${today}::date`)
    .groupBy('department_code')
    .execute();
}

export interface JobQueueRow {
  task: string;
  /** Waiting to run now, running, or scheduled for later (retries with backoff, cron). */
  state: 'ready' | 'running' | 'scheduled';
  count: number;
  /** Seconds since the oldest job in this state became due (0 for scheduled jobs). */
  oldestAgeSeconds: number;
}

/** The job queue (webhook deliveries, mail, scheduled work): graphile-worker keeps only unfinished jobs. */
export async function jobQueue(db: Kysely<DB>): Promise<JobQueueRow[]> {
  const { rows } = await sql<JobQueueRow>`
    SELECT task_identifier AS task,
           CASE WHEN locked_at IS NOT NULL THEN 'running' WHEN run_at <= now() THEN 'ready' ELSE 'scheduled' END AS state,
           count(*)::int AS count,
           coalesce(extract(epoch FROM now() - min(run_at) FILTER (WHERE run_at <= now())), 0)::float8 AS "oldestAgeSeconds"
      FROM graphile_worker.jobs
     GROUP BY 1, 2`.execute(db);
  return rows;
}

/** Webhook deliveries not (yet) delivered: retrying, or given up. */
export async function undeliveredWebhooks(db: Kysely<DB>): Promise<{ status: 'pending' | 'failed'; count: number }[]> {
  return db
    .selectFrom('webhook_deliveries')
    .select(['status', sql<number>`count(*)::int`.as('count')])
    .where('status', '<>', 'delivered')
    .groupBy('status')
    .execute() as Promise<{ status: 'pending' | 'failed'; count: number }[]>;
}

/** Mail waiting in the outbox, and mail the SMTP server refused for good. */
export async function mailState(db: Kysely<DB>): Promise<{ outbox: number; failed: number }> {
  const { rows } = await sql<{ outbox: number; failed: number }>`
    SELECT (SELECT count(*) FROM notification_outbox)::int AS outbox,
           (SELECT count(*) FROM notifications_sent WHERE outcome = 'failed')::int AS failed`.execute(db);
  return rows[0] ?? { outbox: 0, failed: 0 };
}
