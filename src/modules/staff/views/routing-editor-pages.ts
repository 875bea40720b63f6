import { isOftenOverruled } from '../../../domain/statistics-query.js';
import { alert, icon } from '../../../pages/components.js';
import { html, type Html, type Renderable } from '../../../pages/html.js';
import type { Site } from '../../../pages/layout.js';
import { formatDateTime, type Messages, type RoutingEditorTexts } from '../../../pages/messages.js';
import type { RoutingRule } from '../../../domain/routing.js';
import type { TableView } from '../../routing/routing.service.js';
import { emptyRuleForm, type FormProblem, type FormTarget, type RuleFormValues, ruleToForm, sameTarget } from '../routing-editor.form.js';
import { type EditorData, FIGURES_DAYS } from '../routing-editor.service.js';
import { formFields, type Refusal, type SignedIn, STAFF_ROUTING, staffHref, staffPage } from './staff-pages.js';

// The routing editor's pages: the versions of the routing table, and one version with its
// rules. A draft's rules are forms, one per rule, each with its own buttons to save, move
// and delete it (plain POSTs, so all of it works without JavaScript); a published or
// retired version reads as text. Problems are shown beside the field they concern.

export const ROUTING_PATH = STAFF_ROUTING;
export const GOLDEN_CASES_PATH = `${STAFF_ROUTING}/golden-cases`;

/** The routing pages' refusal: they are for coordinators and administrators. */
export const routingRefusal = (m: Messages): Refusal => ({ texts: m.staff.routing.forbidden, toMyWork: m.staff.routing.toMyWork, path: ROUTING_PATH });

export function tablePath(version: number): string {
  return `${ROUTING_PATH}/tables/${version}`;
}

export function simulatePath(version: number): string {
  return `${tablePath(version)}/simulate`;
}

export function rulePath(version: number, ruleId: string): string {
  return `${tablePath(version)}/rules/${encodeURIComponent(ruleId)}`;
}

/** The anchor of a rule's section, for the redirect after a change to it. */
export function ruleAnchor(ruleId: string): string {
  return `rule-${ruleId}`;
}

type Summary = Pick<TableView, 'version' | 'status' | 'ruleCount' | 'note' | 'createdAt' | 'createdBy' | 'publishedAt' | 'publishedBy' | 'publishReason' | 'publishForced'>;

const byAt = (t: RoutingEditorTexts, m: Messages, actor: { name: string } | null, iso: string | null): string => (iso ? t.byAt(actor?.name ?? null, formatDateTime(iso, m)) : t.versions.none);

function copyForm(m: Messages, signedIn: SignedIn, version: number): Html {
  const t = m.staff.routing;
  return html`<form method="post" action="${ROUTING_PATH}/tables">${formFields(m, signedIn)}<input type="hidden" name="copyFrom" value="${version}">
<button type="submit" class="button button-secondary" aria-label="${t.versions.copyNamed(version)}">${t.versions.copy}</button></form>`;
}

export interface RoutingVersionsPageOptions {
  m: Messages;
  site: Site;
  signedIn: SignedIn;
  versions: readonly Summary[];
}

export function routingVersionsPage({ m, site, signedIn, versions }: RoutingVersionsPageOptions): Html {
  const t = m.staff.routing;
  return staffPage({
    m,
    site,
    signedIn,
    current: 'routing',
    title: t.title,
    switchLanguageHref: staffHref(ROUTING_PATH, m.otherLanguage.lang),
    main: html`<h1>${t.title}</h1>
<p class="font-lead">${t.lead}</p>
<p><a href="${staffHref(GOLDEN_CASES_PATH, m.lang)}">${t.goldenCasesLink}</a></p>
<h2>${t.versions.title}</h2>
${
  versions.length === 0
    ? html`<p>${t.versions.noVersions}</p>`
    : html`<div class="table--responsive-scroll">
<table class="table table--compact routing-versions">
  <caption class="sr-only">${t.versions.caption}</caption>
  <thead><tr><th scope="col">${t.versions.version}</th><th scope="col">${t.versions.status}</th><th scope="col" class="text-align-right">${t.versions.rules}</th><th scope="col">${t.versions.note}</th><th scope="col">${t.versions.created}</th><th scope="col">${t.versions.published}</th><th scope="col">${t.versions.reason}</th><th scope="col">${t.versions.actions}</th></tr></thead>
  <tbody>
    ${versions.map(
      (v) => html`<tr>
      <th scope="row"><a href="${staffHref(tablePath(v.version), m.lang)}">${t.versions.open(v.version)}</a></th>
      <td>${t.statuses[v.status]}</td>
      <td class="text-align-right">${v.ruleCount}</td>
      <td>${v.note ?? t.versions.none}</td>
      <td>${byAt(t, m, v.createdBy, v.createdAt)}</td>
      <td>${byAt(t, m, v.publishedBy, v.publishedAt)}</td>
      <td>${v.publishReason ?? t.versions.none}${v.publishForced && html`<br><strong>${t.versions.forced}</strong>`}</td>
      <td>${copyForm(m, signedIn, v.version)}</td>
    </tr>`,
    )}
  </tbody>
</table>
</div>`
}`,
  });
}

