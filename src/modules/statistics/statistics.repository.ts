import { type Kysely, type Transaction, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { type CaseFacts, type CaseHistory, type Period, STATISTICS_EVENT_TYPES } from '../../domain/statistics.js';
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
  const { rows } = await sql<{
    id: string;
    received_at: Date;
    due_date: string;
    topics: string[];
    lead_department: string;
    events: { type: string; at: string; department: string | null; data: Record<string, unknown> }[];
  }>`
    SELECT c.id, i.received_at, c.due_date, i.topics, c.lead_department,
           COALESCE((SELECT json_agg(json_build_object('type', e.type, 'at', e.created_at, 'department', e.department,
                                                       'data', e.data - 'body' - 'reason') ORDER BY e.id)
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
    events: row.events.map((event) => ({ ...event, at: new Date(event.at) })),
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

export async function insertFacts(trx: Transaction<DB>, facts: readonly CaseFacts[], ruleNames: ReadonlyMap<string, string>): Promise<void> {
  if (facts.length === 0) return;
  await trx
    .insertInto('statistics_case_facts')
    .values(
      facts.map((f) => ({
        case_id: f.caseId,
        received_on: f.receivedOn,
        expected_response_by: f.expectedResponseBy,
        lead_department: f.leadDepartment,
        topics: f.topics,
        pick_up_days: f.pickUpDays,
        first_answered_on: f.firstAnsweredOn,
        first_answer_days: f.firstAnswerDays,
        resolved_on: f.resolvedOn,
        resolution_days: f.resolutionDays,
        within_target: f.withinTarget,
        departments: f.departments,
        transfers: f.transfers,
        involvements: f.involvements,
        routed_lead: f.routedLead,
        lead_rule_id: f.leadRuleId,
        lead_rule_name: f.leadRuleId === null ? null : (ruleNames.get(f.leadRuleId) ?? null),
        routing_version: f.routingVersion,
        transferred_away_to: f.transferredAwayTo,
      })),
    )
    .execute();
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
