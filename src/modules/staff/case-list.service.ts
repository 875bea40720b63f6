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

/** The API's own validation of the filters, one problem per filter, in the form's order. */
function validate(values: CaseListFilterValues, choices: CaseListChoices): { input: CaseListQueryInput } | { errors: FilterError[] } {
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
  // The form offers these as lists: a code that is on neither list cannot be chosen again.
  if (values.department !== undefined && !errors.has('department') && !choices.departments.some((d) => d.code === values.department)) {
    errors.set('department', { filter: 'department', problem: 'unknown' });
  }
  if (values.topic !== undefined && !errors.has('topic') && !choices.topics.some((t) => t.code === values.topic)) {
    errors.set('topic', { filter: 'topic', problem: 'unknown' });
  }
  if (errors.size > 0 || !parsed.success) {
    const order = (e: FilterError) => CASE_LIST_FILTERS.indexOf(e.filter);
    return { errors: [...errors.values()].sort((a, b) => order(a) - order(b)) };
  }
  return { input: parsed.data };
}

/**
 * One page of the case list for the staff page: the filters checked as the API checks
 * them, then the same service and access rules as `GET /v1/cases`.
 */
export async function caseListPage(deps: CaseDeps, caller: Caller, values: CaseListFilterValues): Promise<CaseListPage> {
  const { principal } = caller;
  const [departments, topics, colleagues] = await Promise.all([
    findDepartmentNames(deps.db),
    listTopics(deps.db),
    findCaseworkersOf(deps.db, principal.role === 'caseworker' ? principal.departments : null, MAX_LISTED_COLLEAGUES),
  ]);
  const choices: CaseListChoices = { departments, topics, colleagues };
  const checked = validate(values, choices);
  if ('errors' in checked) return { ...choices, kind: 'invalid', errors: checked.errors };
  try {
    return { ...choices, kind: 'listed', result: await listCases(deps, caller, checked.input) };
  } catch (error) {
    // A cursor made for other filters (an edited address): the API's 400, shown beside the pages.
    if (error instanceof ValidationError && error.errors.some((e) => e.path === 'query.cursor')) {
      return { ...choices, kind: 'invalid', errors: [{ filter: 'cursor', problem: 'staleCursor' }] };
    }
    throw error;
  }
}