// ---------------------------------------------------------------- one version

export type RoutingNotice = 'saved' | 'added' | 'deleted' | 'moved' | 'settings' | 'copied' | 'published';

export interface GoldenFailure {
  id: string;
  name: string;
  expected: { lead: string; involved: readonly string[] };
  actual: { lead: string; involved: readonly string[] };
}

/** The forms that came back, as typed. */
export interface PostedForms {
  rule?: { target: FormTarget; values: RuleFormValues };
  settings?: { fallbackDepartment: string; note: string };
  publish?: { reason: string; force: boolean };
}

export interface RoutingTablePageOptions {
  m: Messages;
  site: Site;
  signedIn: SignedIn;
  data: EditorData;
  done?: RoutingNotice | undefined;
  posted?: PostedForms;
  problems?: readonly FormProblem[];
  /** A refusal that concerns the whole page: the draft changed meanwhile, or it is no draft. */
  refusal?: 'stale' | 'notDraft' | undefined;
  /** Publishing was refused: the golden cases that fail, or the draft is not usable. */
  publishRefused?: { failures: readonly GoldenFailure[] } | { invalid: true } | undefined;
}

interface View {
  m: Messages;
  t: RoutingEditorTexts;
  signedIn: SignedIn;
  data: EditorData;
  posted: PostedForms;
  problems: readonly FormProblem[];
}

function departmentName(view: View, code: string): string {
  const d = view.data.departments.find((dep) => dep.code === code);
  return d ? (view.m.lang === 'da' ? d.nameDa : d.nameEn) : code;
}

function topicName(view: View, code: string): string {
  const topic = view.data.topics.find((tp) => tp.code === code);
  return topic ? (view.m.lang === 'da' ? topic.nameDa : topic.nameEn) : code;
}

/** The id prefix of a form's fields. */
function prefixOf(target: FormTarget): string {
  switch (target.form) {
    case 'rule':
      return `r-${target.ruleId}`;
    case 'new':
      return 'new-rule';
    case 'settings':
      return 'settings';
    case 'publish':
      return 'publish';
  }
}

function problemText(t: RoutingEditorTexts, problem: FormProblem): string {
  const { detail } = problem;
  switch (problem.kind) {
    case 'required':
      return problem.field === 'reason' ? t.problems.reasonRequired : t.problems.required;
    case 'tooLong':
      return problem.field === 'keywords' && detail.value !== undefined ? t.problems.keywordTooLong(detail.value, detail.max ?? 0) : t.problems.tooLong(detail.max ?? 0);
    case 'tooMany':
      return t.problems.tooMany(detail.max ?? 0);
    case 'notWholeNumber':
      return t.problems.notWholeNumber(detail.value ?? '');
    case 'choose':
      return t.problems.choose;
    case 'unknownTopic':
      return t.problems.unknownTopic(detail.value ?? '');
    case 'unknownDepartment':
      return t.problems.unknownDepartment(detail.value ?? '');
    case 'postcodeInvalid':
      return t.problems.postcodeInvalid(detail.value ?? '');
    case 'postcodeInverted':
      return t.problems.postcodeInverted(detail.from ?? '', detail.to ?? '');
    case 'employeesInverted':
      return t.problems.employeesInverted(detail.from ?? '', detail.to ?? '');
    case 'invalid':
      return t.problems.invalid;
  }
}

/** Where the error summary's link for a problem leads: its field, or else its form's section. */
function problemHref(problem: FormProblem): string {
  const prefix = prefixOf(problem.target);
  if (problem.field) return `#${prefix}-${problem.field}`;
  return problem.target.form === 'rule' ? `#${ruleAnchor(problem.target.ruleId)}` : `#${problem.target.form === 'new' ? 'add' : problem.target.form}`;
}

function problemsOf(view: View, target: FormTarget, field: string | null): FormProblem[] {
  return view.problems.filter((p) => sameTarget(p.target, target) && p.field === field);
}

