import { alert } from '../../../pages/components.js';
import { html, type Html } from '../../../pages/html.js';
import type { Site } from '../../../pages/layout.js';
import type { Messages } from '../../../pages/messages.js';
import type { GoldenCaseView } from '../../routing/routing.service.js';
import type { CheckedGoldenCase, GoldenCasesPageData, GoldenCheck } from '../golden-cases.service.js';
import { type FieldErrors, GOLDEN_FIELDS, type GoldenValues, INQUIRY_FIELDS } from '../routing-inquiry-form.js';
import {
  breadcrumbs,
  errorSummary,
  expectedFields,
  GOLDEN_CASES_PATH,
  inquiryFields,
  type RoutingForm,
  routingText,
  routingTrail,
  simulatePath,
  topicName,
  versionName,
} from './routing-inquiry-fields.js';
import { formFields, type SignedIn, staffHref, staffMessagePage, staffPage } from './staff-pages.js';

// The golden cases: example inquiries with the routing they must get. The list checks each
// against the published table and, when one is chosen, against another version (a draft
// being tested), and says in words whether it passes. A form adds one; deleting asks first,
// on a page of its own, so that no single click removes one.

export const ADD_FORM = 'add';
export const GOLDEN_NOTICES = ['created', 'deleted'] as const;
export type GoldenNotice = (typeof GOLDEN_NOTICES)[number];

export function deleteGoldenPath(id: string): string {
  return `${GOLDEN_CASES_PATH}/${encodeURIComponent(id)}/delete`;
}

/** The list's address in a language, checking against `version` when one is chosen. */
export function goldenCasesHref(lang: Messages['lang'], version: number | null, params: Record<string, string> = {}): string {
  return staffHref(GOLDEN_CASES_PATH, lang, { ...(version === null ? {} : { version: String(version) }), ...params });
}

export interface GoldenCasesPageOptions {
  m: Messages;
  site: Site;
  signedIn: SignedIn;
  data: GoldenCasesPageData;
  /** The version typed into the address, shown again when it does not exist. */
  versionAsked: string | undefined;
  done?: GoldenNotice | undefined;
  /** The add form as it came back with problems. */
  adding?: { values: GoldenValues; errors: FieldErrors } | undefined;
}

function checkCell(m: Messages, data: GoldenCasesPageData, check: GoldenCheck | null): Html {
  const t = m.staff.goldenCases;
  if (check === null) return html`<td>${t.notChecked}</td>`;
  // Passing or failing is said in words; a failure says how the table routes the case instead.
  return check.passed ? html`<td>${t.passes}</td>` : html`<td><strong>${t.fails}</strong>: ${t.routedAs(routingText(m, data.departments, check.actual))}</td>`;
}

function inquiryText(m: Messages, data: GoldenCasesPageData, golden: GoldenCaseView): Html {
  const topics = golden.inquiry.topics.map((code) => topicName(m, data.topics, code)).join(', ');
  return golden.inquiry.subject ? html`${topics}<br>“${golden.inquiry.subject}”` : html`${topics}`;
}

function tally(checks: readonly (GoldenCheck | null)[]): { passed: number; total: number } {
  return { passed: checks.filter((c) => c?.passed).length, total: checks.length };
}

function summary(m: Messages, data: GoldenCasesPageData): Html {
  const t = m.staff.goldenCases;
  const lines: string[] = [];
  if (data.chosen && data.chosen.version !== data.published?.version) {
    const { passed, total } = tally(data.cases.map((g) => g.against));
    lines.push(t.tally(passed, total, versionName(m, data.chosen)));
  }
  if (data.published) {
    const { passed, total } = tally(data.cases.map((g) => g.check));
    lines.push(t.tally(passed, total, versionName(m, data.published)));
  } else lines.push(t.noPublished);
  return html`${lines.map((line) => html`<p>${line}</p>`)}`;
}

function casesTable(m: Messages, data: GoldenCasesPageData): Html {
  const t = m.staff.goldenCases;
  if (data.cases.length === 0) return html`<p>${t.none}</p>`;
  // A chosen version that is the published one needs no column of its own.
  const against = data.chosen && data.chosen.version !== data.published?.version ? data.chosen : null;
  const version = data.chosen?.version ?? null;
  return html`<div class="table--responsive-scroll">
<table class="table table--compact" id="golden-cases">
  <caption class="sr-only">${t.caption}</caption>
  <thead><tr><th scope="col">${t.name}</th><th scope="col">${t.inquiry}</th><th scope="col">${t.expected}</th>${against && html`<th scope="col">${versionName(m, against)}</th>`}<th scope="col">${data.published ? versionName(m, data.published) : t.publishedTable}</th><th scope="col"><span class="sr-only">${t.actions}</span></th></tr></thead>
  <tbody>
    ${data.cases.map(
      (golden: CheckedGoldenCase) => html`<tr>
      <th scope="row">${golden.name}</th>
      <td>${inquiryText(m, data, golden)}</td>
      <td>${routingText(m, data.departments, golden.expected)}</td>
      ${against && checkCell(m, data, golden.against)}
      ${checkCell(m, data, golden.check)}
      <td><a href="${staffHref(deleteGoldenPath(golden.id), m.lang, version === null ? {} : { version: String(version) })}">${t.delete.link}<span class="sr-only"> ${golden.name}</span></a></td>
    </tr>`,
    )}
  </tbody>
</table>
</div>`;
}

