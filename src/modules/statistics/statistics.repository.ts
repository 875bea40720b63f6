import { type Kysely, type Transaction, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { type CaseFacts, type CaseHistory, type GroupBy, type Period, type RoutingRow, type Spread, STATISTICS_EVENT_TYPES, type StatisticsRow } from '../../domain/statistics.js';
import type { PublicFigures, PublicTopic } from '../../domain/statistics-public.js';

// Refreshes are serialised on this advisory lock: a second one waits for the first to
// commit and then replaces its facts, rather than colliding with them.
const REFRESH_LOCK = 7436114;

export async function lockRefresh(trx: Transaction<DB>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${REFRESH_LOCK})`.execute(trx);
}

/**
 * One batch of case histories, in case id order after `after`. Each case comes with its
 * events in one statement, so a case and its history are read as one state. Only the
 * events the statistics read are fetched, and without their free text (note bodies,
 * reasons), which the statistics never need.
 */
export async function readCaseHistories(trx: Transaction<DB>, after: string | null, limit: number): Promise<CaseHistory[]> {
  // Each event as [type, epoch milliseconds, department, data]: compact to send and to parse.
  const { rows } = await sql<{
    id: string;
    received_at: Date;
    due_date: string;
    topics: string[];
    lead_department: string;
    events: [string, number, string | null, Record<string, unknown>][];
  }>`
    SELECT c.id, i.received_at, c.due_date, i.topics, c.lead_department,
           COALESCE((SELECT json_agg(json_build_array(e.type, (extract(epoch FROM e.created_at) * 1000)::float8, e.department,
                                                      e.data - 'body' - 'reason') ORDER BY e.id)
                       FROM case_events e
                      WHERE e.case_id = c.id AND e.type = ANY(${[...STATISTICS_EVENT_TYPES]}::text[])), '[]') AS events
      FROM cases c
      JOIN inquiries i ON i.id = c.inquiry_id
     WHERE ${after === null ? sql`true` : sql`c.id > ${after}`}
     ORDER BY c.id
     LIMIT ${limit}
  `.execute(trx);
  return rows.map((row) => ({
    caseId: row.id,
    receivedAt: row.received_at,
    expectedResponseBy: row.due_date,
    topics: row.topics,
    leadDepartment: row.lead_department,
    events: row.events.map(([type, at, department, data]) => ({ type, at: new Date(at), department, data })),
  }));
}

/** Every rule's name, from the newest version that has the rule. */
export async function readRuleNames(trx: Transaction<DB>): Promise<Map<string, string>> {
  const tables = await trx.selectFrom('routing_tables').select(['version', 'rules']).orderBy('version').execute();
  const names = new Map<string, string>();
  for (const table of tables) for (const rule of table.rules) names.set(rule.id, rule.name);
  return names;
}

export async function readPublicTopics(trx: Transaction<DB>): Promise<PublicTopic[]> {
  const rows = await trx
    .selectFrom('topics')
    .select(['code', 'name_da', 'name_en'])
    .where('public', '=', true)
    .where('active', '=', true)
    .orderBy('sort_order')
    .orderBy('code')
    .execute();
  return rows.map((row) => ({ code: row.code, name: { da: row.name_da, en: row.name_en } }));
}

export async function deleteAllFacts(trx: Transaction<DB>): Promise<void> {
  await trx.deleteFrom('statistics_case_facts').execute();
}

/**
 * Writes facts rows, one array per column unnested into rows: a statement of 19
 * parameters however many rows, which PostgreSQL parses and plans in no time. Topics
 * travel as JSON text, since a row's topics are a list of their own.
 */
export async function insertFacts(trx: Transaction<DB>, facts: readonly CaseFacts[], ruleNames: ReadonlyMap<string, string>): Promise<void> {
  if (facts.length === 0) return;
  const column = <T>(pick: (f: CaseFacts) => T) => facts.map(pick);
  await sql`
    INSERT INTO statistics_case_facts (case_id, received_on, expected_response_by, lead_department, topics, pick_up_days, first_answered_on,
                                       first_answer_days, resolved_on, resolution_days, within_target, departments, transfers, involvements,
                                       routed_lead, lead_rule_id, lead_rule_name, routing_version, transferred_away_to)
    SELECT f.case_id, f.received_on, f.expected_response_by, f.lead_department,
           ARRAY(SELECT jsonb_array_elements_text(f.topics)), f.pick_up_days, f.first_answered_on,
           f.first_answer_days, f.resolved_on, f.resolution_days, f.within_target, f.departments, f.transfers, f.involvements,
           f.routed_lead, f.lead_rule_id, f.lead_rule_name, f.routing_version, f.transferred_away_to
      FROM unnest(${column((f) => f.caseId)}::uuid[], ${column((f) => f.receivedOn)}::date[], ${column((f) => f.expectedResponseBy)}::date[],
                  ${column((f) => f.leadDepartment)}::text[], ${column((f) => JSON.stringify(f.topics))}::jsonb[], ${column((f) => f.pickUpDays)}::int[],
                  ${column((f) => f.firstAnsweredOn)}::date[], ${column((f) => f.firstAnswerDays)}::int[], ${column((f) => f.resolvedOn)}::date[],
                  ${column((f) => f.resolutionDays)}::int[], ${column((f) => f.withinTarget)}::boolean[], ${column((f) => f.departments)}::int[],
                  ${column((f) => f.transfers)}::int[], ${column((f) => f.involvements)}::int[], ${column((f) => f.routedLead)}::text[],
                  ${column((f) => f.leadRuleId)}::text[], ${column((f) => (f.leadRuleId === null ? null : (ruleNames.get(f.leadRuleId) ?? null)))}::text[],
                  ${column((f) => f.routingVersion)}::int[], ${column((f) => f.transferredAwayTo)}::text[])
        AS f(case_id, received_on, expected_response_by, lead_department, topics, pick_up_days, first_answered_on, first_answer_days, resolved_on,
             resolution_days, within_target, departments, transfers, involvements, routed_lead, lead_rule_id, lead_rule_name, routing_version,
             transferred_away_to)
  `.execute(trx);
}

export async function saveSnapshot(
  trx: Transaction<DB>,
  snapshot: { generatedAt: Date; cases: number; durationMs: number; publicFigures: PublicFigures },
): Promise<void> {
  const row = {
    generated_at: snapshot.generatedAt,
    cases: snapshot.cases,
    duration_ms: snapshot.durationMs,
    public_figures: JSON.stringify(snapshot.publicFigures),
  };
  await trx
    .insertInto('statistics_snapshot')
    .values({ id: 1, ...row })
    .onConflict((oc) => oc.column('id').doUpdateSet(row))
    .execute();
}

export interface SnapshotInfo {
  generatedAt: Date;
  cases: number;
}

export async function findSnapshotInfo(db: Kysely<DB>): Promise<SnapshotInfo | null> {
  const row = await db.selectFrom('statistics_snapshot').select(['generated_at', 'cases']).executeTakeFirst();
  return row ? { generatedAt: row.generated_at, cases: row.cases } : null;
}

export async function findPublicFigures(db: Kysely<DB>): Promise<PublicFigures | null> {
  const row = await db.selectFrom('statistics_snapshot').select('public_figures').executeTakeFirst();
  return row?.public_figures ?? null;
}

export type StoredFacts = CaseFacts & { leadRuleName: string | null };

/** The facts a period's figures can depend on (see isRelevant in the domain): received in it, resolved in it, or open at its end. */
export async function readFacts(db: Kysely<DB>, period: Period, receivedOnly = false): Promise<StoredFacts[]> {
  let query = db.selectFrom('statistics_case_facts').selectAll().where('received_on', '<=', period.to);
  query = receivedOnly
    ? query.where('received_on', '>=', period.from)
    : query.where((eb) => eb.or([eb('received_on', '>=', period.from), eb('resolved_on', 'is', null), eb('resolved_on', '>=', period.from)]));
  const rows = await query.execute();
  return rows.map((row) => ({
    caseId: row.case_id,
    receivedOn: row.received_on,
    expectedResponseBy: row.expected_response_by,
    leadDepartment: row.lead_department,
    topics: row.topics,
    pickUpDays: row.pick_up_days,
    firstAnsweredOn: row.first_answered_on,
    firstAnswerDays: row.first_answer_days,
    resolvedOn: row.resolved_on,
    resolutionDays: row.resolution_days,
    withinTarget: row.within_target,
    departments: row.departments,
    transfers: row.transfers,
    involvements: row.involvements,
    routedLead: row.routed_lead,
    leadRuleId: row.lead_rule_id,
    routingVersion: row.routing_version,
    transferredAwayTo: row.transferred_away_to,
    leadRuleName: row.lead_rule_name,
  }));
}

// ---------------------------------------------------------------------------------------
// The figures, aggregated by PostgreSQL from the facts: the same definitions as
// statisticsRows and routingRows in the domain (which the tests hold these to), so that a
// request over years of cases neither reads every fact into the process nor holds it.

interface AggregateRow {
  key: string;
  received: string;
  resolved: string;
  open_at_end: string;
  pick_up_median: number | null;
  pick_up_p90: number | null;
  first_answer_median: number | null;
  first_answer_p90: number | null;
  resolution_median: number | null;
  resolution_p90: number | null;
  within_known: string;
  within_true: string;
  multi_department: string;
  transfers: string;
  involvements: string;
}

const round = (value: number | null, decimals: number) => (value === null ? null : Math.round(value * 10 ** decimals) / 10 ** decimals);
const spreadOf = (median: number | null, p90: number | null): Spread => ({ median: round(median, 1), p90: round(p90, 1) });

function toRow(row: AggregateRow): StatisticsRow {
  const known = Number(row.within_known);
  return {
    key: row.key,
    received: Number(row.received),
    resolved: Number(row.resolved),
    openAtEnd: Number(row.open_at_end),
    pickUpDays: spreadOf(row.pick_up_median, row.pick_up_p90),
    firstAnswerDays: spreadOf(row.first_answer_median, row.first_answer_p90),
    resolutionDays: spreadOf(row.resolution_median, row.resolution_p90),
    withinTarget: known === 0 ? null : round(Number(row.within_true) / known, 3),
    multiDepartment: Number(row.multi_department),
    transfers: Number(row.transfers),
    involvements: Number(row.involvements),
  };
}

/** The aggregates of one group over its period (p_from, p_to), for the cases `g` of the group. */
const figuresSql = sql`
  count(*) FILTER (WHERE g.received_on BETWEEN g.p_from AND g.p_to) AS received,
  count(*) FILTER (WHERE g.resolved_on BETWEEN g.p_from AND g.p_to) AS resolved,
  count(*) FILTER (WHERE g.received_on <= g.p_to AND (g.resolved_on IS NULL OR g.resolved_on > g.p_to)) AS open_at_end,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY g.pick_up_days) FILTER (WHERE g.received_on BETWEEN g.p_from AND g.p_to) AS pick_up_median,
  percentile_cont(0.9) WITHIN GROUP (ORDER BY g.pick_up_days) FILTER (WHERE g.received_on BETWEEN g.p_from AND g.p_to) AS pick_up_p90,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY g.first_answer_days) FILTER (WHERE g.received_on BETWEEN g.p_from AND g.p_to) AS first_answer_median,
  percentile_cont(0.9) WITHIN GROUP (ORDER BY g.first_answer_days) FILTER (WHERE g.received_on BETWEEN g.p_from AND g.p_to) AS first_answer_p90,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY g.resolution_days) FILTER (WHERE g.received_on BETWEEN g.p_from AND g.p_to) AS resolution_median,
  percentile_cont(0.9) WITHIN GROUP (ORDER BY g.resolution_days) FILTER (WHERE g.received_on BETWEEN g.p_from AND g.p_to) AS resolution_p90,
  count(g.within_target) FILTER (WHERE g.received_on BETWEEN g.p_from AND g.p_to) AS within_known,
  count(*) FILTER (WHERE g.within_target AND g.received_on BETWEEN g.p_from AND g.p_to) AS within_true,
  count(*) FILTER (WHERE g.departments > 1 AND g.received_on BETWEEN g.p_from AND g.p_to) AS multi_department,
  coalesce(sum(g.transfers) FILTER (WHERE g.received_on BETWEEN g.p_from AND g.p_to), 0) AS transfers,
  coalesce(sum(g.involvements) FILTER (WHERE g.received_on BETWEEN g.p_from AND g.p_to), 0) AS involvements`;

/** The facts a period's figures can depend on (isRelevant in the domain). */
const relevant = (from: unknown, to: unknown) =>
  sql`f.received_on <= ${to} AND (f.received_on >= ${from} OR f.resolved_on IS NULL OR f.resolved_on >= ${from})`;

/** The figures of the period, one row per group: statisticsRows of the domain, worked out by the database. */
export async function aggregateFacts(db: Kysely<DB>, period: Period, groupBy: GroupBy): Promise<StatisticsRow[]> {
  const from = sql`${period.from}::date`;
  const to = sql`${period.to}::date`;
  if (groupBy === 'month') {
    const { rows } = await sql<AggregateRow>`
      WITH months AS (
        SELECT to_char(m, 'YYYY-MM') AS key,
               greatest(m::date, ${from}) AS p_from,
               least((m + interval '1 month' - interval '1 day')::date, ${to}) AS p_to
          FROM generate_series(date_trunc('month', ${from}), ${to}, interval '1 month') AS m
      ), g AS (
        SELECT months.key, months.p_from, months.p_to, f.*
          FROM months
          LEFT JOIN statistics_case_facts f ON ${relevant(sql`months.p_from`, sql`months.p_to`)}
      )
      SELECT g.key, ${figuresSql}
        FROM g
       GROUP BY g.key
       ORDER BY g.key
    `.execute(db);
    return rows.map(toRow);
  }
  const key = groupBy === 'department' ? sql`f.lead_department` : sql`unnest(f.topics)`;
  const { rows } = await sql<AggregateRow>`
    WITH g AS (
      SELECT ${key} AS key, ${from} AS p_from, ${to} AS p_to, f.*
        FROM statistics_case_facts f
       WHERE ${relevant(from, to)}
    )
    SELECT g.key, ${figuresSql}
      FROM g
     GROUP BY g.key
     ORDER BY g.key COLLATE "C"
  `.execute(db);
  return rows.map(toRow);
}

/** Per rule, over the cases received in the period: routingRows of the domain, worked out by the database. */
export async function aggregateRouting(db: Kysely<DB>, period: Period): Promise<(RoutingRow & { ruleName: string | null })[]> {
  const { rows } = await sql<{ rule_id: string | null; department: string; rule_name: string | null; to_department: string | null; cases: string }>`
    SELECT f.lead_rule_id AS rule_id, f.routed_lead AS department, max(f.lead_rule_name) AS rule_name,
           f.transferred_away_to AS to_department, count(*) AS cases
      FROM statistics_case_facts f
     WHERE f.received_on BETWEEN ${period.from}::date AND ${period.to}::date AND f.routed_lead IS NOT NULL
     GROUP BY f.lead_rule_id, f.routed_lead, f.transferred_away_to
  `.execute(db);
  const byRule = new Map<string, RoutingRow & { ruleName: string | null }>();
  for (const row of rows) {
    const key = JSON.stringify([row.rule_id, row.department]);
    let rule = byRule.get(key);
    if (!rule) {
      rule = { ruleId: row.rule_id, ruleName: row.rule_name, department: row.department, led: 0, transferredAway: 0, transferredTo: [] };
      byRule.set(key, rule);
    }
    rule.ruleName ??= row.rule_name;
    const cases = Number(row.cases);
    rule.led += cases;
    if (row.to_department !== null) {
      rule.transferredAway += cases;
      rule.transferredTo.push({ department: row.to_department, cases });
    }
  }
  return [...byRule.values()]
    .map((rule) => ({ ...rule, transferredTo: rule.transferredTo.sort((a, b) => b.cases - a.cases || a.department.localeCompare(b.department)) }))
    .sort((a, b) => b.led - a.led || (a.ruleId ?? '').localeCompare(b.ruleId ?? '') || a.department.localeCompare(b.department));
}