/** The parts of a field that shows its problems: the group's class, the messages, and the control's ARIA attributes. */
function fieldParts(view: View, target: FormTarget, field: string, hint?: string) {
  const id = `${prefixOf(target)}-${field}`;
  const problems = problemsOf(view, target, field);
  const texts = [...new Set(problems.map((p) => problemText(view.t, p)))];
  const describedBy = [hint && `${id}-hint`, texts.length > 0 && `${id}-error`].filter(Boolean).join(' ');
  return {
    id,
    invalid: texts.length > 0,
    groupClass: texts.length > 0 ? 'form-group form-error' : 'form-group',
    hint: hint ? html`<span class="form-hint" id="${id}-hint">${hint}</span>` : html``,
    message:
      texts.length > 0
        ? html`<span class="form-error-message" id="${id}-error"><span class="sr-only">${view.m.errorPrefix} </span>${texts.map((text, i) => html`${i > 0 && html`<br>`}${text}`)}</span>`
        : html``,
    describedBy,
    aria: html`${describedBy && html` aria-describedby="${describedBy}"`}${texts.length > 0 && html` aria-invalid="true"`}`,
  };
}

function textField(view: View, target: FormTarget, field: string, name: string, label: string, value: string, options: { hint?: string; classes?: string } = {}): Html {
  const p = fieldParts(view, target, field, options.hint);
  return html`<div class="${p.groupClass}">
  <label class="form-label" for="${p.id}">${label}</label>
  ${p.hint}${p.message}
  <input class="form-input${options.classes ? ` ${options.classes}` : ''}" type="text" id="${p.id}" name="${name}" value="${value}" autocomplete="off"${p.aria}>
</div>`;
}

function departmentSelect(view: View, target: FormTarget, field: string, name: string, label: string, chosen: string, options: { hint?: string; offerNone: boolean }): Html {
  const p = fieldParts(view, target, field, options.hint);
  const offered = view.data.departments.filter((d) => d.active || d.code === chosen);
  const unknown = chosen !== '' && !offered.some((d) => d.code === chosen);
  return html`<div class="${p.groupClass}">
  <label class="form-label" for="${p.id}">${label}</label>
  ${p.hint}${p.message}
  <select class="form-select" id="${p.id}" name="${name}"${p.aria}>
    ${options.offerNone && html`<option value=""${chosen === '' && html` selected`}>${view.t.rule.chooseDepartment}</option>`}
    ${unknown && html`<option value="${chosen}" selected>${chosen}</option>`}
    ${offered.map((d) => html`<option value="${d.code}"${d.code === chosen && html` selected`}>${departmentName(view, d.code)}</option>`)}
  </select>
</div>`;
}

function radios(view: View, target: FormTarget, field: string, legend: string, chosen: string, choices: readonly { value: string; label: string }[]): Html {
  const p = fieldParts(view, target, field);
  return html`<div class="${p.groupClass}">
  <fieldset${p.describedBy && html` aria-describedby="${p.describedBy}"`}>
    <legend class="form-label">${legend}</legend>
    ${p.message}
    ${choices.map((choice, index) => {
      const id = index === 0 ? p.id : `${p.id}-${choice.value}`;
      return html`<div class="form-group-radio">
      <input type="radio" class="form-radio" id="${id}" name="${field}" value="${choice.value}"${choice.value === chosen && html` checked`}>
      <label for="${id}">${choice.label}</label>
    </div>`;
    })}
  </fieldset>
</div>`;
}

function topicBoxes(view: View, target: FormTarget, chosen: readonly string[]): Html {
  const t = view.t.rule;
  const p = fieldParts(view, target, 'topics', t.topicsHint);
  const known = new Set(view.data.topics.map((topic) => topic.code));
  // A topic the rule names that is no longer offered stays visible, so it can be unticked.
  const offered = [
    ...view.data.topics.filter((topic) => topic.active || chosen.includes(topic.code)),
    ...chosen.filter((code) => !known.has(code)).map((code) => ({ code, nameDa: code, nameEn: code, active: false })),
  ];
  return html`<div class="${p.groupClass}">
  <fieldset aria-describedby="${p.describedBy}">
    <legend class="form-label">${t.topics}</legend>
    ${p.hint}${p.message}
    ${offered.map((topic, index) => {
      const id = index === 0 ? p.id : `${p.id}-${topic.code}`;
      const name = topicName(view, topic.code);
      return html`<div class="form-group-checkbox">
      <input type="checkbox" class="form-checkbox" id="${id}" name="topics" value="${topic.code}"${chosen.includes(topic.code) && html` checked`}>
      <label for="${id}">${topic.active ? name : t.inactiveTopic(name)}</label>
    </div>`;
    })}
  </fieldset>
</div>`;
}

