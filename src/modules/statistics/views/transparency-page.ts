import { ALL, type PublicCell, type PublicFigures } from '../../../domain/statistics-public.js';
import { barChart } from '../../../pages/charts.js';
import { html, type Html, type Renderable } from '../../../pages/html.js';
import { page, type Site } from '../../../pages/layout.js';
import { formatDateTime, type Messages } from '../../../pages/messages.js';
import { pageHref } from '../../../pages/page-href.js';

/** The months the page shows; the CSV has them all. */
const SHOWN_MONTHS = 12;

export const TRANSPARENCY_PATH = '/transparency';

function monthName(month: string, m: Messages, style: 'short' | 'long'): string {
  const date = new Date(`${month}-15T12:00:00Z`);
  return style === 'short'
    ? new Intl.DateTimeFormat(m.locale, { month: 'short', timeZone: 'UTC' }).format(date)
    : new Intl.DateTimeFormat(m.locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** A figure, or a dash that says (to a screen reader too) why there is none. */
function value(figure: number | null, m: Messages, format: (n: number) => string = String): Renderable {
  if (figure !== null) return format(figure);
  return html`<span aria-hidden="true">${m.transparency.suppressed}</span><span class="sr-only">${m.transparency.suppressedLabel}</span>`;
}

function topicTable(caption: string, rows: readonly { label: string; cell: PublicCell | undefined }[], m: Messages): Html {
  const t = m.transparency;
  return html`<table class="table table--compact statistics-table">
<caption>${caption}</caption>
<thead><tr><th scope="col">${t.month}</th><th scope="col" class="numeric">${t.received}</th><th scope="col" class="numeric">${t.resolved}</th><th scope="col" class="numeric">${t.medianDays}</th><th scope="col" class="numeric">${t.withinTarget}</th></tr></thead>
<tbody>
${rows.map(
  ({ label, cell }) => html`<tr><th scope="row">${label}</th><td class="numeric">${value(cell?.received ?? null, m)}</td><td class="numeric">${value(cell?.resolved ?? null, m)}</td><td class="numeric">${value(cell?.medianFirstAnswerDays ?? null, m, t.days)}</td><td class="numeric">${value(cell?.withinTarget ?? null, m, t.percent)}</td></tr>`,
)}
</tbody>
</table>`;
}

export interface TransparencyPageOptions {
  m: Messages;
  site: Site;
  figures: PublicFigures | null;
}

export function transparencyPage({ m, site, figures }: TransparencyPageOptions): Html {
  const t = m.transparency;
  const months = (figures?.months ?? []).slice(-SHOWN_MONTHS);
  const cellOf = (month: string, topic: string) => figures?.cells.find((cell) => cell.month === month && cell.topic === topic);
  const hasFigures = figures !== null && figures.generatedAt !== null && figures.topics.length > 0 && months.length > 0;
  const first = months[0];
  const last = months[months.length - 1];
  const span = first && last ? ([monthName(first, m, 'long'), monthName(last, m, 'long')] as const) : (['', ''] as const);

  const topics = figures ? [{ code: ALL, label: t.totalTopic }, ...figures.topics.map((topic) => ({ code: topic.code, label: topic.name[m.lang] }))] : [];
  const body = hasFigures
    ? html`<figure class="chart-figure">
${barChart({
  id: 'received-chart',
  title: t.receivedChart.title,
  description: t.receivedChart.description(...span),
  bars: months.map((month) => ({ label: monthName(month, m, 'short'), value: cellOf(month, ALL)?.received ?? null })),
  format: (n) => String(Math.round(n)),
})}
<figcaption>${t.receivedChart.title} (${t.totalTopic.toLowerCase()})</figcaption>
</figure>
<figure class="chart-figure">
${barChart({
  id: 'answer-chart',
  title: t.answerChart.title,
  description: t.answerChart.description(...span),
  bars: months.map((month) => ({ label: monthName(month, m, 'short'), value: cellOf(month, ALL)?.medianFirstAnswerDays ?? null })),
  format: t.days,
})}
<figcaption>${t.answerChart.title} (${t.totalTopic.toLowerCase()})</figcaption>
</figure>
<h2>${t.tableTitle}</h2>
${topics.map(({ code, label }) =>
  topicTable(
    t.tableCaption(label),
    [...months.map((month) => ({ label: monthName(month, m, 'long'), cell: cellOf(month, code) }))],
    m,
  ),
)}
<p>${t.suppressed} ${t.suppressedLabel.toLowerCase()}.</p>`
    : html`<p>${figures && figures.generatedAt !== null && figures.topics.length === 0 ? t.noPublicTopics : t.noFigures}</p>`;

  return page({
    m,
    site,
    title: t.title,
    switchLanguageHref: pageHref(TRANSPARENCY_PATH, { lang: m.lang === 'da' ? 'en' : 'da' }),
    formScript: false,
    description: t.lead,
    main: html`<h1>${t.title}</h1>
<p class="font-lead">${t.lead}</p>
${figures?.generatedAt && html`<p>${t.generatedAt(formatDateTime(figures.generatedAt, m))}</p>`}
${body}
<h2>${t.methodTitle}</h2>
${t.method.map((paragraph) => html`<p>${paragraph}</p>`)}
<h2>${t.downloadTitle}</h2>
<ul>
<li><a href="/v1/public/statistics.csv">${t.downloadCsv}</a></li>
<li><a href="/v1/public/datapackage.json">${t.downloadPackage}</a></li>
</ul>`,
  });
}