function versionChooser(m: Messages, data: GoldenCasesPageData, versionAsked: string | undefined): Html {
  const t = m.staff.goldenCases.chooser;
  const id = 'check-version';
  const error = data.unknownVersion ? t.unknown : null;
  const describedBy = ['check-version-hint', error && 'check-version-error'].filter(Boolean).join(' ');
  const chosen = data.chosen ? String(data.chosen.version) : '';
  return html`<form method="get" action="${GOLDEN_CASES_PATH}" novalidate>
${m.lang !== 'da' && html`<input type="hidden" name="lang" value="${m.lang}">`}
<div class="form-group${error ? ' form-error' : ''}">
  <label class="form-label" for="${id}">${t.label}</label>
  <span class="form-hint" id="check-version-hint">${t.hint}</span>
  ${error && html`<span class="form-error-message" id="check-version-error"><span class="sr-only">${m.errorPrefix} </span>${error}${versionAsked && html` (${versionAsked})`}</span>`}
  <select class="form-select" id="${id}" name="version" aria-describedby="${describedBy}"${error && html` aria-invalid="true"`}>
    <option value="">${t.publishedOnly}</option>
    ${data.tables.map((table) => html`<option value="${table.version}"${String(table.version) === chosen && html` selected`}>${versionName(m, table)}</option>`)}
  </select>
</div>
<button type="submit" class="button button-secondary">${t.button}</button>
</form>`;
}

function addForm(m: Messages, signedIn: SignedIn, data: GoldenCasesPageData, adding: GoldenCasesPageOptions['adding']): Html {
  const t = m.staff.goldenCases.add;
  const form: RoutingForm = { m, name: ADD_FORM, values: adding?.values ?? {}, errors: adding?.errors ?? new Map(), topics: data.topics, departments: data.departments };
  return html`<h2 id="add">${t.title}</h2>
<p>${t.lead}</p>
<form method="post" action="${GOLDEN_CASES_PATH}" novalidate>${formFields(m, signedIn)}
${data.chosen && html`<input type="hidden" name="version" value="${data.chosen.version}">`}
${inquiryFields(form)}
${expectedFields(form)}
<button type="submit" class="button button-primary">${t.button}</button>
</form>`;
}

export function goldenCasesPage({ m, site, signedIn, data, versionAsked, done, adding }: GoldenCasesPageOptions): Html {
  const t = m.staff.goldenCases;
  const version = data.chosen?.version ?? null;
  const cameBack: RoutingForm | null = adding ? { m, name: ADD_FORM, values: adding.values, errors: adding.errors, topics: data.topics, departments: data.departments } : null;
  const problem = (adding?.errors.size ?? 0) > 0 || data.unknownVersion;
  return staffPage({
    current: 'routing',
    m,
    site,
    signedIn,
    title: problem ? `${m.errorPrefix} ${t.title}` : t.title,
    switchLanguageHref: goldenCasesHref(m.otherLanguage.lang, version),
    main: html`${cameBack && errorSummary(cameBack, [...INQUIRY_FIELDS, ...GOLDEN_FIELDS])}
${done && alert('success', t.done[done], '')}
${breadcrumbs(m, [...routingTrail(m, null), { text: t.title }])}
<h1>${t.title}</h1>
<p class="font-lead">${t.lead}</p>
${version !== null && html`<p><a href="${staffHref(simulatePath(version), m.lang)}">${t.toSimulate(version)}</a></p>`}
${versionChooser(m, data, versionAsked)}
<h2 id="list">${t.listTitle}</h2>
${summary(m, data)}
${casesTable(m, data)}
${addForm(m, signedIn, data, adding)}`,
  });
}

export interface DeleteGoldenPageOptions {
  m: Messages;
  site: Site;
  signedIn: SignedIn;
  golden: GoldenCaseView;
  data: Pick<GoldenCasesPageData, 'topics' | 'departments'>;
  version: number | null;
}

/** Asks before deleting: the golden case, what it expects, and a button that deletes it. */
export function deleteGoldenPage({ m, site, signedIn, golden, data, version }: DeleteGoldenPageOptions): Html {
  const t = m.staff.goldenCases.delete;
  const path = deleteGoldenPath(golden.id);
  const topics = golden.inquiry.topics.map((code) => topicName(m, data.topics, code)).join(', ');
  return staffPage({
    current: 'routing',
    m,
    site,
    signedIn,
    title: t.title(golden.name),
    switchLanguageHref: staffHref(path, m.otherLanguage.lang, version === null ? {} : { version: String(version) }),
    main: html`${breadcrumbs(m, [...routingTrail(m, null), { href: goldenCasesHref(m.lang, version), text: m.staff.goldenCases.title }, { text: t.crumb }])}
<h1>${t.title(golden.name)}</h1>
<p class="font-lead">${t.lead}</p>
<dl>
  <dt>${m.staff.goldenCases.inquiry}</dt><dd>${topics}${golden.inquiry.subject && html`: “${golden.inquiry.subject}”`}</dd>
  <dt>${m.staff.goldenCases.expected}</dt><dd>${routingText(m, data.departments, golden.expected)}</dd>
</dl>
<form method="post" action="${path}">${formFields(m, signedIn)}
${version !== null && html`<input type="hidden" name="version" value="${version}">`}
<button type="submit" class="button button-primary">${t.confirm}</button>
<a class="button button-secondary" href="${goldenCasesHref(m.lang, version)}">${t.cancel}</a>
</form>`,
  });
}

/** The page for a golden case that is not there (deleted meanwhile, or never was). */
export function goldenNotFoundPage(m: Messages, site: Site, signedIn: SignedIn): Html {
  return staffMessagePage({
    m,
    site,
    signedIn,
    texts: m.staff.goldenCases.notFound,
    switchLanguageHref: goldenCasesHref(m.otherLanguage.lang, null),
    next: { href: goldenCasesHref(m.lang, null), text: m.staff.goldenCases.toList },
  });
}
