import type { Database } from '../../db/database.js';
import { type CaseFacts, caseFacts, type GroupBy, type Period, type StatisticsRow } from '../../domain/statistics.js';
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

/**
 * Reads every case's history once and replaces the snapshot: one facts row per case and
 * the public figures. The only code that reads the case tables for statistics. One
 * transaction, so readers see the old snapshot until the new one is complete.
 */
export async function refreshSnapshot(deps: StatisticsDeps, now: () => Date = () => new Date()): Promise<SnapshotResult> {
  return deps.db.transaction().execute(async (trx) => {
    await lockRefresh(trx);
    const started = now();
    const [ruleNames, publicTopics] = await Promise.all([readRuleNames(trx), readPublicTopics(trx)]);
    const figures = new PublicFiguresBuilder(publicTopics);
    await deleteAllFacts(trx);
    let after: string | null = null;
    let cases = 0;
    for (;;) {
      const histories = await readCaseHistories(trx, after, BATCH);
      if (histories.length === 0) break;
      const facts: CaseFacts[] = histories.map((history) => caseFacts(history, deps.calendar, started));
      for (const f of facts) figures.add(f);
      await insertFacts(trx, facts, ruleNames);
      cases += facts.length;
      after = histories[histories.length - 1]?.caseId ?? null;
      if (histories.length < BATCH) break;
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
