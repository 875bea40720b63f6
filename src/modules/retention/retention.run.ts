import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../db/database.js';
import { type DueCutoffs, dueCutoffs } from '../../domain/retention.js';
import { type DueAction, lockCaseForRetention, lockDueCases, type RetentionCase } from '../cases/case-retention.repository.js';
import { deleteLockedCases, eraseLockedCases } from './erasure.js';
import { addToRun, findCurrentSchedule, findRun, finishRun, insertRun, type RunError, type RunRow, type ScheduleRow } from './retention.repository.js';

export interface RunOptions {
  trigger: 'schedule' | 'manual';
  /** Cases per transaction: large enough to be quick, small enough that no lock is held for long. */
  batchSize?: number;
  /** Stops between batches when aborted (the worker shutting down); the next run goes on from there. */
  signal?: AbortSignal;
  log?: FastifyBaseLogger;
  /** The moment the schedule is applied as of (tests); now otherwise. */
  asOf?: Date;
  /** Told of each batch committed, with how long its transaction (and so its locks) lasted (benchmarks). */
  onBatch?: (batch: { action: DueAction; cases: number; ms: number }) => void;
}

export const DEFAULT_BATCH_SIZE = 50;

/**
 * Applies the schedule in force: deletes the cases due for deletion, then anonymises the
 * contacts due for it, batch by batch. Each batch is one transaction that locks its cases
 * with SKIP LOCKED, acts on them and adds its counts to the run's record: several runs at
 * once (several instances, a manual run beside the nightly one) share the work and never
 * act on a case twice, and a run stopped at any point leaves every case done or untouched,
 * for the next run to finish. A batch that fails is tried again case by case, so one bad
 * case is recorded as an error and the rest go on.
 */
export async function runRetention(db: Database, options: RunOptions): Promise<RunRow> {
  const schedule = await findCurrentSchedule(db);
  const runId = await insertRun(db, { scheduleVersion: schedule?.version ?? null, trigger: options.trigger });
  const started = Date.now();
  let status: 'finished' | 'stopped' | 'failed' = 'finished';
  try {
    if (schedule) {
      const cutoffs = dueCutoffs(schedule, options.asOf ?? new Date());
      for (const action of ['delete', 'anonymise'] as const) {
        await applyAction(db, runId, schedule, action, cutoffs, options);
        if (options.signal?.aborted) break;
      }
    }
    if (options.signal?.aborted) status = 'stopped';
  } catch (err) {
    status = 'failed';
    await addToRun(db, runId, { errors: [{ reference: '', message: (err as Error).message }] }).catch(() => undefined);
    throw err;
  } finally {
    await finishRun(db, runId, status).catch(() => undefined);
    const run = await findRun(db, runId).catch(() => null);
    options.log?.info(
      { runId, status, anonymised: run?.anonymised, deleted: run?.deleted, failed: run?.failed, durationMs: Date.now() - started },
      'retention run ended',
    );
  }
  const run = await findRun(db, runId);
  if (!run) throw new Error(`retention run ${runId} vanished`);
  return run;
}

async function applyAction(db: Database, runId: string, schedule: ScheduleRow, action: DueAction, cutoffs: DueCutoffs, options: RunOptions): Promise<void> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  // Cases that failed in this run are not taken again by it: they would fail again.
  const failed = new Set<string>();
  // Where the last batch ended, in (closed_at, id) order. A case passed over because
  // someone else held it is left for the next run, like any locked case. (A Date keeps
  // milliseconds of PostgreSQL's microseconds: the seek starts a little early, never late.)
  let after: { closedAt: Date; id: string } | undefined;
  for (;;) {
    if (options.signal?.aborted) return;
    let taken: RetentionCase[];
    const began = performance.now();
    try {
      taken = await db.transaction().execute(async (trx) => {
        const cases = await lockDueCases(trx, action, cutoffs, batchSize, [...failed], undefined, after);
        await act(trx, schedule, action, cases);
        await addToRun(trx, runId, action === 'delete' ? { deleted: cases.length } : { anonymised: cases.length });
        return cases;
      });
    } catch (err) {
      options.log?.warn({ err: { message: (err as Error).message }, runId, action }, 'retention batch failed; trying its cases one by one');
      const errors = await oneByOne(db, runId, schedule, action, cutoffs, batchSize, failed);
      if (errors === 0) return;
      continue;
    }
    if (taken.length === 0) return;
    const last = taken[taken.length - 1];
    if (last?.closedAt) after = { closedAt: last.closedAt, id: last.id };
    options.onBatch?.({ action, cases: taken.length, ms: performance.now() - began });
  }
}

/** After a batch failed: each due case in a transaction of its own, recording those that fail. */
async function oneByOne(
  db: Database,
  runId: string,
  schedule: ScheduleRow,
  action: DueAction,
  cutoffs: DueCutoffs,
  batchSize: number,
  failed: Set<string>,
): Promise<number> {
  const candidates = await db.transaction().execute((trx) => lockDueCases(trx, action, cutoffs, batchSize, [...failed]));
  let errors = 0;
  for (const candidate of candidates) {
    try {
      await db.transaction().execute(async (trx) => {
        const kase = await lockCaseForRetention(trx, candidate.id);
        // Checked again under the lock: another run may have acted on it meanwhile.
        const still = kase ? await lockDueCases(trx, action, cutoffs, 1, [...failed], kase.id) : [];
        if (still.length === 0) return;
        await act(trx, schedule, action, still);
        await addToRun(trx, runId, action === 'delete' ? { deleted: 1 } : { anonymised: 1 });
      });
    } catch (err) {
      errors += 1;
      failed.add(candidate.id);
      const error: RunError = { reference: candidate.reference, message: (err as Error).message };
      await addToRun(db, runId, { failed: 1, errors: [error] });
    }
  }
  return errors + candidates.length;
}

async function act(trx: Parameters<typeof eraseLockedCases>[0], schedule: ScheduleRow, action: DueAction, cases: readonly RetentionCase[]): Promise<void> {
  if (cases.length === 0) return;
  if (action === 'delete') {
    await deleteLockedCases(trx, cases);
    return;
  }
  await eraseLockedCases(trx, cases, {
    trigger: 'schedule',
    reason: `Retention schedule version ${schedule.version}: contacts are anonymised ${schedule.anonymiseContactAfterDays} days after resolution`,
    scheduleVersion: schedule.version,
    notes: 'all',
    actor: { userId: null, role: 'system' },
  });
}
