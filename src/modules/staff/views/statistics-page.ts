import type { StatisticsRow } from '../../../domain/statistics.js';
import { isOftenOverruled, type StatisticsQuery, type StatisticsQueryField, type StatisticsQueryProblem } from '../../../domain/statistics-query.js';
import { alert, icon } from '../../../pages/components.js';
import { barChart } from '../../../pages/charts.js';
import { html, type Html, type Renderable } from '../../../pages/html.js';
import type { Site } from '../../../pages/layout.js';
import { formatDateTime, type Messages } from '../../../pages/messages.js';
import { formFields, type SignedIn, STAFF_STATISTICS, staffHref, staffPage } from './staff-pages.js';

// The statistics page for coordinators and admins: a GET form choosing the period and the
// grouping, then the figures of the last snapshot as charts, each followed by a table with
// the same numbers, and the routing rules the caseworkers keep overruling.

export const STATISTICS_PATH = STAFF_STATISTICS;
export const STATISTICS_CSV_PATH = '/staff/statistics.csv';
export const ROUTING_CSV_PATH = '/staff/statistics/routing.csv';
export const SNAPSHOT_PATH = '/staff/statistics/snapshot';

export interface StatisticsFigures {
  generatedAt: string | null;
  rows: readonly StatisticsRow[];
  rules: readonly {
    ruleId: string | null;
    ruleName: string | null;
    department: string;
    led: number;
    transferredAway: number;
    transferredTo: readonly { department: string; cases: number }[];
  }[];
}

export interface StatisticsPageOptions {
  m: Messages;
  site: Site;
  signedIn: SignedIn;
  /** The form's values as typed. */
  values: { from: string; to: string; groupBy: string };
  problems?: Partial<Record<StatisticsQueryField, StatisticsQueryProblem>>;
  /** The figures of a valid query; absent when the form had problems. */
  figures?: { query: StatisticsQuery; report: StatisticsFigures } | undefined;
  /** A row's key as people read it: a department's or topic's name, a month. */
  labelOf: (key: string) => string;
  /** Shorter, under a chart's bars, where twelve months must fit side by side; the table names them in full. */
  chartLabelOf?: ((key: string) => string) | undefined;
  departmentName: (code: string) => string;
  mayRefresh: boolean;
  refreshed: boolean;
}

/** A figure, or a dash that says to a screen reader that there is none. */
function value(figure: number | null, m: Messages, format: (n: number) => string = String): Renderable {
  const t = m.staff.statistics;
  if (figure !== null) return format(figure);
  return html`<span aria-hidden="true">${t.none}</span><span class="sr-only">${t.noneLabel}</span>`;
}

const FIELD_IDS: Record<StatisticsQueryField, string> = { from: 'statistics-from', to: 'statistics-to', groupBy: 'statistics-group-by' };

function fieldError(m: Messages, field: StatisticsQueryField, problem: StatisticsQueryProblem | undefined): Html {
  if (!problem) return html``;
  return html`<span class="form-error-message" id="${FIELD_IDS[field]}-error"><span class="sr-only">${m.errorPrefix} </span>${m.staff.statistics.form.errors[problem]}</span>`;
}

function dateInput(m: Messages, field: 'from' | 'to', label: string, typed: string, problem: StatisticsQueryProblem | undefined): Html {
  const id = FIELD_IDS[field];
  const describedBy = problem ? `${id}-hint ${id}-error` : `${id}-hint`;
  return html`<div class="${problem ? 'form-group form-error' : 'form-group'}">
  <label class="form-label" for="${id}">${label}</label>
  <span class="form-hint" id="${id}-hint">${m.staff.statistics.form.dateHint}</span>
  ${fieldError(m, field, problem)}
  <input class="form-input input-width-s" type="text" inputmode="numeric" autocomplete="off" id="${id}" name="${field}" value="${typed}" aria-describedby="${describedBy}"${problem && html` aria-invalid="true"`}>
</div>`;
}

