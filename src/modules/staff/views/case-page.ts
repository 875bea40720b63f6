import type { CaseEventData } from '../../../domain/case-events.js';
import { alert, icon } from '../../../pages/components.js';
import { html, type Html } from '../../../pages/html.js';
import type { Site } from '../../../pages/layout.js';
import { type AssignmentActionKind, type CasePageTexts, formatDate, formatDateTime, type Messages } from '../../../pages/messages.js';
import type { CaseEventView } from '../../cases/cases.schemas.js';
import type { DoneNotice } from '../case-page.schemas.js';
import type { CasePage } from '../case-page.service.js';
import { formFields, type SignedIn, staffHref, staffPage } from './staff-pages.js';

// The staff case page. Every action is a plain POST form carrying the CSRF token, the
// page's language, the case revision it was rendered from and the newest event shown, so
// that a form sent after someone else changed the case is refused and can show what
// changed. The main actions (the assignments) come first after the summary.

export const CASES_PATH = '/staff/cases';

export function casePageHref(reference: string, lang: Messages['lang'], params: Record<string, string> = {}): string {
  return staffHref(`${CASES_PATH}/${encodeURIComponent(reference)}`, lang, params);
}

/** The forms of the page, each with its fields. */
export const CASE_FORMS = {
  note: ['body', 'visibility', 'department'],
  transfer: ['from', 'to', 'reason'],
  involve: ['department', 'reason'],
} as const;
export type CaseFormName = keyof typeof CASE_FORMS;
export type CaseFormField<F extends CaseFormName> = (typeof CASE_FORMS)[F][number];

/** A form that came back: what was typed, and what is wrong with it (by field). */
export interface PostedForm {
  form: CaseFormName | 'assignment';
  values: Record<string, string>;
  errors: ReadonlyMap<string, string>;
}

export interface CasePageState {
  /** A change just made, said at the top (a transfer or involvement names the department). */
  done?: { notice: DoneNotice; department?: string | undefined } | undefined;
  posted?: PostedForm | undefined;
  /** The form was rendered from an older revision: what happened since (as far as the caller may see). */
  stale?: readonly CaseEventView[] | undefined;
  /** The change is not possible now (an assignment in another state than the form assumed). */
  notPossible?: boolean | undefined;
}

export const fieldId = (form: string, field: string): string => `${form}-${field}`;

interface View {
  m: Messages;
  t: CasePageTexts;
  data: CasePage;
  signedIn: SignedIn;
  state: CasePageState;
  departmentName: (code: string | null) => string;
}

function multiline(text: string): Html {
  const lines = text.split(/\r?\n/);
  return html`${lines.map((line, i) => html`${i > 0 && html`<br>`}${line}`)}`;
}

/** The hidden fields of every action form on the page. */
function actionFields(view: View): Html {
  const { m, data, signedIn } = view;
  return html`${formFields(m, signedIn)}<input type="hidden" name="revision" value="${data.kase.revision}"><input type="hidden" name="seen" value="${data.lastEventId}">`;
}

function actionPath(view: View, action: string): string {
  return `${CASES_PATH}/${encodeURIComponent(view.data.kase.reference)}/${action}`;
}

/** What was typed into a field of this form when it came back, else the default. */
function valueOf(view: View, form: CaseFormName, field: string, fallback = ''): string {
  const posted = view.state.posted;
  return posted?.form === form ? (posted.values[field] ?? fallback) : fallback;
}

function errorOf(view: View, form: CaseFormName, field: string): string | undefined {
  const posted = view.state.posted;
  return posted?.form === form ? posted.errors.get(field) : undefined;
}

/** Label, hint and error of a field, with the DKFDS classes and the ids aria-describedby names. */
function fieldParts(view: View, form: CaseFormName, field: string, hint?: string) {
  const id = fieldId(form, field);
  const error = errorOf(view, form, field);
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return {
    id,
    groupClass: error ? 'form-group form-error' : 'form-group',
    hint: hint ? html`<span class="form-hint" id="${id}-hint">${hint}</span>` : html``,
    error: error ? html`<span class="form-error-message" id="${id}-error"><span class="sr-only">${view.m.errorPrefix} </span>${error}</span>` : html``,
    aria: html`${describedBy && html` aria-describedby="${describedBy}"`}${error && html` aria-invalid="true"`}`,
  };
}

