import type { Database } from '../../db/database.js';
import type { Principal } from '../../domain/principal.js';
import type { RoutingRule } from '../../domain/routing.js';
import type { TableDiff } from '../../domain/routing-diff.js';
import { danishDate } from '../../domain/working-days.js';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../errors.js';
import { type TableInput, tableInputSchema } from '../routing/routing.schemas.js';
import { diffTables, getTable, listTableSummaries, replaceDraft, type TableView } from '../routing/routing.service.js';
import { routingReport } from '../statistics/statistics.service.js';
import { listTopics } from '../topics/topics.service.js';
import { findDepartmentNames, findTopicNames, type NamedDepartment, type NamedTopic } from './case-page.repository.js';
import { issueOfSchema, type ReportedIssue } from './routing-editor.form.js';

// What the routing editor reads and how it changes a draft: through the routing service,
// as PUT /v1/routing/tables/{version} does, so the same checks and the same transaction
// apply. A form carries the revision of the table it was made from, as an API client sends
// If-Match; a draft changed since is refused rather than overwritten.

/** How far back the per-rule figures look. */
export const FIGURES_DAYS = 90;

/** How often a rule's cases were handed away from the department it chose. */
export interface RuleFigures {
  led: number;
  transferredAway: number;
}

export interface EditorData {
  table: TableView;
  revision: string;
  /** The topics a rule may choose (the active ones), and the inactive ones the table still names. */
  topics: (NamedTopic & { active: boolean })[];
  departments: NamedDepartment[];
  /** The published version, when there is one and it is not this one. */
  published: number | null;
  /** How this draft differs from the published table. */
  diff: (TableDiff & { against: number }) | null;
  figures: { from: string; to: string; generatedAt: Date | null; byRule: ReadonlyMap<string, RuleFigures> };
}

function daysBefore(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** The per-rule figures of the statistics (as GET /v1/statistics/routing), added up per rule over the departments it chose. */
async function ruleFigures(db: Database, now: Date): Promise<EditorData['figures']> {
  const to = danishDate(now);
  const from = daysBefore(to, FIGURES_DAYS);
  const report = await routingReport(db, { from, to });
  const byRule = new Map<string, RuleFigures>();
  for (const row of report.rules) {
    if (row.ruleId === null) continue;
    const sum = byRule.get(row.ruleId) ?? { led: 0, transferredAway: 0 };
    byRule.set(row.ruleId, { led: sum.led + row.led, transferredAway: sum.transferredAway + row.transferredAway });
  }
  return { from, to, generatedAt: report.generatedAt, byRule };
}

export async function routingVersions(db: Database) {
  return listTableSummaries(db);
}

/** Everything the editor page of a version shows. */
export async function loadEditor(db: Database, version: number, now = new Date()): Promise<EditorData> {
  const { view, etag } = await getTable(db, version);
  const [summaries, active, departments, figures] = await Promise.all([listTableSummaries(db), listTopics(db), findDepartmentNames(db), ruleFigures(db, now)]);
  const activeCodes = new Set(active.map((t) => t.code));
  const named = view.rules.flatMap((rule) => rule.when.topics?.anyOf ?? []).filter((code) => !activeCodes.has(code));
  const others = await findTopicNames(db, [...new Set(named)]);
  const publishedVersion = summaries.find((s) => s.status === 'published')?.version ?? null;
  const published = publishedVersion === version ? null : publishedVersion;
  const diff = view.status === 'draft' && published !== null ? await diffTables(db, version, published) : null;
  return {
    table: view,
    revision: etag,
    topics: [...active.map((t) => ({ code: t.code, nameDa: t.name.da, nameEn: t.name.en, active: true })), ...others.map((t) => ({ ...t, active: false }))],
    departments,
    published,
    diff,
    figures,
  };
}

/** A change to a draft: from the table as saved to the table to save. */
export type DraftEdit = (saved: TableInput & { rules: RoutingRule[] }) => TableInput;

export type DraftEditResult =
  | { ok: true; table: TableView; input: TableInput }
  | { ok: false; reason: 'stale' }
  | { ok: false; reason: 'invalid'; input: TableInput; issues: ReportedIssue[] };

/**
 * Applies an edit to the draft as it was at `revision` and saves it with the routing
 * service. Invalid by the API's schema or the service's checks: nothing is saved and the
 * issues come back, each with the path the API would name. Changed since `revision`: stale.
 * Published or retired, or no such version: the service's 409 or 404 is thrown.
 */
export async function editDraft(db: Database, version: number, revision: string, edit: DraftEdit, principal: Principal): Promise<DraftEditResult> {
  const { view, etag } = await getTable(db, version);
  // A published or retired table is refused as the service refuses it, whatever the form's revision.
  if (view.status !== 'draft') throw new ConflictError(`Version ${version} is ${view.status}; published and retired tables never change.`);
  if (etag !== revision) return { ok: false, reason: 'stale' };
  const input = edit({ fallbackDepartment: view.fallbackDepartment, note: view.note, rules: view.rules });
  const parsed = tableInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: 'invalid', input, issues: parsed.error.issues.map((issue) => issueOfSchema(issue, input)) };
  try {
    const saved = await replaceDraft(db, version, parsed.data, principal, revision);
    return { ok: true, table: saved.view, input: parsed.data };
  } catch (error) {
    if (error instanceof AppError && error.status === 412) return { ok: false, reason: 'stale' };
    if (error instanceof ValidationError) return { ok: false, reason: 'invalid', input, issues: error.errors };
    throw error;
  }
}

/** The rules with one moved a place up or down; unchanged at either end. */
export function moveRule(rules: readonly RoutingRule[], ruleId: string, direction: 'up' | 'down'): RoutingRule[] {
  const from = rules.findIndex((rule) => rule.id === ruleId);
  if (from === -1) throw new NotFoundError(`No rule ${ruleId}.`);
  const to = direction === 'up' ? from - 1 : from + 1;
  if (to < 0 || to >= rules.length) return [...rules];
  const moved = [...rules];
  [moved[from], moved[to]] = [moved[to] as RoutingRule, moved[from] as RoutingRule];
  return moved;
}

export function ruleIndex(rules: readonly RoutingRule[], ruleId: string): number {
  const index = rules.findIndex((rule) => rule.id === ruleId);
  if (index === -1) throw new NotFoundError(`No rule ${ruleId}.`);
  return index;
}