function periodForm(m: Messages, values: StatisticsPageOptions['values'], problems: StatisticsPageOptions['problems'] = {}): Html {
  const t = m.staff.statistics.form;
  const id = FIELD_IDS.groupBy;
  const problem = problems.groupBy;
  return html`<form method="get" action="${STATISTICS_PATH}" class="statistics-form">
${m.lang !== 'da' && html`<input type="hidden" name="lang" value="${m.lang}">`}
<fieldset>
<legend class="h2">${t.legend}</legend>
${dateInput(m, 'from', t.from, values.from, problems.from)}
${dateInput(m, 'to', t.to, values.to, problems.to)}
<div class="${problem ? 'form-group form-error' : 'form-group'}">
  <label class="form-label" for="${id}">${t.groupBy}</label>
  ${fieldError(m, 'groupBy', problem)}
  <select class="form-select" id="${id}" name="groupBy"${problem && html` aria-describedby="${id}-error" aria-invalid="true"`}>
    ${(['month', 'department', 'topic'] as const).map((option) => html`<option value="${option}"${values.groupBy === option && html` selected`}>${t.groupByOptions[option]}</option>`)}
  </select>
</div>
</fieldset>
<button type="submit" class="button button-primary">${t.submit}</button>
</form>`;
}

function errorSummary(m: Messages, problems: NonNullable<StatisticsPageOptions['problems']>): Html {
  const entries = (Object.entries(problems) as [StatisticsQueryField, StatisticsQueryProblem][]).filter(([, problem]) => problem !== undefined);
  return html`<div class="alert alert-error" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
  ${icon('error', 'alert-icon')}
  <div class="alert-body">
    <h2 class="alert-heading" id="error-summary-title">${m.staff.statistics.form.errorSummary}</h2>
    <ul class="alert-text nobullet-list">
      ${entries.map(([field, problem]) => html`<li><a class="function-link" href="#${FIELD_IDS[field]}">${m.staff.statistics.form.errors[problem]}</a></li>`)}
    </ul>
  </div>
</div>`;
}

interface Series {
  id: string;
  title: string;
  pick: (row: StatisticsRow) => number | null;
  format: (n: number) => string;
}

/** One section: a chart per series, then one table with every series, a row per group. */
interface Labels {
  heading: string;
  labelOf: (key: string) => string;
  chartLabelOf: (key: string) => string;
}

function figureSection(m: Messages, title: string, caption: string, rows: readonly StatisticsRow[], series: readonly Series[], { heading, labelOf, chartLabelOf }: Labels): Html {
  const t = m.staff.statistics;
  return html`<h2>${title}</h2>
${series.map(
  (s) => html`<figure class="chart-figure">
${barChart({ id: s.id, title: s.title, description: t.chartDescription(s.title), bars: rows.map((row) => ({ label: chartLabelOf(row.key), value: s.pick(row) })), format: s.format })}
<figcaption>${s.title}</figcaption>
</figure>`,
)}
<div class="table--responsive-scroll">
<table class="table table--compact statistics-table">
<caption>${caption}</caption>
<thead><tr><th scope="col">${heading}</th>${series.map((s) => html`<th scope="col" class="numeric">${s.title}</th>`)}</tr></thead>
<tbody>
${rows.map((row) => html`<tr><th scope="row">${labelOf(row.key)}</th>${series.map((s) => html`<td class="numeric">${value(s.pick(row), m, s.format)}</td>`)}</tr>`)}
</tbody>
</table>
</div>`;
}