function employeesFields(view: View, target: FormTarget, values: RuleFormValues): Html {
  const t = view.t.rule;
  const p = fieldParts(view, target, 'employees', t.employeesHint);
  return html`<div class="${p.groupClass}">
  <fieldset aria-describedby="${p.describedBy}">
    <legend class="form-label">${t.employees}</legend>
    ${p.hint}${p.message}
    <div class="routing-range">
      <div class="form-group"><label class="form-label" for="${p.id}">${t.employeesMin}</label>
      <input class="form-input input-width-xs" type="text" inputmode="numeric" autocomplete="off" id="${p.id}" name="employeesMin" value="${values.employeesMin}"${p.invalid && html` aria-invalid="true"`}></div>
      <div class="form-group"><label class="form-label" for="${p.id}-max">${t.employeesMax}</label>
      <input class="form-input input-width-xs" type="text" inputmode="numeric" autocomplete="off" id="${p.id}-max" name="employeesMax" value="${values.employeesMax}"${p.invalid && html` aria-invalid="true"`}></div>
    </div>
  </fieldset>
</div>`;
}

function postcodeFields(view: View, target: FormTarget, values: RuleFormValues): Html {
  const t = view.t.rule;
  const p = fieldParts(view, target, 'postcodes', t.postcodesHint);
  // The ranges there are, and one empty range to add another.
  const ranges = [...values.postcodes, { from: '', to: '' }];
  return html`<div class="${p.groupClass}">
  <fieldset aria-describedby="${p.describedBy}">
    <legend class="form-label">${t.postcodes}</legend>
    ${p.hint}${p.message}
    ${ranges.map((range, index) => {
      const fromId = index === 0 ? p.id : `${p.id}-${index}-from`;
      return html`<div class="routing-range">
      <div class="form-group"><label class="form-label" for="${fromId}">${t.postcodeFrom(index + 1)}</label>
      <input class="form-input input-width-xs" type="text" inputmode="numeric" autocomplete="off" id="${fromId}" name="postcodeFrom" value="${range.from}"${p.invalid && html` aria-invalid="true"`}></div>
      <div class="form-group"><label class="form-label" for="${p.id}-${index}-to">${t.postcodeTo(index + 1)}</label>
      <input class="form-input input-width-xs" type="text" inputmode="numeric" autocomplete="off" id="${p.id}-${index}-to" name="postcodeTo" value="${range.to}"${p.invalid && html` aria-invalid="true"`}></div>
    </div>`;
    })}
  </fieldset>
</div>`;
}

/** A rule's fields, filled with `values`. */
function ruleFields(view: View, target: FormTarget, values: RuleFormValues): Html {
  const t = view.t.rule;
  return html`${textField(view, target, 'name', 'name', t.name, values.name)}
${topicBoxes(view, target, values.topics)}
${(() => {
  const p = fieldParts(view, target, 'keywords', t.keywordsHint);
  return html`<div class="${p.groupClass}">
  <label class="form-label" for="${p.id}">${t.keywords}</label>
  ${p.hint}${p.message}
  <textarea class="form-input" id="${p.id}" name="keywords" rows="3"${p.aria}>${values.keywords}</textarea>
</div>`;
})()}
${employeesFields(view, target, values)}
${postcodeFields(view, target, values)}
${radios(view, target, 'registeredSocialEnterprise', t.socialEnterprise, values.registeredSocialEnterprise, (['any', 'yes', 'no'] as const).map((value) => ({ value, label: t.socialEnterpriseOptions[value] })))}
${departmentSelect(view, target, 'department', 'department', t.department, values.department, { offerNone: true })}
${radios(view, target, 'role', t.role, values.role, (['lead', 'involve'] as const).map((value) => ({ value, label: t.roles[value] })))}`;
}

function revisionField(view: View): Html {
  return html`<input type="hidden" name="revision" value="${view.data.revision}">`;
}

function ruleRef(view: View, ruleId: string): string {
  const index = view.data.table.rules.findIndex((rule) => rule.id === ruleId);
  const rule = view.data.table.rules[index];
  return rule ? view.t.warnings.ruleRef(index + 1, rule.name) : ruleId;
}

type Warning = TableView['warnings'][number];

function warningText(view: View, warning: Warning): string {
  const w = view.t.warnings;
  switch (warning.code) {
    case 'unreachable-lead-rule':
      return w.unreachable((warning.relatedRuleIds ?? []).map((id) => ruleRef(view, id)).join(', '), departmentName(view, view.data.table.rules.find((r) => r.id === warning.ruleId)?.then.department ?? ''));
    case 'duplicate-rule':
      return w.duplicate((warning.relatedRuleIds ?? []).map((id) => ruleRef(view, id)).join(', '));
    case 'topic-without-lead-rule':
      return w.topicWithoutLead(topicName(view, warning.topic ?? ''), departmentName(view, view.data.table.fallbackDepartment));
    case 'department-not-routed':
      return w.departmentNotRouted(departmentName(view, warning.department ?? ''));
  }
}

