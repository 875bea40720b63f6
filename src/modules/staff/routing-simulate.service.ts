import type { Caller } from '../../domain/principal.js';
import { compareRouting, type RoutingComparison } from '../../domain/routing-comparison.js';
import type { RoutingExplanation } from '../../domain/routing-explain.js';
import { NotFoundError, ValidationError } from '../../errors.js';
import { caseIdByReference } from '../cases/case-reference.service.js';
import { caseListQuerySchema, type CaseSummaryView } from '../cases/cases.schemas.js';
import { type CaseDeps, getCase, listCases } from '../cases/cases.service.js';
import type { RoutingInquiryInput } from '../routing/routing.schemas.js';
import { listTableSummaries, type RoutingDeps, simulate } from '../routing/routing.service.js';
import type { TopicView } from '../topics/topics.schemas.js';
import { listTopics } from '../topics/topics.service.js';
import { findDepartmentNames, type NamedDepartment } from './case-page.repository.js';
import { checkInquiry, EMPTY_INQUIRY, type FieldErrors, type InquiryValues, valuesOfInquiry } from './routing-inquiry-form.js';

// The simulation page's data: the version asked for and the published table, the
// catalogue the form offers, the latest cases to start from, and, for an inquiry that was
// sent (or taken from a case), how each table routes it, rule by rule. The routing service
// simulates, as for `POST /v1/routing/simulate`; the cases service lists and reads the
// cases, with its access rules and access log.

const RECENT_CASES = 20;

export type TableSummary = Awaited<ReturnType<typeof listTableSummaries>>[number];

/** One table's simulation: its decision and every rule, as the routing service explains it. */
export type Simulation = RoutingExplanation & { version: number };

export interface SimulationResult {
  inquiry: RoutingInquiryInput;
  /** The version asked for. */
  simulated: Simulation;
  /** The published table, when one is and it is another version. */
  published: Simulation | null;
  comparison: RoutingComparison | null;
}

export interface SimulatePageData {
  table: TableSummary;
  published: TableSummary | null;
  topics: TopicView[];
  departments: NamedDepartment[];
  recent: CaseSummaryView[];
  /** What the form shows: as typed, or as the case chosen holds it. */
  values: InquiryValues;
  errors: FieldErrors;
  /** The case chosen from the list, or the reference asked for that is not one the caller can see. */
  picked: { reference: string; found: boolean } | null;
  result: SimulationResult | null;
}

export interface SimulateDeps {
  routing: RoutingDeps;
  casework: CaseDeps;
}

/** The newest cases the caller may see, as the API's case list gives them. */
async function recentCases(deps: CaseDeps, caller: Caller): Promise<CaseSummaryView[]> {
  const page = await listCases(deps, caller, caseListQuerySchema.parse({ sort: 'newest', limit: RECENT_CASES }));
  return page.items;
}

/** The inquiry of the case, read as its page reads it (so the read is in the case's access log); null when out of reach. */
async function inquiryOfCase(deps: CaseDeps, caller: Caller, reference: string): Promise<InquiryValues | null> {
  try {
    const caseId = await caseIdByReference(deps, caller.principal, reference);
    const { inquiry } = await getCase(deps, caller, caseId);
    return valuesOfInquiry({ topics: inquiry.topics, subject: inquiry.subject, description: inquiry.description, enterprise: inquiry.enterprise });
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

async function simulateBoth(deps: RoutingDeps, inquiry: RoutingInquiryInput, version: number, published: TableSummary | null): Promise<SimulationResult> {
  const other = published && published.version !== version ? published.version : null;
  const [simulated, publishedRun] = await Promise.all([simulate(deps, inquiry, version), other === null ? null : simulate(deps, inquiry, other)]);
  return { inquiry, simulated, published: publishedRun, comparison: publishedRun && compareRouting(simulated, publishedRun) };
}

/**
 * The page for `version`, with the inquiry typed (`values`), or the one of the case
 * `reference`, or none yet. Throws NotFoundError when there is no such version.
 */
export async function loadSimulatePage(deps: SimulateDeps, caller: Caller, version: number, asked: { values?: InquiryValues | undefined; reference?: string | undefined }): Promise<SimulatePageData> {
  const [tables, topics, departments, recent] = await Promise.all([
    listTableSummaries(deps.routing.db),
    listTopics(deps.routing.db),
    findDepartmentNames(deps.routing.db),
    recentCases(deps.casework, caller),
  ]);
  const table = tables.find((t) => t.version === version);
  if (!table) throw new NotFoundError(`No routing table version ${version}.`);
  const published = tables.find((t) => t.status === 'published') ?? null;
  const base = { table, published, topics, departments, recent, errors: new Map() as FieldErrors, picked: null, result: null };

  let values = asked.values;
  let picked: SimulatePageData['picked'] = null;
  if (values === undefined && asked.reference !== undefined) {
    const fromCase = await inquiryOfCase(deps.casework, caller, asked.reference);
    picked = { reference: asked.reference, found: fromCase !== null };
    if (fromCase === null) return { ...base, values: EMPTY_INQUIRY, picked };
    values = fromCase;
  }
  if (values === undefined) return { ...base, values: EMPTY_INQUIRY };

  const errors: FieldErrors = new Map();
  const inquiry = checkInquiry(values, topics.map((t) => t.code), errors);
  if (!inquiry) return { ...base, values, errors, picked };
  try {
    return { ...base, values, picked, result: await simulateBoth(deps.routing, inquiry, version, published) };
  } catch (error) {
    // A topic taken out of the catalogue since the form was drawn.
    if (error instanceof ValidationError && error.errors.some((e) => e.path.startsWith('body.inquiry.topics'))) {
      return { ...base, values, picked, errors: new Map([['topics', 'unknown']]) };
    }
    throw error;
  }
}
