import { alert } from '../../../pages/components.js';
import { html, type Html } from '../../../pages/html.js';
import type { Site } from '../../../pages/layout.js';
import { formatDateTime, type Messages } from '../../../pages/messages.js';
import type { ComparedRule } from '../../../domain/routing-comparison.js';
import type { RuleExplanation } from '../../../domain/routing-explain.js';
import { type FieldErrors, GOLDEN_FIELDS, type GoldenValues, INQUIRY_FIELDS } from '../routing-inquiry-form.js';
import type { SimulatePageData, Simulation, SimulationResult } from '../routing-simulate.service.js';
import {
  breadcrumbs,
  departmentName,
  errorSummary,
  expectedFields,
  GOLDEN_CASES_PATH,
  inquiryFields,
  inquiryHiddenFields,
  type RoutingForm,
  routingTrail,
  simulatePath,
  topicName,
  versionName,
} from './routing-inquiry-fields.js';
import { formFields, type SignedIn, staffHref, staffPage } from './staff-pages.js';

// The simulation page: an inquiry, typed or taken from one of the latest cases, routed by
// the version asked for (usually a draft) and by the published table, side by side, rule
// by rule; every difference is said in words, not only shown. The inquiry form is a GET
// form (nothing changes, and the address can be shared); saving the result as a golden
// case is a POST with the CSRF token.

export const SIMULATE_FORM = 'simulate';
export const SAVE_FORM = 'golden';

export function saveGoldenPath(version: number): string {
  return `${simulatePath(version)}/golden-cases`;
}

export interface SimulatePageOptions {
  m: Messages;
  site: Site;
  signedIn: SignedIn;
  data: SimulatePageData;
  /** The save form as it came back with problems. */
  saving?: { values: GoldenValues; errors: FieldErrors } | undefined;
}

type Side = 'simulated' | 'published';

/** What one rule did in one table, in words: matched and how, or the condition that failed first. */
function outcome(m: Messages, data: SimulatePageData, rule: RuleExplanation | null): Html {
  const t = m.staff.routingSimulate.result;
  if (rule === null) return html`${t.notInTable}`;
  if (!rule.matched) return html`${t.notMatched}: ${rule.failedCondition ? t.failed[rule.failedCondition] : ''}`;
  const department = departmentName(m, data.departments, rule.department);
  const keywords = rule.matchedKeywords?.length ? html` ${t.keywordsFound(rule.matchedKeywords.join(', '))}` : html``;
  return html`${t.matched}: ${t.effects[rule.effect === 'none' ? 'already-routed' : rule.effect](department)}${keywords}`;
}

function roleText(m: Messages, data: SimulatePageData, rule: RuleExplanation): string {
  return m.staff.routingSimulate.result.ruleRole(departmentName(m, data.departments, rule.department), rule.role);
}

/** "Differs" in words, strong, or "Same": the comparison column never relies on colour. */
function comparedCell(m: Messages, differs: boolean): Html {
  const t = m.staff.routingSimulate.result;
  return differs ? html`<td><strong>${t.differs}</strong></td>` : html`<td>${t.same}</td>`;
}

function chosenBy(m: Messages, simulation: Simulation): string {
  const t = m.staff.routingSimulate.result;
  if (simulation.decision.leadRuleId === null) return t.fallback;
  return simulation.rules.find((rule) => rule.id === simulation.decision.leadRuleId)?.name ?? simulation.decision.leadRuleId;
}

function involvedText(m: Messages, data: SimulatePageData, simulation: Simulation): string {
  const involved = simulation.decision.involved;
  return involved.length === 0 ? m.staff.routingInquiry.noneInvolved : involved.map((code) => departmentName(m, data.departments, code)).join(', ');
}

function verdict(m: Messages, data: SimulatePageData, result: SimulationResult): Html {
  const t = m.staff.routingSimulate.result;
  const simulated = versionName(m, data.table);
  if (!data.published) return html`<p>${t.noPublished}</p>`;
  if (!result.comparison) return html`<p>${t.isPublished(simulated)}</p>`;
  const published = versionName(m, data.published);
  return result.comparison.differs ? html`<p><strong>${t.differsVerdict(simulated, published)}</strong></p>` : html`<p>${t.sameVerdict(simulated, published)}</p>`;
}