function ruleWarnings(view: View, rule: RoutingRule): Html {
  const warnings = view.data.table.warnings.filter((w) => w.ruleId === rule.id);
  return html`${warnings.map(
    (warning) => html`<div class="alert alert-warning alert--paragraph">
  ${icon('warning', 'alert-icon')}
  <div class="alert-body"><p class="alert-text"><strong>${view.t.warnings.ruleLabel}:</strong> ${warningText(view, warning)}</p></div>
</div>`,
  )}`;
}

function ruleFigures(view: View, rule: RoutingRule): Html {
  const { figures } = view.data;
  if (figures.generatedAt === null) return html``;
  const t = view.t.figures;
  const counted = figures.byRule.get(rule.id);
  if (!counted || counted.led === 0) return html`<p class="form-hint routing-figures">${t.label}: ${t.none(FIGURES_DAYS)}</p>`;
  const share = view.m.staff.statistics.percent(counted.transferredAway / counted.led);
  return html`<p class="routing-figures"><strong>${t.label}:</strong> ${t.led(counted.led, FIGURES_DAYS)}, ${t.transferred(counted.transferredAway, share)}${isOftenOverruled(counted) && html` <strong class="routing-overruled">${t.overruled}</strong>`}</p>`;
}

/** What a saved rule says, in words: its conditions and what it does. */
function ruleDescription(view: View, rule: RoutingRule): Html {
  const t = view.t.rule;
  const { when } = rule;
  const conditions: [string, Renderable][] = [];
  if (when.topics) conditions.push([t.topics, when.topics.anyOf.map((code) => topicName(view, code)).join(', ')]);
  if (when.keywords) conditions.push([t.keywords, when.keywords.anyOf.join(', ')]);
  if (when.employees) conditions.push([t.employees, t.employeesRange(when.employees.min, when.employees.max)]);
  if (when.postcodes) conditions.push([t.postcodes, when.postcodes.map((r) => (r.from === r.to ? r.from : `${r.from}–${r.to}`)).join(', ')]);
  if (when.registeredSocialEnterprise !== undefined) conditions.push([t.socialEnterprise, when.registeredSocialEnterprise ? t.yes : t.no]);
  return html`<dl class="routing-rule-description">
  <dt>${t.when}</dt>
  <dd>${conditions.length === 0 ? t.always : html`<ul>${conditions.map(([label, text]) => html`<li>${label}: ${text}</li>`)}</ul>`}</dd>
  <dt>${t.then}</dt>
  <dd>${departmentName(view, rule.then.department)}: ${t.roles[rule.then.role]}</dd>
</dl>`;
}

/**
 * A draft's rule: what it says, and its form folded away, so a long table still reads as a
 * list; the form is open when it came back with what was typed or has a problem. Beside
 * it, the buttons that move and delete the rule.
 */
function ruleEditor(view: View, rule: RoutingRule, index: number): Html {
  const { m, t, signedIn } = view;
  const target: FormTarget = { form: 'rule', ruleId: rule.id };
  const posted = view.posted.rule && sameTarget(view.posted.rule.target, target) ? view.posted.rule.values : undefined;
  const values = posted ?? ruleToForm(rule);
  const path = rulePath(view.data.table.version, rule.id);
  const last = view.data.table.rules.length - 1;
  const general = problemsOf(view, target, null);
  const open = posted !== undefined || view.problems.some((p) => sameTarget(p.target, target));
  const moveForm = (direction: 'up' | 'down') =>
    html`<form method="post" action="${path}/move">${formFields(m, signedIn)}${revisionField(view)}<input type="hidden" name="direction" value="${direction}">
<button type="submit" class="button button-secondary" aria-label="${direction === 'up' ? t.rule.moveUpNamed(rule.name) : t.rule.moveDownNamed(rule.name)}">${direction === 'up' ? t.rule.moveUp : t.rule.moveDown}</button></form>`;
  return html`${general.length > 0 && html`<p class="form-error-message">${general.map((p) => problemText(t, p)).join(' ')}</p>`}
<details class="details"${open && html` open`}>
<summary class="details-summary"><span class="details-summary-text">${t.rule.edit}<span class="sr-only"> ${rule.name}</span></span></summary>
<div class="details-text">
<form method="post" action="${path}" novalidate>${formFields(m, signedIn)}${revisionField(view)}
${ruleFields(view, target, values)}
<button type="submit" class="button button-primary" aria-label="${t.rule.saveNamed(rule.name)}">${t.rule.save}</button>
</form>
</div>
</details>
<div class="routing-rule-actions">
${index > 0 && moveForm('up')}
${index < last && moveForm('down')}
<form method="post" action="${path}/delete">${formFields(m, signedIn)}${revisionField(view)}
<button type="submit" class="button button-secondary" aria-label="${t.rule.removeNamed(rule.name)}">${t.rule.remove}</button></form>
</div>`;
}