function textarea(view: View, form: CaseFormName, field: string, label: string, hint: string, rows = 4): Html {
  const p = fieldParts(view, form, field, hint);
  // The first line break after <textarea> is dropped by the HTML parser; this one protects the value's own.
  return html`<div class="${p.groupClass}">
  <label class="form-label" for="${p.id}">${label}</label>
  ${p.hint}${p.error}
  <textarea class="form-input input-width-xl" id="${p.id}" name="${field}" rows="${rows}"${p.aria} required>
${valueOf(view, form, field)}</textarea>
</div>`;
}

function select(view: View, form: CaseFormName, field: string, label: string, options: { value: string; text: string }[], choose: string | null, fallback = ''): Html {
  const p = fieldParts(view, form, field);
  const chosen = valueOf(view, form, field, fallback);
  return html`<div class="${p.groupClass}">
  <label class="form-label" for="${p.id}">${label}</label>
  ${p.error}
  <select class="form-select" id="${p.id}" name="${field}"${p.aria}>
    ${choose !== null && html`<option value="">${choose}</option>`}
    ${options.map((o) => html`<option value="${o.value}"${o.value === chosen && html` selected`}>${o.text}</option>`)}
  </select>
</div>`;
}

function errorSummary(view: View): Html {
  const posted = view.state.posted;
  if (!posted || posted.errors.size === 0 || posted.form === 'assignment') return html``;
  const form = posted.form;
  const fields = CASE_FORMS[form].filter((field) => posted.errors.has(field));
  return html`<div class="alert alert-error" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
  ${icon('error', 'alert-icon')}
  <div class="alert-body">
    <h2 class="alert-heading" id="error-summary-title">${view.t.errors.summary}</h2>
    <ul class="alert-text nobullet-list">
      ${fields.map((field) => html`<li><a class="function-link" href="#${fieldId(form, field)}">${posted.errors.get(field)}</a></li>`)}
    </ul>
  </div>
</div>`;
}

function staleNotice(view: View, changes: readonly CaseEventView[]): Html {
  const { t } = view;
  const typed = view.state.posted && view.state.posted.form !== 'assignment';
  return html`<div class="alert alert-warning" role="alert">
  ${icon('warning', 'alert-icon')}
  <div class="alert-body">
    <h2 class="alert-heading">${t.stale.title}</h2>
    <p class="alert-text">${t.stale.body}${typed && html` ${t.stale.kept}`}</p>
    ${
      changes.length === 0
        ? html`<p class="alert-text">${t.stale.noVisibleChanges}</p>`
        : html`<p class="alert-text"><strong>${t.stale.changesCaption}:</strong></p>
    <ul class="alert-text">
      ${changes.map((event) => html`<li>${formatDateTime(event.at, view.m)}, ${event.actor?.name ?? t.history.system}: ${describeEvent(view, event)}</li>`)}
    </ul>`
    }
  </div>
</div>`;
}

/** Label and value pairs as a table of rows with their label as the row header (screen readers announce the pair). */
function facts(caption: string, rows: [string, Html | string | number][]): Html {
  return html`<div class="table--responsive-scroll">
<table class="table table--compact">
  <caption class="sr-only">${caption}</caption>
  <tbody>
    ${rows.map(([label, value]) => html`<tr><th scope="row">${label}</th><td>${value}</td></tr>`)}
  </tbody>
</table>
</div>`;
}

function summary(view: View): Html {
  const { m, t, data } = view;
  const { kase } = data;
  return facts(t.title(kase.reference), [
    [t.facts.subject, kase.inquiry.subject],
    [t.inquiry.enterprise, `${kase.inquiry.enterprise.name} (${t.inquiry.cvr} ${kase.inquiry.enterprise.cvr})`],
    [t.facts.status, t.caseStatuses[kase.status]],
    [t.facts.lead, view.departmentName(kase.leadDepartment)],
    [t.facts.due, html`${formatDate(kase.dueDate, m)}${kase.assignments.some((a) => a.overdue) && html` <strong>${t.assignments.overdueMark}</strong>`}`],
    [t.facts.received, formatDateTime(kase.inquiry.receivedAt, m)],
  ]);
}