function routingSection(m: Messages, rules: StatisticsFigures['rules'], departmentName: (code: string) => string): Html {
  const t = m.staff.statistics.routing;
  return html`<h2>${t.title}</h2>
<p>${t.lead}</p>
${
  rules.length === 0
    ? html`<p>${t.noRules}</p>`
    : html`<div class="table--responsive-scroll">
<table class="table table--compact statistics-table routing-statistics">
<caption>${t.caption}</caption>
<thead><tr><th scope="col">${t.rule}</th><th scope="col">${t.department}</th><th scope="col" class="numeric">${t.led}</th><th scope="col" class="numeric">${t.transferredAway}</th><th scope="col">${t.transferredTo}</th></tr></thead>
<tbody>
${rules.map((rule) => {
  const overruled = isOftenOverruled(rule);
  return html`<tr${overruled && html` class="overruled"`}>
<th scope="row">${rule.ruleId === null ? t.fallback : (rule.ruleName ?? rule.ruleId)}${overruled && html` <strong class="overruled-mark">(${t.overruled})</strong>`}</th>
<td>${departmentName(rule.department)}</td>
<td class="numeric">${rule.led}</td>
<td class="numeric">${rule.transferredAway}</td>
<td>${rule.transferredTo.length === 0 ? html`<span aria-hidden="true">${m.staff.statistics.none}</span><span class="sr-only">${m.staff.statistics.noneLabel}</span>` : rule.transferredTo.map((to, i) => html`${i > 0 && ', '}${departmentName(to.department)} (${to.cases})`)}</td>
</tr>`;
})}
</tbody>
</table>
</div>
<p class="form-hint">${t.overruledNote}</p>`
}`;
}

export function statisticsPage(options: StatisticsPageOptions): Html {
  const { m, site, signedIn, values, problems, figures, labelOf, chartLabelOf = labelOf, departmentName, mayRefresh, refreshed } = options;
  const t = m.staff.statistics;
  const hasProblems = problems !== undefined && Object.keys(problems).length > 0;
  const other = m.otherLanguage.lang;
  const carried: Record<string, string> = figures ? { from: figures.query.from, to: figures.query.to, groupBy: figures.query.groupBy } : {};
  const labels: Labels = { heading: figures ? t.form.groupByOptions[figures.query.groupBy] : '', labelOf, chartLabelOf };
  const report = figures?.report;
  const rows = report?.rows ?? [];

  const body =
    figures && report
      ? report.generatedAt === null
        ? html`<p>${t.noSnapshot}</p>`
        : html`<p>${t.generatedAt(formatDateTime(report.generatedAt, m))}</p>
${
  rows.length === 0
    ? html`<p>${t.noFigures}</p>`
    : html`${figureSection(m, t.volume.title, t.volume.caption, rows, [
        { id: 'received-chart', title: t.volume.receivedChart, pick: (row) => row.received, format: (n) => String(Math.round(n)) },
        { id: 'resolved-chart', title: t.volume.resolvedChart, pick: (row) => row.resolved, format: (n) => String(Math.round(n)) },
      ], labels)}
${figureSection(m, t.answer.title, t.answer.caption, rows, [
  { id: 'answer-median-chart', title: t.answer.medianChart, pick: (row) => row.firstAnswerDays.median, format: t.days },
  { id: 'answer-p90-chart', title: t.answer.p90Chart, pick: (row) => row.firstAnswerDays.p90, format: t.days },
], labels)}
${figureSection(m, t.target.title, t.target.caption, rows, [{ id: 'target-chart', title: t.target.chart, pick: (row) => row.withinTarget, format: t.percent }], labels)}`
}
${routingSection(m, report.rules, departmentName)}
<h2>${t.downloads.title}</h2>
<ul>
<li><a href="${staffHref(STATISTICS_CSV_PATH, m.lang, carried)}">${t.downloads.figures}</a></li>
<li><a href="${staffHref(ROUTING_CSV_PATH, m.lang, { from: figures.query.from, to: figures.query.to })}">${t.downloads.routing}</a></li>
</ul>`
      : html``;

  return staffPage({
    m,
    site,
    signedIn,
    title: t.title,
    current: 'statistics',
    switchLanguageHref: staffHref(STATISTICS_PATH, other, hasProblems ? {} : carried),
    main: html`${hasProblems && errorSummary(m, problems)}
<h1>${t.title}</h1>
<p class="font-lead">${t.lead}</p>
${refreshed && alert('success', t.refresh.done.title, t.refresh.done.body)}
${periodForm(m, values, problems)}
${body}
${
  mayRefresh &&
  html`<h2>${t.refresh.title}</h2>
<p>${t.refresh.lead}</p>
<form method="post" action="${SNAPSHOT_PATH}">${formFields(m, signedIn)}<button type="submit" class="button button-secondary">${t.refresh.button}</button></form>`
}`,
  });
}