/** A rule's section: its place and name, its figures and warnings, what it says, and on a draft its form and buttons. */
function ruleSection(view: View, rule: RoutingRule, index: number, editable: boolean): Html {
  const t = view.t.rule;
  return html`<section class="routing-rule" id="${ruleAnchor(rule.id)}" aria-labelledby="${ruleAnchor(rule.id)}-heading">
<h3 id="${ruleAnchor(rule.id)}-heading">${t.heading(index + 1, rule.name)}</h3>
<p class="form-hint">${t.id(rule.id)}</p>
${ruleFigures(view, rule)}
${ruleWarnings(view, rule)}
${ruleDescription(view, rule)}
${editable && ruleEditor(view, rule, index)}
</section>`;
}

function errorSummary(view: View): Html {
  if (view.problems.length === 0) return html``;
  return html`<div class="alert alert-error" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
  ${icon('error', 'alert-icon')}
  <div class="alert-body">
    <h2 class="alert-heading" id="error-summary-title">${view.t.errorSummary}</h2>
    <ul class="alert-text nobullet-list">
      ${view.problems.map((problem) => html`<li><a class="function-link" href="${problemHref(problem)}">${problemText(view.t, problem)}</a></li>`)}
    </ul>
  </div>
</div>`;
}

function facts(view: View): Html {
  const { m, t } = view;
  const table = view.data.table;
  return html`<dl>
  <dt>${t.facts.status}</dt><dd>${t.statuses[table.status]}</dd>
  <dt>${t.facts.fallback}</dt><dd>${departmentName(view, table.fallbackDepartment)}</dd>
  ${table.note && html`<dt>${t.facts.note}</dt><dd>${table.note}</dd>`}
  ${table.copiedFrom !== null && html`<dt>${t.facts.copiedFrom}</dt><dd><a href="${staffHref(tablePath(table.copiedFrom), m.lang)}">${t.versions.open(table.copiedFrom)}</a></dd>`}
  <dt>${t.facts.created}</dt><dd>${byAt(t, m, table.createdBy, table.createdAt)}</dd>
  ${table.status === 'draft' && html`<dt>${t.facts.updated}</dt><dd>${byAt(t, m, table.updatedBy, table.updatedAt)}</dd>`}
  ${table.publishedAt && html`<dt>${t.facts.published}</dt><dd>${byAt(t, m, table.publishedBy, table.publishedAt)}${table.publishForced && html` <strong>${t.forcedNote}</strong>`}</dd>`}
  ${table.publishReason && html`<dt>${t.facts.reason}</dt><dd>${table.publishReason}</dd>`}
  ${table.retiredAt && html`<dt>${t.facts.retired}</dt><dd>${formatDateTime(table.retiredAt, m)}</dd>`}
</dl>`;
}

function settingsSection(view: View): Html {
  const { m, t, signedIn } = view;
  const target: FormTarget = { form: 'settings' };
  const table = view.data.table;
  const values = view.posted.settings ?? { fallbackDepartment: table.fallbackDepartment, note: table.note ?? '' };
  const note = fieldParts(view, target, 'note', t.settings.noteHint);
  return html`<h2 id="settings">${t.sections.settings}</h2>
<form method="post" action="${tablePath(table.version)}/settings" novalidate>${formFields(m, signedIn)}${revisionField(view)}
${departmentSelect(view, target, 'fallbackDepartment', 'fallbackDepartment', t.settings.fallback, values.fallbackDepartment, { hint: t.settings.fallbackHint, offerNone: false })}
<div class="${note.groupClass}">
  <label class="form-label" for="${note.id}">${t.settings.note}</label>
  ${note.hint}${note.message}
  <textarea class="form-input" id="${note.id}" name="note" rows="2"${note.aria}>${values.note}</textarea>
</div>
<button type="submit" class="button button-secondary">${t.settings.save}</button>
</form>`;
}

function warningsSection(view: View): Html {
  const t = view.t.warnings;
  const warnings = view.data.table.warnings;
  return html`<h2 id="warnings">${view.t.sections.warnings}</h2>
${
  warnings.length === 0
    ? html`<p>${t.none}</p>`
    : html`<p>${t.lead}</p>
<ul>
  ${warnings.map((w) => html`<li>${w.ruleId ? html`<a href="#${ruleAnchor(w.ruleId)}">${ruleRef(view, w.ruleId)}</a>: ` : ''}${warningText(view, w)}</li>`)}
</ul>`
}`;
}