function assignmentsSection(view: View): Html {
  const { m, t, data } = view;
  const a = t.assignments;
  return html`<h2 id="assignments">${t.sections.assignments}</h2>
<div class="table--responsive-scroll">
<table class="table table--compact">
  <caption class="sr-only">${a.caption}</caption>
  <thead><tr><th scope="col">${a.department}</th><th scope="col">${a.role}</th><th scope="col">${a.status}</th><th scope="col">${a.assignee}</th><th scope="col">${a.due}</th><th scope="col">${a.actions}</th></tr></thead>
  <tbody>
    ${data.kase.assignments.map((assignment) => {
      const actions = data.offers.assignmentActions.get(assignment.id) ?? [];
      const department = view.departmentName(assignment.department);
      return html`<tr>
      <th scope="row">${department}</th>
      <td>${a.roles[assignment.role]}</td>
      <td>${a.statuses[assignment.status]}</td>
      <td>${assignment.assignee?.name ?? a.nobody}</td>
      <td>${formatDate(assignment.dueDate, m)}${assignment.overdue && html` <strong>${a.overdueMark}</strong>`}</td>
      <td>${
        actions.length === 0
          ? a.noActions
          : html`<form method="post" action="${actionPath(view, `assignments/${encodeURIComponent(assignment.department)}`)}" class="case-actions">${actionFields(view)}
        ${actions.map((action, i) => assignmentButton(view, action, department, i === 0))}
      </form>`
      }</td>
    </tr>`;
    })}
  </tbody>
</table>
</div>`;
}

function assignmentButton(view: View, action: AssignmentActionKind, department: string, primary: boolean): Html {
  const text = view.t.assignments.action[action];
  return html`<button type="submit" name="action" value="${action}" class="button ${primary ? 'button-primary' : 'button-secondary'}" aria-label="${view.t.assignments.actionFor(text, department)}">${text}</button> `;
}

function routingSection(view: View): Html {
  const { t, data } = view;
  const r = t.routing;
  const { routing } = data;
  const leadRule = routing.matched.find((match) => match.id === routing.leadRuleId)?.rule;
  const lead = leadRule
    ? r.leadBy(view.departmentName(leadRule.then.department), leadRule.name)
    : routing.leadRuleId === null && routing.fallbackDepartment
      ? r.leadByFallback(view.departmentName(routing.fallbackDepartment))
      : null;
  return html`<h2 id="routing">${t.sections.routing}</h2>
<p>${r.version(routing.version)}${lead && html` ${lead}`}</p>
${
  routing.matched.length === 0
    ? html`<p>${r.noRules}</p>`
    : html`<div class="table--responsive-scroll">
<table class="table table--compact">
  <caption>${r.caption}</caption>
  <thead><tr><th scope="col">${r.rule}</th><th scope="col">${r.department}</th><th scope="col">${r.role}</th></tr></thead>
  <tbody>
    ${routing.matched.map(
      ({ id, rule }) => html`<tr>
      <th scope="row">${rule ? rule.name : html`${id} <span class="form-hint">(${r.unknownRule})</span>`}</th>
      <td>${rule ? view.departmentName(rule.then.department) : ''}</td>
      <td>${t.assignments.roles[id === routing.leadRuleId ? 'lead' : 'involved']}</td>
    </tr>`,
    )}
  </tbody>
</table>
</div>`
}`;
}

function notesSection(view: View): Html {
  const { m, t, data } = view;
  const n = t.notes;
  const { offers } = data;
  const visibility = valueOf(view, 'note', 'visibility', 'case');
  const vp = fieldParts(view, 'note', 'visibility');
  const departments = offers.noteDepartments;
  const departmentField =
    departments.codes.length === 1 && !departments.optional
      ? html`<input type="hidden" name="department" value="${departments.codes[0]}">`
      : departments.codes.length > 0
        ? select(
            view,
            'note',
            'department',
            n.department,
            departments.codes.map((code) => ({ value: code, text: view.departmentName(code) })),
            departments.optional ? n.noDepartment : null,
          )
        : html``;
  return html`<h2 id="notes">${t.sections.notes}</h2>
<form method="post" action="${actionPath(view, 'notes')}" novalidate>${actionFields(view)}
  <h3>${n.writeTitle}</h3>
  ${textarea(view, 'note', 'body', n.body, n.bodyHint)}
  <div class="${vp.groupClass}">
    <fieldset${vp.aria}>
      <legend class="form-label">${n.visibility}</legend>
      ${vp.error}
      ${offers.noteVisibilities.map((v) => {
        const id = fieldId('note', `visibility-${v}`);
        return html`<div class="form-group-radio">
        <input type="radio" class="form-radio" id="${id}" name="visibility" value="${v}" aria-describedby="${id}-hint"${v === visibility && html` checked`}>
        <label for="${id}">${n.visibilities[v].label}</label>
        <span class="form-hint" id="${id}-hint">${n.visibilities[v].hint}</span>
      </div>`;
      })}
    </fieldset>
    ${!offers.noteVisibilities.includes('enterprise') && html`<p class="form-hint">${n.mayNotWrite}</p>`}
  </div>
  ${departmentField}
  <button type="submit" class="button button-primary">${n.submit}</button>
</form>
<h3>${n.listTitle}</h3>
${
  data.kase.notes.length === 0
    ? html`<p>${n.none}</p>`
    : html`<ol class="nobullet-list case-notes">
  ${[...data.kase.notes].reverse().map(
    (note) => html`<li>
    <p><strong>${n.visibilities[note.visibility].label}</strong> · ${n.meta(note.author?.name ?? '', note.department && view.departmentName(note.department), formatDateTime(note.createdAt, m))}</p>
    <p>${multiline(note.body)}</p>
  </li>`,
  )}
</ol>`
}`;
}