function decisionTable(m: Messages, data: SimulatePageData, result: SimulationResult): Html {
  const t = m.staff.routingSimulate.result;
  const { simulated, published, comparison } = result;
  const row = (label: string, cell: (s: Simulation) => string, differs: boolean) => html`<tr>
      <th scope="row">${label}</th>
      <td>${cell(simulated)}</td>
      ${published && html`<td>${cell(published)}</td>${comparedCell(m, differs)}`}
    </tr>`;
  const lead = (s: Simulation) => departmentName(m, data.departments, s.decision.lead);
  const by = (s: Simulation) => chosenBy(m, s);
  const chosenDiffers = published !== null && chosenBy(m, simulated) !== chosenBy(m, published);
  return html`<div class="table--responsive-scroll">
<table class="table table--compact" id="decision">
  <caption>${t.decisionCaption}</caption>
  <thead><tr><td></td><th scope="col">${versionName(m, data.table)}</th>${published && data.published && html`<th scope="col">${versionName(m, data.published)}</th><th scope="col">${t.compared}</th>`}</tr></thead>
  <tbody>
    ${row(t.lead, lead, comparison?.leadDiffers ?? false)}
    ${row(t.involved, (s) => involvedText(m, data, s), comparison?.involvedDiffers ?? false)}
    ${row(t.chosenBy, by, chosenDiffers)}
  </tbody>
</table>
</div>`;
}

/** Every rule of the version, or of both tables paired by rule id, with what it did in each. */
function rulesTable(m: Messages, data: SimulatePageData, result: SimulationResult): Html {
  const t = m.staff.routingSimulate.result;
  const { simulated, published, comparison } = result;
  const rows: ComparedRule[] = comparison
    ? comparison.rules
    : simulated.rules.map((rule) => ({ id: rule.id, name: rule.name, first: rule, second: null, differs: false }));
  if (rows.length === 0) return html`<p>${t.noRules}</p>`;
  const sides: Side[] = published ? ['simulated', 'published'] : ['simulated'];
  return html`<div class="table--responsive-scroll">
<table class="table table--compact" id="rules">
  <caption>${t.rulesCaption}</caption>
  <thead><tr><th scope="col">${t.rule}</th><th scope="col">${t.sendsTo}</th><th scope="col">${versionName(m, data.table)}</th>${published && data.published && html`<th scope="col">${versionName(m, data.published)}</th><th scope="col">${t.compared}</th>`}</tr></thead>
  <tbody>
    ${rows.map((row) => {
      const shown = (row.first ?? row.second) as RuleExplanation;
      return html`<tr>
      <th scope="row">${row.name}</th>
      <td>${roleText(m, data, shown)}</td>
      ${sides.map((side) => html`<td>${outcome(m, data, side === 'simulated' ? row.first : row.second)}</td>`)}
      ${published && comparedCell(m, row.differs)}
    </tr>`;
    })}
  </tbody>
</table>
</div>`;
}

function saveForm(m: Messages, signedIn: SignedIn, data: SimulatePageData, result: SimulationResult, saving: SimulatePageOptions['saving']): Html {
  const t = m.staff.routingSimulate.save;
  const decided = result.simulated.decision;
  const form: RoutingForm = {
    m,
    name: SAVE_FORM,
    // What the version decided is what the golden case expects, unless changed here.
    values: saving?.values ?? { name: '', lead: decided.lead, involved: decided.involved },
    errors: saving?.errors ?? new Map(),
    topics: data.topics,
    departments: data.departments,
  };
  return html`<h2 id="save">${t.title}</h2>
<p>${t.lead(versionName(m, data.table))}</p>
<form method="post" action="${saveGoldenPath(data.table.version)}" novalidate>${formFields(m, signedIn)}
${inquiryHiddenFields(data.values)}
${expectedFields(form)}
<button type="submit" class="button button-primary">${t.button}</button>
</form>`;
}

function result(m: Messages, signedIn: SignedIn, data: SimulatePageData, simulation: SimulationResult, saving: SimulatePageOptions['saving']): Html {
  const t = m.staff.routingSimulate.result;
  return html`<h2 id="result">${t.title}</h2>
${verdict(m, data, simulation)}
${decisionTable(m, data, simulation)}
<h3>${t.rulesTitle}</h3>
${rulesTable(m, data, simulation)}
${saveForm(m, signedIn, data, simulation, saving)}`;
}

