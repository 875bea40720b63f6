import { icon } from '../../../pages/components.js';
import { html, type Html } from '../../../pages/html.js';
import type { Site } from '../../../pages/layout.js';
import { type CaseListFilterKey, formatDate, type Messages } from '../../../pages/messages.js';
import { ASSIGNMENT_STATUSES, CASE_STATUSES } from '../../../domain/case-state.js';
import type { CaseListFilterValues, CaseListPage, FilterError } from '../case-list.service.js';
import { type SignedIn, STAFF_CASES, staffCaseHref, staffHref, staffPage } from './staff-pages.js';

// The case list: the API's filters as a GET form (it works without JavaScript and its
// address can be bookmarked and shared), the cases as a table, and keyset pages.

const PAGE_SIZES = ['25', '50', '100'];
/** The API's limit on `q`. */
const SEARCH_MAX_LENGTH = 100;

const fieldId = (key: CaseListFilterKey) => `filter-${key}`;

interface Option {
  value: string;
  text: string;
}

interface FormState {
  m: Messages;
  values: CaseListFilterValues;
  errors: ReadonlyMap<CaseListFilterKey, string>;
}

/** The field's error in the page's language, as the enterprise form words them. */
function errorText(m: Messages, error: FilterError): string {
  if (error.filter === 'cursor') return m.staff.caseList.staleCursor;
  const texts = m.staff.caseList.fields[error.filter];
  if (error.problem === 'unknown') return texts.unknown ?? texts.invalid;
  if (error.problem === 'tooLong') return texts.tooLong?.(SEARCH_MAX_LENGTH) ?? texts.invalid;
  return texts.invalid;
}