function handOverSection(view: View): Html {
  const { t, data } = view;
  const { offers } = data;
  const others = offers.otherDepartments.map((code) => ({ value: code, text: view.departmentName(code) }));
  const tr = t.transfer;
  const inv = t.involve;
  return html`<h2 id="hand-over">${t.sections.handOver}</h2>
<h3>${tr.title}</h3>
${
  offers.transferFrom.length === 0
    ? html`<p>${tr.nothing}</p>`
    : html`<p>${tr.lead}</p>
<form method="post" action="${actionPath(view, 'transfer')}" novalidate>${actionFields(view)}
  ${
    offers.transferFrom.length === 1
      ? html`<p>${tr.from}: <strong>${view.departmentName(offers.transferFrom[0] ?? null)}</strong></p><input type="hidden" name="from" value="${offers.transferFrom[0]}">`
      : select(view, 'transfer', 'from', tr.from, offers.transferFrom.map((code) => ({ value: code, text: view.departmentName(code) })), null)
  }
  ${select(view, 'transfer', 'to', tr.to, others, tr.choose)}
  ${textarea(view, 'transfer', 'reason', tr.reason, tr.reasonHint, 3)}
  <button type="submit" class="button button-secondary">${tr.submit}</button>
</form>`
}
<h3>${inv.title}</h3>
${
  !offers.mayInvolve
    ? html`<p>${inv.nothing}</p>`
    : html`<p>${inv.lead}</p>
<form method="post" action="${actionPath(view, 'involve')}" novalidate>${actionFields(view)}
  ${select(view, 'involve', 'department', inv.department, others, inv.choose)}
  ${textarea(view, 'involve', 'reason', inv.reason, inv.reasonHint, 3)}
  <button type="submit" class="button button-secondary">${inv.submit}</button>
</form>`
}`;
}

function inquirySection(view: View): Html {
  const { m, t, data } = view;
  const i = t.inquiry;
  const { inquiry } = data.kase;
  const { enterprise, contact } = inquiry;
  const yesNo = (value: boolean | null) => (value === null ? i.unknown : value ? i.yes : i.no);
  const topicName = (code: string) => {
    const topic = data.topics.find((candidate) => candidate.code === code);
    return topic ? (m.lang === 'da' ? topic.nameDa : topic.nameEn) : code;
  };
  return html`<h2 id="inquiry">${t.sections.inquiry}</h2>
<h3>${i.enterprise}</h3>
${facts(i.enterprise, [
  [i.name, enterprise.name],
  [i.cvr, enterprise.cvr],
  [i.postcode, enterprise.postcode ?? i.unknown],
  [i.employees, enterprise.employees ?? i.unknown],
  [i.registered, yesNo(enterprise.registeredSocialEnterprise)],
])}
<h3>${i.contact}</h3>
${facts(i.contact, [
  [i.name, contact.name],
  [i.email, html`<a href="mailto:${contact.email}">${contact.email}</a>`],
  [i.phone, contact.phone ?? i.unknown],
  [i.language, i.languages[inquiry.language]],
])}
<h3>${i.subject}: ${inquiry.subject}</h3>
${facts(i.subject, [
  [i.topics, inquiry.topics.map(topicName).join(', ')],
  [i.channel, i.channels[inquiry.channel]],
])}
<h4>${i.description}</h4>
<p>${multiline(inquiry.description)}</p>`;
}

