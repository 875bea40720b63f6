import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { RetentionPeriods } from '../../domain/retention.js';

export interface ScheduleRow extends RetentionPeriods {
  version: number;
  createdAt: Date;
  createdBy: string | null;
  createdByName: string | null;
}

function selectSchedules(db: Kysely<DB>) {
  return db
    .selectFrom('retention_schedules as s')
    .leftJoin('users as u', 'u.id', 's.created_by')
    .select([
      's.version',
      's.anonymise_contact_after_days as anonymiseContactAfterDays',
      's.delete_case_after_days as deleteCaseAfterDays',
      's.created_at as createdAt',
      's.created_by as createdBy',
      'u.name as createdByName',
    ]);
}

/** The schedule in force: the newest version; null before any was set. */
export async function findCurrentSchedule(db: Kysely<DB>): Promise<ScheduleRow | null> {
  return (await selectSchedules(db).orderBy('s.version', 'desc').limit(1).executeTakeFirst()) ?? null;
}

/** Every version, newest first. */
export async function findScheduleHistory(db: Kysely<DB>, limit: number): Promise<ScheduleRow[]> {
  return selectSchedules(db).orderBy('s.version', 'desc').limit(limit).execute();
}

/**
 * Writes a new version. Two admins saving at once: the version is the primary key, so the
 * second insert of the same number fails rather than one silently replacing the other;
 * the table lock makes the second wait and take the next number instead.
 */
export async function insertSchedule(trx: Transaction<DB>, periods: RetentionPeriods, userId: string): Promise<number> {
  await sql`LOCK TABLE retention_schedules IN SHARE ROW EXCLUSIVE MODE`.execute(trx);
  const row = await trx
    .insertInto('retention_schedules')
    .values((eb) => ({
      version: eb.selectFrom('retention_schedules').select(sql<number>`coalesce(max(version), 0) + 1`.as('next')),
      anonymise_contact_after_days: periods.anonymiseContactAfterDays,
      delete_case_after_days: periods.deleteCaseAfterDays,
      created_by: userId,
    }))
    .returning('version')
    .executeTakeFirstOrThrow();
  return row.version;
}

export interface RunError {
  reference: string;
  message: string;
}

export interface RunRow {
  id: string;
  scheduleVersion: number | null;
  trigger: 'schedule' | 'manual';
  status: 'running' | 'finished' | 'stopped' | 'failed';
  startedAt: Date;
  finishedAt: Date | null;
  anonymised: number;
  deleted: number;
  failed: number;
  errors: RunError[];
}

export async function insertRun(db: Kysely<DB>, run: { scheduleVersion: number | null; trigger: 'schedule' | 'manual' }): Promise<string> {
  const row = await db
    .insertInto('retention_runs')
    .values({ schedule_version: run.scheduleVersion, trigger: run.trigger, status: 'running', errors: '[]' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Adds a batch's counts to the run, in the batch's own transaction: a run stopped halfway says what it did. */
export async function addToRun(
  db: Kysely<DB>,
  runId: string,
  counts: { anonymised?: number; deleted?: number; failed?: number; errors?: RunError[] },
): Promise<void> {
  await db
    .updateTable('retention_runs')
    .set({
      anonymised: sql`anonymised + ${counts.anonymised ?? 0}`,
      deleted: sql`deleted + ${counts.deleted ?? 0}`,
      failed: sql`failed + ${counts.failed ?? 0}`,
      errors: sql`errors || ${JSON.stringify(counts.errors ?? [])}::jsonb`,
    })
    .where('id', '=', runId)
    .execute();
}

export async function finishRun(db: Kysely<DB>, runId: string, status: 'finished' | 'stopped' | 'failed'): Promise<void> {
  await db.updateTable('retention_runs').set({ status, finished_at: sql`now()` }).where('id', '=', runId).execute();
}

export async function findRuns(db: Kysely<DB>, limit: number): Promise<RunRow[]> {
  return db
    .selectFrom('retention_runs')
    .select([
      'id',
      'schedule_version as scheduleVersion',
      'trigger',
      'status',
      'started_at as startedAt',
      'finished_at as finishedAt',
      'anonymised',
      'deleted',
      'failed',
      'errors',
    ])
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function findRun(db: Kysely<DB>, runId: string): Promise<RunRow | null> {
  return (
    (await db
      .selectFrom('retention_runs')
      .select([
        'id',
        'schedule_version as scheduleVersion',
        'trigger',
        'status',
        'started_at as startedAt',
        'finished_at as finishedAt',
        'anonymised',
        'deleted',
        'failed',
        'errors',
      ])
      .where('id', '=', runId)
      .executeTakeFirst()) ?? null
  );
}
