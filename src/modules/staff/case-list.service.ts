import type { Caller } from '../../domain/principal.js';
import { ValidationError } from '../../errors.js';
import { caseListQuerySchema, type CaseListQueryInput } from '../cases/cases.schemas.js';
import { type CaseDeps, listCases } from '../cases/cases.service.js';
import type { TopicView } from '../topics/topics.schemas.js';
import { listTopics } from '../topics/topics.service.js';
import { type Colleague, type DepartmentName, findCaseworkersOf, findDepartmentNames } from './case-list.repository.js';

/** The filters of the API's case list, as the page's form sends them (and as its links carry them). */
export const CASE_LIST_FILTERS = ['q', 'department', 'status', 'assignee', 'overdue', 'caseStatus', 'topic', 'sort', 'limit', 'cursor'] as const;
export type CaseListFilter = (typeof CASE_LIST_FILTERS)[number];
export type CaseListFilterValues = Partial<Record<CaseListFilter, string>>;

/** What went wrong with a filter, independent of the wording of the API's messages. */
export type FilterProblem = 'invalid' | 'unknown' | 'tooLong' | 'staleCursor';

export interface FilterError {
  filter: CaseListFilter;
  problem: FilterProblem;
}

const MAX_LISTED_COLLEAGUES = 500;

export interface CaseListChoices {
  departments: DepartmentName[];
  topics: TopicView[];
  /** The caseworkers the list can be filtered by: those of my departments (every one for coordinators). */
  colleagues: Colleague[];
}

export type CaseListPage = CaseListChoices &
  ({ kind: 'listed'; result: Awaited<ReturnType<typeof listCases>> } | { kind: 'invalid'; errors: FilterError[] });

function isFilter(key: string): key is CaseListFilter {
  return (CASE_LIST_FILTERS as readonly string[]).includes(key);
}

function problemOf(filter: CaseListFilter, message: string): FilterProblem {
  if (filter === 'cursor') return 'staleCursor';
  if (filter === 'q' && /too_big|at most|<=/i.test(message)) return 'tooLong';
  return 'invalid';
}

/** The API's own validation of the filters: the input of `listCases`, or a problem per filter. */
function checkFilters(values: CaseListFilterValues): { input: CaseListQueryInput; errors: [] } | { input: null; errors: FilterError[] } {
  const errors = new Map<CaseListFilter, FilterError>();
  const parsed = caseListQuerySchema.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '');
      if (isFilter(key) && !errors.has(key)) errors.set(key, { filter: key, problem: problemOf(key, `${issue.code} ${issue.message}`) });
    }
  }
  // PostgreSQL refuses a NUL byte; a search with control characters was never typed.
  if (values.q !== undefined && /[\u0000-\u001f\u007f]/.test(values.q) && !errors.has('q')) errors.set('q', { filter: 'q', problem: 'invalid' });
  if (parsed.success && errors.size === 0) return { input: parsed.data, errors: [] };
  return { input: null, errors: [...errors.values()] };
}

/** The form offers departments and topics as lists: a code on neither list cannot be chosen again. */
function checkChoices(values: CaseListFilterValues, choices: CaseListChoices, known: readonly FilterError[]): FilterError[] {
  const errors: FilterError[] = [];
  const has = (filter: CaseListFilter) => known.some((e) => e.filter === filter);
  if (values.department !== undefined && !has('department') && !choices.departments.some((d) => d.code === values.department)) {
    errors.push({ filter: 'department', problem: 'unknown' });
  }
  if (values.topic !== undefined && !has('topic') && !choices.topics.some((t) => t.code === values.topic)) {
    errors.push({ filter: 'topic', problem: 'unknown' });
  }
  return errors;
}

type Listing = { kind: 'listed'; result: Awaited<ReturnType<typeof listCases>> } | { kind: 'staleCursor' };

async function listOrStaleCursor(deps: CaseDeps, caller: Caller, input: CaseListQueryInput): Promise<Listing> {
  try {
    return { kind: 'listed', result: await listCases(deps, caller, input) };
  } catch (error) {
    // A cursor made for other filters (an edited address): the API's 400, shown beside the pages.
    if (error instanceof ValidationError && error.errors.some((e) => e.path === 'query.cursor')) return { kind: 'staleCursor' };
    throw error;
  }
}

/**
 * One page of the case list for the staff page: the filters checked as the API checks
 * them, then the same service and access rules as `GET /v1/cases`. The lists the form
 * offers are read alongside the cases, not before them.
 */
export async function caseListPage(deps: CaseDeps, caller: Caller, values: CaseListFilterValues): Promise<CaseListPage> {
  const { principal } = caller;
  const checked = checkFilters(values);
  const [departments, topics, colleagues, listing] = await Promise.all([
    findDepartmentNames(deps.db),
    listTopics(deps.db),
    findCaseworkersOf(deps.db, principal.role === 'caseworker' ? principal.departments : null, MAX_LISTED_COLLEAGUES),
    checked.input ? listOrStaleCursor(deps, caller, checked.input) : null,
  ]);
  const choices: CaseListChoices = { departments, topics, colleagues };
  const errors = [...checked.errors, ...checkChoices(values, choices, checked.errors)];
  if (errors.length > 0) {
    const order = (e: FilterError) => CASE_LIST_FILTERS.indexOf(e.filter);
    return { ...choices, kind: 'invalid', errors: errors.sort((a, b) => order(a) - order(b)) };
  }
  if (!listing || listing.kind === 'staleCursor') return { ...choices, kind: 'invalid', errors: [{ filter: 'cursor', problem: 'staleCursor' }] };
  return { ...choices, ...listing };
}
