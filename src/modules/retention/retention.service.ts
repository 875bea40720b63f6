import type { Database } from '../../db/database.js';
import type { Caller, Principal } from '../../domain/principal.js';
import { dueCutoffs, type NoteScope, periodErrors, type RetentionPeriods } from '../../domain/retention.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.js';
import {
  type CaseArchive,
  findCaseArchive,
  lockCaseForRetention,
  type LegalHold,
  saveLegalHold,
  summariseDue,
  summariseHeldDue,
  type DueSummary,
} from '../cases/case-retention.repository.js';
import { eraseLockedCases } from './erasure.js';
import { findCurrentSchedule, findRuns, findScheduleHistory, insertSchedule, type RunRow, type ScheduleRow } from './retention.repository.js';

/** The schedule in force and its earlier versions; before any is set, nothing is ever due. */
export async function getSchedule(db: Database): Promise<{ current: ScheduleRow | null; history: ScheduleRow[] }> {
  const history = await findScheduleHistory(db, 50);
  return { current: history[0] ?? null, history };
}

/** Sets a new version of the schedule; 400 naming the field when a period is out of bounds. */
export async function setSchedule(db: Database, principal: Principal, periods: RetentionPeriods): Promise<{ current: ScheduleRow | null; history: ScheduleRow[] }> {
  const errors = periodErrors(periods);
  if (errors.length > 0) throw new ValidationError(errors.map((e) => ({ path: `body.${e.field}`, message: e.message })));
  await db.transaction().execute((trx) => insertSchedule(trx, periods, principal.userId));
  return getSchedule(db);
}

/** How many references a dry run lists per action; the counts are always whole. */
export const DRY_RUN_REFERENCES = 1000;

export interface DryRun {
  asOf: Date;
  schedule: ScheduleRow | null;
  anonymise: DueSummary;
  delete: DueSummary;
  held: DueSummary;
}

/**
 * What a run would do now, read in one snapshot (REPEATABLE READ), changing nothing: the
 * cases it would delete, those whose contact it would anonymise, and the held ones it
 * would leave although they are due.
 */
export async function dryRun(db: Database, asOf = new Date()): Promise<DryRun> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const schedule = await findCurrentSchedule(trx);
      const periods = schedule ?? { anonymiseContactAfterDays: null, deleteCaseAfterDays: null };
      const cutoffs = dueCutoffs(periods, asOf);
      return {
        asOf,
        schedule,
        delete: await summariseDue(trx, 'delete', cutoffs, DRY_RUN_REFERENCES),
        anonymise: await summariseDue(trx, 'anonymise', cutoffs, DRY_RUN_REFERENCES),
        held: await summariseHeldDue(trx, cutoffs, DRY_RUN_REFERENCES),
      };
    });
}

export interface HoldResult {
  caseId: string;
  reference: string;
  legalHold: LegalHold | null;
}

/** Puts a case under legal hold or releases it; the change and its reason go into the case's history. */
export async function setLegalHold(db: Database, principal: Principal, caseId: string, change: { hold: boolean; reason: string }): Promise<HoldResult> {
  return db.transaction().execute(async (trx) => {
    const kase = await lockCaseForRetention(trx, caseId);
    if (!kase) throw new NotFoundError('No such case.');
    const unchanged = !change.hold && kase.legalHold === null;
    if (unchanged) return { caseId, reference: kase.reference, legalHold: null };
    await saveLegalHold(trx, caseId, change.hold ? { reason: change.reason } : null, { userId: principal.userId, role: principal.role }, change.reason);
    const after = await lockCaseForRetention(trx, caseId);
    return { caseId, reference: kase.reference, legalHold: after?.legalHold ?? null };
  });
}

export interface ErasureResult {
  caseId: string;
  reference: string;
  erasedAt: Date;
  notes: NoteScope;
  notesReplaced: number;
}

/**
 * Erases the case's personal data now, on a request (a data subject's, through an admin),
 * everywhere the service keeps it. A held case is refused (409 naming the hold): the hold
 * must be lifted first, on the record.
 */
export async function eraseCase(db: Database, principal: Principal, caseId: string, request: { reason: string; notes: NoteScope }): Promise<ErasureResult> {
  return db.transaction().execute(async (trx) => {
    const kase = await lockCaseForRetention(trx, caseId);
    if (!kase) throw new NotFoundError('No such case.');
    if (kase.legalHold) {
      throw new ConflictError(
        `The case is under legal hold since ${kase.legalHold.since.toISOString()} ("${kase.legalHold.reason}"); release the hold before erasing.`,
        { legalHold: { reason: kase.legalHold.reason, since: kase.legalHold.since.toISOString() } },
      );
    }
    const replaced = await eraseLockedCases(trx, [kase], {
      trigger: 'request',
      reason: request.reason,
      notes: request.notes,
      actor: { userId: principal.userId, role: principal.role },
    });
    return { caseId, reference: kase.reference, erasedAt: new Date(), notes: request.notes, notesReplaced: replaced.get(caseId) ?? 0 };
  });
}

/** The whole case as one document for the archive; the read is logged like any other. */
export async function caseArchive(db: Database, caller: Caller, caseId: string): Promise<CaseArchive> {
  const archive = await db.transaction().execute((trx) =>
    findCaseArchive(trx, caseId, {
      caseId,
      userId: caller.principal.userId,
      tokenId: caller.principal.tokenId,
      role: caller.principal.role,
      action: 'getCaseArchive',
      requestId: caller.requestId,
    }),
  );
  if (!archive) throw new NotFoundError('No such case.');
  return archive;
}

export async function listRuns(db: Database, limit: number): Promise<RunRow[]> {
  return findRuns(db, limit);
}