/** One event of the history in words, in the page's language. */
export function describeEvent(view: Pick<View, 't' | 'departmentName'>, event: CaseEventView): string {
  const { t, departmentName } = view;
  const h = t.history;
  const status = (s: keyof CasePageTexts['assignments']['statuses']) => t.assignments.statuses[s].toLowerCase();
  const dept = departmentName(event.department);
  switch (event.type) {
    case 'created':
      return h.created(t.inquiry.channels[(event.data as CaseEventData<'created'>).channel].toLowerCase());
    case 'routed':
      return h.routed(departmentName((event.data as CaseEventData<'routed'>).lead));
    case 'claimed':
      return h.claimed(dept);
    case 'status_changed': {
      const data = event.data as CaseEventData<'status_changed'>;
      if (data.after.status === 'queued') return h.released(dept);
      return h.statusChanged(dept, status(data.before.status), status(data.after.status));
    }
    case 'assignee_changed': {
      const data = event.data as CaseEventData<'assignee_changed'>;
      return data.after.assigneeId === null ? h.released(dept) : h.assigneeChanged(dept);
    }
    case 'priority_changed':
      return h.priorityChanged(dept);
    case 'transferred': {
      const data = event.data as CaseEventData<'transferred'>;
      return h.transferred(departmentName(data.from), departmentName(data.to), data.reason);
    }
    case 'involved': {
      const data = event.data as CaseEventData<'involved'>;
      return h.involved(departmentName(data.department), data.reason);
    }
    case 'note_added':
      return h.noteAdded(t.notes.visibilities[(event.data as CaseEventData<'note_added'>).visibility].label.toLowerCase());
    case 'case_status_changed': {
      const data = event.data as CaseEventData<'case_status_changed'>;
      return h.caseStatusChanged(t.caseStatuses[data.before].toLowerCase(), t.caseStatuses[data.after].toLowerCase());
    }
    case 'rerouted':
      return h.rerouted(departmentName((event.data as CaseEventData<'rerouted'>).after.lead));
    case 'notification_sent':
      return h.notificationSent;
    case 'notification_failed':
      return h.notificationFailed;
  }
  return event.type;
}

function doneText(view: View, { notice, department }: NonNullable<CasePageState['done']>): string {
  const { done } = view.t;
  if (notice === 'transfer') return done.transfer(view.departmentName(department ?? null));
  if (notice === 'involve') return done.involve(view.departmentName(department ?? null));
  return done[notice];
}

function historySection(view: View): Html {
  const { m, t, data } = view;
  const h = t.history;
  return html`<h2 id="history">${t.sections.history}</h2>
${
  data.events.length === 0
    ? html`<p>${h.none}</p>`
    : html`<div class="table--responsive-scroll">
<table class="table table--compact">
  <caption class="sr-only">${h.caption}</caption>
  <thead><tr><th scope="col">${h.when}</th><th scope="col">${h.who}</th><th scope="col">${h.what}</th></tr></thead>
  <tbody>
    ${data.events.map(
      (event) => html`<tr>
      <td>${formatDateTime(event.at, m)}</td>
      <td>${event.actor?.name ?? h.system}</td>
      <td>${describeEvent(view, event)}</td>
    </tr>`,
    )}
  </tbody>
</table>
</div>`
}`;
}

export function casePage({ m, site, signedIn, data, state }: { m: Messages; site: Site; signedIn: SignedIn; data: CasePage; state: CasePageState }): Html {
  const t = m.staff.casePage;
  const names = new Map(data.departments.map((d) => [d.code, m.lang === 'da' ? d.nameDa : d.nameEn]));
  const view: View = { m, t, data, signedIn, state, departmentName: (code) => (code === null ? '' : (names.get(code) ?? code)) };
  const { reference } = data.kase;
  const title = t.title(reference);
  const sections: [string, string][] = [
    ['assignments', t.sections.assignments],
    ['routing', t.sections.routing],
    ['notes', t.sections.notes],
    ['hand-over', t.sections.handOver],
    ['inquiry', t.sections.inquiry],
    ['history', t.sections.history],
  ];
  // A page given back with mistakes or a refusal says so first in its title, as the enterprise form does.
  const problem = (state.posted?.errors.size ?? 0) > 0 || state.stale !== undefined || state.notPossible === true;
  return staffPage({
    m,
    site,
    signedIn,
    title: problem ? `${m.errorPrefix} ${title}` : title,
    switchLanguageHref: casePageHref(reference, m.otherLanguage.lang),
    main: html`${errorSummary(view)}
${state.stale && staleNotice(view, state.stale)}
${state.notPossible && alert('error', t.errors.notPossible.title, t.errors.notPossible.body)}
${state.done && alert('success', t.saved, doneText(view, state.done))}
<h1>${title}</h1>
${summary(view)}
<nav aria-labelledby="on-this-page"><h2 id="on-this-page" class="h5">${t.onThisPage}</h2>
<ul class="nobullet-list">${sections.map(([id, text]) => html`<li><a href="#${id}">${text}</a></li>`)}</ul></nav>
${assignmentsSection(view)}
${routingSection(view)}
${notesSection(view)}
${handOverSection(view)}
${inquirySection(view)}
${historySection(view)}`,
  });
}