function diffSection(view: View): Html {
  const t = view.t.diff;
  const { diff } = view.data;
  const heading = html`<h2 id="diff">${view.t.sections.diff}</h2>`;
  if (!diff) return html`${heading}<p>${t.noPublished}</p>`;
  const rows: { position: number; name: string; change: string }[] = [
    ...diff.added.map((a) => ({ position: a.position, name: a.rule.name, change: t.added })),
    ...diff.changed.map((c) => ({
      position: c.after.position,
      name: c.after.rule.name,
      change: `${t.changed}: ${c.fields.map((field) => (field === 'position' ? t.moved(c.before.position + 1, c.after.position + 1) : (t.fields[field as keyof typeof t.fields] ?? field))).join(', ')}`,
    })),
  ].sort((a, b) => a.position - b.position);
  const removed = diff.removed.map((r) => ({ position: r.position, name: r.rule.name, change: t.removed }));
  const empty = rows.length === 0 && removed.length === 0 && diff.fallbackDepartment === null;
  return html`${heading}
<p>${t.against(diff.against)}</p>
${empty && html`<p>${t.none}</p>`}
${diff.fallbackDepartment && html`<p>${t.fallback(departmentName(view, diff.fallbackDepartment.before), departmentName(view, diff.fallbackDepartment.after))}</p>`}
${
  (rows.length > 0 || removed.length > 0) &&
  html`<div class="table--responsive-scroll">
<table class="table table--compact routing-diff">
  <caption class="sr-only">${t.caption}</caption>
  <thead><tr><th scope="col">${t.ruleColumn}</th><th scope="col">${t.changeColumn}</th></tr></thead>
  <tbody>
    ${rows.map((row) => html`<tr><th scope="row">${view.t.rule.heading(row.position + 1, row.name)}</th><td>${row.change}</td></tr>`)}
    ${removed.map((row) => html`<tr><th scope="row">${row.name}</th><td>${row.change}</td></tr>`)}
  </tbody>
</table>
</div>`
}`;
}

function routingText(view: View, routing: { lead: string; involved: readonly string[] }): string {
  const t = view.t.publish;
  return t.routingText(departmentName(view, routing.lead), routing.involved.length === 0 ? t.noInvolved : routing.involved.map((d) => departmentName(view, d)).join(', '));
}

function publishSection(view: View, refused: RoutingTablePageOptions['publishRefused']): Html {
  const { m, t, signedIn } = view;
  const target: FormTarget = { form: 'publish' };
  const version = view.data.table.version;
  const values = view.posted.publish ?? { reason: '', force: false };
  const reason = fieldParts(view, target, 'reason', t.publish.reasonHint);
  const failures = refused && 'failures' in refused ? refused.failures : [];
  return html`<h2 id="publish">${t.sections.publish}</h2>
${
  failures.length > 0 &&
  html`<div class="alert alert-error" id="publish-refused" role="alert">
  ${icon('error', 'alert-icon')}
  <div class="alert-body">
    <h3 class="alert-heading">${t.publish.refusedTitle(failures.length)}</h3>
    <p class="alert-text">${t.publish.refusedBody}</p>
  </div>
</div>
<div class="table--responsive-scroll">
<table class="table table--compact routing-failures">
  <caption>${t.publish.failuresCaption}</caption>
  <thead><tr><th scope="col">${t.publish.goldenCase}</th><th scope="col">${t.publish.expected}</th><th scope="col">${t.publish.actual}</th></tr></thead>
  <tbody>
    ${failures.map((f) => html`<tr><th scope="row">${f.name}</th><td>${routingText(view, f.expected)}</td><td>${routingText(view, f.actual)}</td></tr>`)}
  </tbody>
</table>
</div>
<p><a href="${staffHref(GOLDEN_CASES_PATH, m.lang)}">${t.goldenCasesLink}</a></p>`
}
${refused && 'invalid' in refused && alert('error', t.errorSummary, t.publish.invalid)}
<p>${t.publish.lead(version)}</p>
<form method="post" action="${tablePath(version)}/publish" novalidate>${formFields(m, signedIn)}${revisionField(view)}
<div class="${reason.groupClass}">
  <label class="form-label" for="${reason.id}">${t.publish.reason}</label>
  ${reason.hint}${reason.message}
  <textarea class="form-input" id="${reason.id}" name="reason" rows="2"${reason.aria}>${values.reason}</textarea>
</div>
<div class="form-group">
  <div class="form-group-checkbox">
    <input type="checkbox" class="form-checkbox" id="publish-force" name="force" value="true" aria-describedby="publish-force-hint"${values.force && html` checked`}>
    <label for="publish-force">${t.publish.force}</label>
    <span class="form-hint" id="publish-force-hint">${t.publish.forceHint}</span>
  </div>
</div>
<button type="submit" class="button button-primary">${t.publish.button(version)}</button>
</form>`;
}