function recentCases(m: Messages, data: SimulatePageData): Html {
  const t = m.staff.routingSimulate.recent;
  const path = simulatePath(data.table.version);
  if (data.recent.length === 0) return html`<p>${t.none}</p>`;
  return html`<div class="table--responsive-scroll">
<table class="table table--compact" id="recent-cases">
  <caption class="sr-only">${t.caption}</caption>
  <thead><tr><th scope="col">${t.reference}</th><th scope="col">${t.subject}</th><th scope="col">${t.topics}</th><th scope="col">${t.received}</th><th scope="col"><span class="sr-only">${t.actions}</span></th></tr></thead>
  <tbody>
    ${data.recent.map(
      (kase) => html`<tr>
      <th scope="row">${kase.reference}</th>
      <td>${kase.subject}</td>
      <td>${kase.topics.map((code) => topicName(m, data.topics, code)).join(', ')}</td>
      <td>${formatDateTime(kase.createdAt, m)}</td>
      <td><a href="${staffHref(path, m.lang, { case: kase.reference })}#result">${t.use}<span class="sr-only"> ${kase.reference}</span></a></td>
    </tr>`,
    )}
  </tbody>
</table>
</div>`;
}

export function simulatePage({ m, site, signedIn, data, saving }: SimulatePageOptions): Html {
  const t = m.staff.routingSimulate;
  const version = data.table.version;
  const path = simulatePath(version);
  const inquiryForm: RoutingForm = { m, name: SIMULATE_FORM, values: data.values, errors: data.errors, topics: data.topics, departments: data.departments };
  const savingForm: RoutingForm | null = saving ? { ...inquiryForm, name: SAVE_FORM, values: saving.values, errors: saving.errors } : null;
  const notFound = data.picked && !data.picked.found ? t.recent.notFound(data.picked.reference) : null;
  const problem = data.errors.size > 0 || (saving?.errors.size ?? 0) > 0 || notFound !== null;
  const title = t.title(version);
  // The address in the other language keeps the inquiry, so switching language keeps the result.
  const query = new URLSearchParams(data.picked?.found ? { case: data.picked.reference } : {});
  if (data.result || data.errors.size > 0) {
    const v = data.values;
    for (const code of v.topics) query.append('topics', code);
    query.set('subject', v.subject);
    query.set('description', v.description);
    query.set('employees', v.employees);
    query.set('postcode', v.postcode);
    query.set('registeredSocialEnterprise', v.registeredSocialEnterprise);
    query.delete('case');
  }
  if (m.otherLanguage.lang !== 'da') query.set('lang', m.otherLanguage.lang);
  const otherLanguage = query.size > 0 ? `${path}?${query.toString()}` : path;
  return staffPage({
    current: 'routing',
    m,
    site,
    signedIn,
    title: problem ? `${m.errorPrefix} ${title}` : title,
    switchLanguageHref: otherLanguage,
    main: html`${errorSummary(inquiryForm, INQUIRY_FIELDS)}
${savingForm && errorSummary(savingForm, GOLDEN_FIELDS)}
${notFound && alert('error', notFound.title, notFound.body)}
${breadcrumbs(m, [...routingTrail(m, version), { text: t.crumb }])}
<h1>${title}</h1>
<p class="font-lead">${t.lead}</p>
<p>${t.about(versionName(m, data.table), data.published && data.published.version !== version ? versionName(m, data.published) : null)}</p>
<p><a href="${staffHref(GOLDEN_CASES_PATH, m.lang, { version: String(version) })}">${t.goldenCasesLink(version)}</a></p>
${data.picked?.found && alert('info', t.recent.picked(data.picked.reference), t.recent.pickedBody)}
${data.result && result(m, signedIn, data, data.result, saving)}
<h2 id="inquiry">${data.result ? t.changeTitle : t.formTitle}</h2>
<form method="get" action="${path}" novalidate>
${m.lang !== 'da' && html`<input type="hidden" name="lang" value="${m.lang}">`}
${inquiryFields(inquiryForm)}
<button type="submit" class="button button-primary">${t.submit}</button>
</form>
<h2 id="recent">${t.recent.title}</h2>
<p>${t.recent.lead}</p>
${recentCases(m, data)}`,
  });
}
