import { NotFoundError } from '../../errors.js';
import { type GoldenCaseView, listGoldenCasesCheckedAgainst, listGoldenCaseViews, listTableSummaries, type RoutingDeps } from '../routing/routing.service.js';
import type { TopicView } from '../topics/topics.schemas.js';
import { listTopics } from '../topics/topics.service.js';
import { findDepartmentNames, type NamedDepartment } from './case-page.repository.js';
import type { Catalogue } from './routing-inquiry-form.js';
import type { TableSummary } from './routing-simulate.service.js';

// The golden cases page's data: every golden case with its check against the published
// table and, when a version is chosen, against that version too, all from the routing
// service, as the API's golden cases are.

/** How a golden case fares against one table: the routing it gets, and whether that is the one expected. */
export interface GoldenCheck {
  version: number;
  passed: boolean;
  actual: { lead: string; involved: string[] };
}

export type CheckedGoldenCase = GoldenCaseView & { against: GoldenCheck | null };

export interface GoldenCasesPageData {
  tables: TableSummary[];
  published: TableSummary | null;
  /** The version chosen to check against, when one was and it exists. */
  chosen: TableSummary | null;
  /** A version was asked for that does not exist. */
  unknownVersion: boolean;
  cases: CheckedGoldenCase[];
  topics: TopicView[];
  departments: NamedDepartment[];
}

export async function loadGoldenCasesPage(deps: RoutingDeps, version: number | null): Promise<GoldenCasesPageData> {
  const [tables, { topics, departments }] = await Promise.all([listTableSummaries(deps.db), loadNames(deps.db)]);
  const published = tables.find((t) => t.status === 'published') ?? null;
  const chosen = version === null ? null : (tables.find((t) => t.version === version) ?? null);
  const cases: CheckedGoldenCase[] = chosen ? await listGoldenCasesCheckedAgainst(deps, chosen.version) : (await listGoldenCaseViews(deps)).map((golden) => ({ ...golden, against: null }));
  return { tables, published, chosen, unknownVersion: version !== null && chosen === null, cases, topics, departments };
}

/** The topics and departments the forms offer and the pages name. */
export async function loadNames(db: RoutingDeps['db']): Promise<{ topics: TopicView[]; departments: NamedDepartment[] }> {
  const [topics, departments] = await Promise.all([listTopics(db), findDepartmentNames(db)]);
  return { topics, departments };
}

/** The catalogue a golden case may name: the topics and the active departments. */
export function catalogueOf({ topics, departments }: { topics: readonly TopicView[]; departments: readonly NamedDepartment[] }): Catalogue {
  return { topicCodes: topics.map((t) => t.code), departmentCodes: departments.filter((d) => d.active).map((d) => d.code) };
}

/** One golden case, for the page that asks whether to delete it (from the list: there are tens, not thousands). */
export async function findGoldenCase(deps: RoutingDeps, id: string): Promise<GoldenCaseView> {
  const golden = (await listGoldenCaseViews(deps)).find((g) => g.id === id);
  if (!golden) throw new NotFoundError('No golden case with that id.');
  return golden;
}