/** At the top of a page whose publish was refused: why, and the way to the golden cases that fail, further down. */
function publishedRefusedSummary(t: RoutingEditorTexts, failed: number): Html {
  return html`<div class="alert alert-error" role="alert">
  ${icon('error', 'alert-icon')}
  <div class="alert-body">
    <h2 class="alert-heading">${t.publish.refusedTitle(failed)}</h2>
    <p class="alert-text"><a class="function-link" href="#publish-refused">${t.publish.seeFailures}</a></p>
  </div>
</div>`;
}

function notice(t: RoutingEditorTexts, done: RoutingNotice | undefined, table: TableView): Html {
  if (!done) return html``;
  const text =
    done === 'copied' ? t.done.copied(table.copiedFrom ?? 0) : done === 'published' ? t.done.published(table.version) : t.done[done];
  return html`<div class="alert alert-success" role="status">
  ${icon('success', 'alert-icon')}
  <div class="alert-body"><p class="alert-text">${text}</p></div>
</div>`;
}

export function routingTablePage({ m, site, signedIn, data, done, posted = {}, problems = [], refusal, publishRefused }: RoutingTablePageOptions): Html {
  const t = m.staff.routing;
  const view: View = { m, t, signedIn, data, posted, problems };
  const table = data.table;
  const version = table.version;
  const draft = table.status === 'draft';
  const title = t.tableTitle(version, t.statuses[table.status]);
  const problem = problems.length > 0 || refusal !== undefined || publishRefused !== undefined;
  const newTarget: FormTarget = { form: 'new' };
  const sections = draft
    ? (['rules', 'add', 'settings', 'warnings', 'diff', 'publish'] as const)
    : (['rules', 'warnings'] as const);
  return staffPage({
    m,
    site,
    signedIn,
    current: 'routing',
    title: problem ? `${m.errorPrefix} ${title}` : title,
    switchLanguageHref: staffHref(tablePath(version), m.otherLanguage.lang),
    main: html`${errorSummary(view)}
${refusal && alert('error', t[refusal].title, t[refusal].body)}
${publishRefused && 'failures' in publishRefused && publishedRefusedSummary(t, publishRefused.failures.length)}
${notice(t, done, table)}
<p><a href="${staffHref(ROUTING_PATH, m.lang)}">${t.toVersions}</a></p>
<h1>${title}</h1>
${!draft && html`<p class="font-lead">${t.readOnly[table.status === 'published' ? 'published' : 'retired']}</p>${copyForm(m, signedIn, version)}`}
${facts(view)}
<ul class="nobullet-list">
  <li><a href="${staffHref(simulatePath(version), m.lang)}">${t.simulateLink(version)}</a></li>
  <li><a href="${staffHref(GOLDEN_CASES_PATH, m.lang)}">${t.goldenCasesLink}</a></li>
</ul>
<nav aria-labelledby="on-this-page"><h2 id="on-this-page" class="h4">${t.onThisPage}</h2>
<ul>${sections.map((section) => html`<li><a href="#${section}">${t.sections[section]}</a></li>`)}</ul>
</nav>
<h2 id="rules">${t.sections.rules}</h2>
${
  data.figures.generatedAt === null
    ? html`<p class="form-hint">${t.figures.noSnapshot}</p>`
    : html`<p class="form-hint">${t.figures.note(formatDateTime(data.figures.generatedAt.toISOString(), m))}</p>`
}
${table.rules.map((rule, index) => ruleSection(view, rule, index, draft))}
${
  draft &&
  html`<h2 id="add">${t.sections.add}</h2>
<p>${t.add.lead}</p>
${problemsOf(view, newTarget, null).length > 0 && html`<p class="form-error-message">${problemsOf(view, newTarget, null).map((p) => problemText(t, p)).join(' ')}</p>`}
<form method="post" action="${tablePath(version)}/rules" novalidate>${formFields(m, signedIn)}${revisionField(view)}
${ruleFields(view, newTarget, posted.rule && sameTarget(posted.rule.target, newTarget) ? posted.rule.values : emptyRuleForm())}
<button type="submit" class="button button-primary">${t.add.button}</button>
</form>
${settingsSection(view)}`
}
${warningsSection(view)}
${draft && html`${diffSection(view)}${publishSection(view, publishRefused)}`}`,
  });
}