/** Label, hint and error of one filter, tied to its control by aria-describedby (DKFDS form-group). */
function field(state: FormState, key: CaseListFilterKey, control: (attributes: Html) => Html): Html {
  const id = fieldId(key);
  const texts = state.m.staff.caseList.fields[key];
  const error = state.errors.get(key);
  const described = [texts.hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  const attributes = html` id="${id}" name="${key}"${described && html` aria-describedby="${described}"`}${error && html` aria-invalid="true"`}`;
  return html`<div class="form-group${error ? ' form-error' : ''}">
  <label class="form-label" for="${id}">${texts.label}</label>
  ${texts.hint && html`<span class="form-hint" id="${id}-hint">${texts.hint}</span>`}
  ${error && html`<span class="form-error-message" id="${id}-error"><span class="sr-only">${state.m.errorPrefix} </span>${error}</span>`}
  ${control(attributes)}
</div>`;
}

function option(o: Option, selected: string | undefined): Html {
  return html`<option value="${o.value}"${o.value === selected && html` selected`}>${o.text}</option>`;
}

/** A select whose first option is "all" (no filter). */
function select(state: FormState, key: CaseListFilterKey, options: readonly Option[], groups: Html = html``): Html {
  const selected = state.values[key];
  return field(
    state,
    key,
    (attributes) => html`<select class="form-select"${attributes}>
    <option value="">${state.m.staff.caseList.any}</option>
    ${options.map((o) => option(o, selected))}${groups}
  </select>`,
  );
}

function filterForm(state: FormState, page: CaseListPage): Html {
  const { m, values } = state;
  const t = m.staff.caseList;
  const departmentName = (d: { nameDa: string; nameEn: string }) => (m.lang === 'da' ? d.nameDa : d.nameEn);
  const assignee = values.assignee;
  // A user id from a shared address that is none of my colleagues stays chosen, by its id.
  const someone =
    assignee !== undefined && assignee !== 'me' && assignee !== 'none' && !page.colleagues.some((c) => c.id === assignee) ? assignee : undefined;
  const colleagues =
    page.colleagues.length > 0 || someone
      ? html`<optgroup label="${t.assignee.colleagues}">${page.colleagues.map((c) => option({ value: c.id, text: c.name }, assignee))}${
          someone && option({ value: someone, text: t.assignee.someone(someone) }, assignee)
        }</optgroup>`
      : html``;
  return html`<form method="get" action="${STAFF_CASES}" novalidate>
  ${m.lang !== 'da' && html`<input type="hidden" name="lang" value="${m.lang}">`}
  <fieldset aria-describedby="filters-hint">
    <legend class="h2">${t.filtersLegend}</legend>
    <p class="form-hint" id="filters-hint">${t.filtersHint}</p>
    ${field(state, 'q', (attributes) => html`<input class="form-input input-width-l" type="search"${attributes} value="${values.q ?? ''}" spellcheck="false">`)}
    <div class="row">
      <div class="col-12 col-md-6">
        ${select(state, 'department', page.departments.map((d) => ({ value: d.code, text: departmentName(d) })))}
        ${select(state, 'status', ASSIGNMENT_STATUSES.map((s) => ({ value: s, text: t.assignmentStatuses[s] })))}
        ${select(
          state,
          'assignee',
          [
            { value: 'me', text: t.assignee.me },
            { value: 'none', text: t.assignee.none },
          ],
          colleagues,
        )}
        ${select(state, 'overdue', [
          { value: 'true', text: t.overdue.yes },
          { value: 'false', text: t.overdue.no },
        ])}
      </div>
      <div class="col-12 col-md-6">
        ${select(state, 'caseStatus', CASE_STATUSES.map((s) => ({ value: s, text: t.caseStatuses[s] })))}
        ${select(state, 'topic', page.topics.map((topic) => ({ value: topic.code, text: topic.name[m.lang] })))}
        ${field(
          state,
          'sort',
          (attributes) => html`<select class="form-select"${attributes}>
    ${option({ value: 'due', text: t.sort.due }, values.sort ?? 'due')}
    ${option({ value: 'newest', text: t.sort.newest }, values.sort)}
  </select>`,
        )}
        ${field(
          state,
          'limit',
          (attributes) => html`<select class="form-select input-width-xs"${attributes}>
    ${PAGE_SIZES.map((size) => option({ value: size, text: size }, values.limit ?? '25'))}
  </select>`,
        )}
      </div>
    </div>
  </fieldset>
  <div class="form-group">
    <button type="submit" class="button button-primary">${t.apply}</button>
    <a class="button button-secondary" href="${staffHref(STAFF_CASES, m.lang)}">${t.clear}</a>
  </div>
</form>`;
}

/** DKFDS error summary: every problem, each linking to its filter (a stale cursor to the first page). */
function errorSummary(m: Messages, errors: readonly FilterError[], firstPageHref: string): Html {
  return html`<div class="alert alert-error" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
  ${icon('error', 'alert-icon')}
  <div class="alert-body">
    <h2 class="alert-heading" id="error-summary-title">${m.staff.caseList.errorSummary}</h2>
    <ul class="alert-text nobullet-list">
      ${errors.map((error) =>
        error.filter === 'cursor'
          ? html`<li><a class="function-link" href="${firstPageHref}">${errorText(m, error)}</a></li>`
          : html`<li><a class="function-link" href="#${fieldId(error.filter)}">${errorText(m, error)}</a></li>`,
      )}
    </ul>
  </div>
</div>`;
}

function results(m: Messages, page: CaseListPage & { kind: 'listed' }, pageNumber: number): Html {
  const t = m.staff.caseList;
  const names = new Map(page.departments.map((d) => [d.code, m.lang === 'da' ? d.nameDa : d.nameEn]));
  const { items } = page.result;
  if (items.length === 0) return html`<p>${t.noCases}</p>`;
  return html`<div class="table--responsive-scroll">
<table class="table table--compact">
  <caption class="sr-only">${t.caption(pageNumber)}</caption>
  <thead><tr><th scope="col">${t.columns.reference}</th><th scope="col">${t.columns.subject}</th><th scope="col">${t.columns.enterprise}</th><th scope="col">${t.columns.lead}</th><th scope="col">${t.columns.status}</th><th scope="col">${t.columns.due}</th></tr></thead>
  <tbody>
    ${items.map(
      (c) => html`<tr${c.overdue && html` class="overdue"`}>
      <th scope="row"><a href="${staffCaseHref(c.reference, m.lang)}">${c.reference}</a></th>
      <td>${c.subject}</td>
      <td>${c.enterprise.name}<br><span class="form-hint">CVR ${c.enterprise.cvr}</span></td>
      <td>${names.get(c.leadDepartment) ?? c.leadDepartment}</td>
      <td>${t.caseStatuses[c.status]}</td>
      <td>${formatDate(c.dueDate, m)}${c.overdue && html` <strong>${t.overdueMark}</strong>`}</td>
    </tr>`,
    )}
  </tbody>
</table>
</div>`;
}

/** The filters given, as an address's parameters. */
function givenFilters(filters: CaseListFilterValues): Record<string, string> {
  return Object.fromEntries(Object.entries(filters).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** The first page with the same filters. */
function firstPageHref(m: Messages, filters: CaseListFilterValues): string {
  const { cursor: _cursor, ...rest } = filters;
  return staffHref(STAFF_CASES, m.lang, givenFilters(rest));
}

/** "Next page" with the API's cursor and the same filters; "first page" once past it. */
function pagination(m: Messages, filters: CaseListFilterValues, pageNumber: number, nextCursor: string | null): Html {
  const t = m.staff.caseList.pages;
  const { cursor: _cursor, ...rest } = filters;
  const first = firstPageHref(m, filters);
  const next = nextCursor && staffHref(STAFF_CASES, m.lang, { ...givenFilters(rest), cursor: nextCursor, page: String(pageNumber + 1) });
  return html`<nav class="case-list-pages" aria-label="${t.label}">
  <p>${t.page(pageNumber)}${!next && pageNumber > 1 && html`. ${t.lastPage}`}</p>
  <ul class="unstyled-list inline-list">
    ${pageNumber > 1 && html`<li><a class="function-link" href="${first}">${icon('first-page')}${t.first}</a></li>`}
    ${next && html`<li><a class="button button-secondary" href="${next}" rel="next">${t.next}${icon('chevron-right')}</a></li>`}
  </ul>
</nav>`;
}

export interface CaseListPageOptions {
  m: Messages;
  site: Site;
  signedIn: SignedIn;
  filters: CaseListFilterValues;
  pageNumber: number;
  page: CaseListPage;
}

export function caseListPage({ m, site, signedIn, filters, pageNumber, page }: CaseListPageOptions): Html {
  const t = m.staff.caseList;
  const errors = page.kind === 'invalid' ? page.errors : [];
  const state: FormState = {
    m,
    values: filters,
    errors: new Map(errors.flatMap((e): [CaseListFilterKey, string][] => (e.filter === 'cursor' ? [] : [[e.filter, errorText(m, e)]]))),
  };
  // The same filters and page in the other language.
  const other = m.otherLanguage.lang;
  const here = givenFilters(filters);
  return staffPage({
    m,
    site,
    signedIn,
    current: 'cases',
    title: errors.length > 0 ? `${m.errorPrefix} ${t.title}` : t.title,
    switchLanguageHref: staffHref(STAFF_CASES, other, pageNumber > 1 ? { ...here, page: String(pageNumber) } : here),
    main: html`${errors.length > 0 && errorSummary(m, errors, firstPageHref(m, filters))}
<h1>${t.title}</h1>
<p class="font-lead">${t.lead}</p>
${filterForm(state, page)}
${
  page.kind === 'listed' &&
  html`<h2>${t.resultsTitle}</h2>
${results(m, page, pageNumber)}
${pagination(m, filters, pageNumber, page.result.nextCursor)}`
}`,
  });
}
