import type { Database } from '../../db/database.js';
import { type CaseFacts, caseFacts, type CaseHistory, type GroupBy, type Period, type StatisticsRow } from '../../domain/statistics.js';
import { type PublicFigures, PublicFiguresBuilder } from '../../domain/statistics-public.js';
import { danishDate, type WorkingDayCalendar } from '../../domain/working-days.js';
import {
  aggregateFacts,
  aggregateRouting,
  deleteAllFacts,
  findPublicFigures,
  findSnapshotInfo,
  insertFacts,
  lockRefresh,
  readCaseHistories,
  readPublicTopics,
  readRuleNames,
  saveSnapshot,
} from './statistics.repository.js';

export interface StatisticsDeps {
  db: Database;
  calendar: WorkingDayCalendar;
}

/** Cases read and written per round trip of a refresh: large enough to be quick, small enough to keep memory flat. */
const BATCH = 2000;

export interface SnapshotResult {
  generatedAt: Date;
  cases: number;
  durationMs: number;
}

export interface RefreshOptions {
  now?: () => Date;
  /** Cases per round trip; smaller only in tests, to take the many-batch path with few cases. */
  batchSize?: number;
}

/**
 * Reads every case's history once and replaces the snapshot: one facts row per case and
 * the public figures. The only code that reads the case tables for statistics. One
 * transaction, so readers see the old snapshot until the new one is complete.
 */
export async function refreshSnapshot(deps: StatisticsDeps, { now = () => new Date(), batchSize = BATCH }: RefreshOptions = {}): Promise<SnapshotResult> {
  return deps.db.transaction().execute(async (trx) => {
    await lockRefresh(trx);
    const started = now();
    const ruleNames = await readRuleNames(trx);
    const figures = new PublicFiguresBuilder(await readPublicTopics(trx));
    await deleteAllFacts(trx);
    let cases = 0;
    // The next batch is asked for before this one's facts are worked out, so the database
    // reads while the process computes (the connection runs the statements in order).
    let next: Promise<CaseHistory[]> = readCaseHistories(trx, null, batchSize);
    for (;;) {
      const histories: CaseHistory[] = await next;
      if (histories.length === 0) break;
      const last = histories[histories.length - 1]?.caseId ?? null;
      next = histories.length < batchSize || last === null ? Promise.resolve([]) : readCaseHistories(trx, last, batchSize);
      // Should this batch fail, the read ahead ends with the transaction; its error is not the one to report.
      next.catch(() => undefined);
      const facts: CaseFacts[] = histories.map((history) => caseFacts(history, deps.calendar, started));
      for (const f of facts) figures.add(f);
      await insertFacts(trx, facts, ruleNames);
      cases += facts.length;
    }
    const generatedAt = now();
    const durationMs = generatedAt.getTime() - started.getTime();
    await saveSnapshot(trx, {
      generatedAt,
      cases,
      durationMs,
      publicFigures: figures.build(generatedAt, danishDate(generatedAt).slice(0, 7)),
    });
    return { generatedAt, cases, durationMs };
  });
}

export interface StatisticsReport {
  from: string;
  to: string;
  groupBy: GroupBy;
  generatedAt: Date | null;
  rows: StatisticsRow[];
}

/** The figures of the period from the snapshot; with no snapshot yet, no rows and no `generatedAt`. */
export async function statisticsReport(db: Database, period: Period, groupBy: GroupBy): Promise<StatisticsReport> {
  // One snapshot of the snapshot: a refresh committing meanwhile changes neither half.
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const info = await findSnapshotInfo(trx);
      const rows = await aggregateFacts(trx, period, groupBy);
      return { ...period, groupBy, generatedAt: info?.generatedAt ?? null, rows };
    });
}

export interface RoutingReportRow {
  ruleId: string | null;
  ruleName: string | null;
  department: string;
  led: number;
  transferredAway: number;
  transferredTo: { department: string; cases: number }[];
}

export interface RoutingReport {
  from: string;
  to: string;
  generatedAt: Date | null;
  rules: RoutingReportRow[];
}

export async function routingReport(db: Database, period: Period): Promise<RoutingReport> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const info = await findSnapshotInfo(trx);
      const rules = await aggregateRouting(trx, period);
      return { ...period, generatedAt: info?.generatedAt ?? null, rules };
    });
}

export async function publicFigures(db: Database): Promise<PublicFigures | null> {
  return findPublicFigures(db);
}
