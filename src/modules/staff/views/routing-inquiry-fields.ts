import { icon } from '../../../pages/components.js';
import { html, type Html } from '../../../pages/html.js';
import type { Messages, RoutingTableStatus } from '../../../pages/messages.js';
import type { TopicView } from '../../topics/topics.schemas.js';
import type { NamedDepartment } from '../case-page.repository.js';
import {
  DESCRIPTION_MAX,
  type FieldErrors,
  type FieldProblem,
  type FormField,
  GOLDEN_NAME_MAX,
  type GoldenValues,
  type InquiryValues,
  SUBJECT_MAX,
  TOPICS_MAX,
} from '../routing-inquiry-form.js';
import { staffHref } from './staff-pages.js';

// The parts the simulation page and the golden cases page share: the inquiry's fields,
// a golden case's name and expected routing, the error summary, and how departments,
// decisions and table versions are named. Every field has its label, hint and error tied
// to it (DKFDS form-group, aria-describedby), and shows again what was typed.

export const ROUTING_PATH = '/staff/routing';
export const GOLDEN_CASES_PATH = '/staff/routing/golden-cases';

export function tablePath(version: number): string {
  return `${ROUTING_PATH}/tables/${version}`;
}

export function simulatePath(version: number): string {
  return `${tablePath(version)}/simulate`;
}

/** The DKFDS breadcrumb trail; the last step is the page itself. */
export function breadcrumbs(m: Messages, steps: readonly { href?: string; text: string }[]): Html {
  return html`<nav aria-label="${m.staff.routingInquiry.breadcrumbs.label}" class="breadcrumbs">
  <ol class="breadcrumbs__list">
    ${steps.map((step) =>
      step.href === undefined
        ? html`<li class="breadcrumbs__list-item" aria-current="page">${step.text}</li>`
        : html`<li class="breadcrumbs__list-item"><a href="${step.href}" class="breadcrumbs__link">${step.text}</a>${icon('chevron-right')}</li>`,
    )}
  </ol>
</nav>`;
}

/** The first steps of every routing page's trail: the routing tables, and the version when there is one. */
export function routingTrail(m: Messages, version: number | null): { href: string; text: string }[] {
  const t = m.staff.routingInquiry.breadcrumbs;
  return [{ href: staffHref(ROUTING_PATH, m.lang), text: t.tables }, ...(version === null ? [] : [{ href: staffHref(tablePath(version), m.lang), text: t.version(version) }])];
}

/** A form of the page: its fields' ids start with its name, so two forms on a page never share an id. */
export interface RoutingForm {
  m: Messages;
  name: string;
  values: Partial<GoldenValues>;
  errors: FieldErrors;
  topics: readonly TopicView[];
  departments: readonly NamedDepartment[];
}

export const fieldId = (form: string, field: FormField): string => `${form}-${field}`;

export function departmentName(m: Messages, departments: readonly NamedDepartment[], code: string): string {
  const department = departments.find((d) => d.code === code);
  return department ? (m.lang === 'da' ? department.nameDa : department.nameEn) : code;
}

export function topicName(m: Messages, topics: readonly TopicView[], code: string): string {
  return topics.find((t) => t.code === code)?.name[m.lang] ?? code;
}

/** "Jobcenter; involved: Social, Technical" / "…; involved: none". */
export function routingText(m: Messages, departments: readonly NamedDepartment[], routing: { lead: string; involved: readonly string[] }): string {
  const t = m.staff.routingInquiry;
  const involved = routing.involved.length === 0 ? t.noneInvolved : routing.involved.map((code) => departmentName(m, departments, code)).join(', ');
  return t.routing(departmentName(m, departments, routing.lead), involved);
}

export function versionName(m: Messages, table: { version: number; status: RoutingTableStatus }): string {
  return m.staff.routingInquiry.versionName(table.version, m.staff.routingInquiry.tableStatus[table.status]);
}

/** The field's problem in the page's language; the inquiry's fields say it as the enterprise's form does. */
export function errorText(m: Messages, field: FormField, problem: FieldProblem): string {
  const fields = m.fields;
  const t = m.staff.routingInquiry.errors;
  switch (field) {
    case 'topics':
      if (problem === 'required') return fields.topics.required ?? fields.topics.invalid;
      if (problem === 'tooMany') return fields.topics.tooMany?.(TOPICS_MAX) ?? fields.topics.invalid;
      if (problem === 'unknown') return fields.topics.unknown ?? fields.topics.invalid;
      return fields.topics.invalid;
    case 'subject':
      return problem === 'tooLong' ? (fields.subject.tooLong?.(SUBJECT_MAX) ?? fields.subject.invalid) : fields.subject.invalid;
    case 'description':
      return problem === 'tooLong' ? (fields.description.tooLong?.(DESCRIPTION_MAX) ?? fields.description.invalid) : fields.description.invalid;
    case 'employees':
      return fields['enterprise.employees'].invalid;
    case 'postcode':
      return fields['enterprise.postcode'].invalid;
    case 'registeredSocialEnterprise':
      return t.registeredInvalid;
    case 'name':
      return problem === 'required' ? t.nameRequired : problem === 'tooLong' ? t.nameTooLong(GOLDEN_NAME_MAX) : t.nameInvalid;
    case 'lead':
      return problem === 'required' ? t.chooseLead : t.unknownDepartment;
    case 'involved':
      return problem === 'leadInvolved' ? t.leadInvolved : t.unknownDepartment;
  }
}

function parts(form: RoutingForm, field: FormField, hint?: string) {
  const id = fieldId(form.name, field);
  const problem = form.errors.get(field);
  const error = problem && errorText(form.m, field, problem);
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return {
    id,
    groupClass: error ? 'form-group form-error' : 'form-group',
    hint: hint ? html`<span class="form-hint" id="${id}-hint">${hint}</span>` : html``,
    message: error ? html`<span class="form-error-message" id="${id}-error"><span class="sr-only">${form.m.errorPrefix} </span>${error}</span>` : html``,
    describedBy,
    aria: html`${describedBy && html` aria-describedby="${describedBy}"`}${error && html` aria-invalid="true"`}`,
  };
}

function textValue(form: RoutingForm, field: 'subject' | 'description' | 'employees' | 'postcode' | 'name'): string {
  return form.values[field] ?? '';
}

function input(form: RoutingForm, field: 'subject' | 'employees' | 'postcode' | 'name', label: string, options: { hint?: string; width: string; inputmode?: string; optional?: boolean }): Html {
  const p = parts(form, field, options.hint);
  return html`<div class="${p.groupClass}">
  <label class="form-label" for="${p.id}">${label}${options.optional && html` <span class="weight-normal">${form.m.optional}</span>`}</label>
  ${p.hint}${p.message}
  <input class="form-input ${options.width}" type="text" id="${p.id}" name="${field}" value="${textValue(form, field)}"${options.inputmode && html` inputmode="${options.inputmode}"`} autocomplete="off"${p.aria}>
</div>`;
}

/** Checkboxes in a fieldset; the first box carries the field's id, so the error summary's link lands on it. */
function checkboxes(form: RoutingForm, field: 'topics' | 'involved', legend: string, hint: string, options: readonly { value: string; text: string }[], chosen: readonly string[]): Html {
  const p = parts(form, field, hint);
  return html`<div class="${p.groupClass}">
  <fieldset${p.describedBy && html` aria-describedby="${p.describedBy}"`}>
    <legend class="form-label">${legend}</legend>
    ${p.hint}${p.message}
    ${options.map((o, index) => {
      const id = index === 0 ? p.id : `${p.id}-${o.value}`;
      return html`<div class="form-group-checkbox">
      <input type="checkbox" class="form-checkbox" id="${id}" name="${field}" value="${o.value}"${chosen.includes(o.value) && html` checked`}>
      <label for="${id}">${o.text}</label>
    </div>`;
    })}
  </fieldset>
</div>`;
}

/** The inquiry's fields: topics from the catalogue, subject, description and the enterprise's facts routing reads. */
export function inquiryFields(form: RoutingForm): Html {
  const { m, values } = form;
  const t = m.staff.routingInquiry;
  const description = parts(form, 'description', t.descriptionHint);
  const registered = parts(form, 'registeredSocialEnterprise');
  const chosen = values.registeredSocialEnterprise ?? '';
  const rseOptions = [
    { value: 'yes', text: t.yes },
    { value: 'no', text: t.no },
    { value: '', text: t.notGiven },
  ];
  return html`${checkboxes(
    form,
    'topics',
    t.topics,
    t.topicsHint,
    form.topics.map((topic) => ({ value: topic.code, text: topic.name[m.lang] })),
    values.topics ?? [],
  )}
${input(form, 'subject', t.subject, { hint: t.subjectHint, width: 'input-width-xl', optional: true })}
<div class="${description.groupClass}">
  <label class="form-label" for="${description.id}">${t.description} <span class="weight-normal">${m.optional}</span></label>
  ${description.hint}${description.message}
  <textarea class="form-input input-width-xl" id="${description.id}" name="description" rows="4"${description.aria}>
${textValue(form, 'description')}</textarea>
</div>
${input(form, 'employees', t.employees, { width: 'input-width-xs', inputmode: 'numeric', optional: true })}
${input(form, 'postcode', t.postcode, { width: 'input-width-xs', inputmode: 'numeric', optional: true })}
<div class="${registered.groupClass}">
  <fieldset${registered.describedBy && html` aria-describedby="${registered.describedBy}"`}>
    <legend class="form-label">${t.registered}</legend>
    ${registered.message}
    ${rseOptions.map((o, index) => {
      const id = index === 0 ? registered.id : `${registered.id}-${o.value || 'none'}`;
      return html`<div class="form-group-radio">
      <input type="radio" class="form-radio" id="${id}" name="registeredSocialEnterprise" value="${o.value}"${o.value === chosen && html` checked`}>
      <label for="${id}">${o.text}</label>
    </div>`;
    })}
  </fieldset>
</div>`;
}

/** The inquiry as hidden fields: a form that acts on an inquiry shown above it sends it along. */
export function inquiryHiddenFields(values: InquiryValues): Html {
  return html`${values.topics.map((code) => html`<input type="hidden" name="topics" value="${code}">`)}
<input type="hidden" name="subject" value="${values.subject}">
<input type="hidden" name="description" value="${values.description}">
<input type="hidden" name="employees" value="${values.employees}">
<input type="hidden" name="postcode" value="${values.postcode}">
<input type="hidden" name="registeredSocialEnterprise" value="${values.registeredSocialEnterprise}">`;
}

/** A golden case's name and the routing it must get: a lead department and any involved ones, among the active departments. */
export function expectedFields(form: RoutingForm): Html {
  const { m, values } = form;
  const t = m.staff.routingInquiry;
  const active = form.departments.filter((d) => d.active).map((d) => ({ value: d.code, text: departmentName(m, form.departments, d.code) }));
  const lead = parts(form, 'lead', t.leadHint);
  const chosenLead = values.lead ?? '';
  return html`${input(form, 'name', t.name, { hint: t.nameHint, width: 'input-width-xl' })}
<div class="${lead.groupClass}">
  <label class="form-label" for="${lead.id}">${t.expectedLead}</label>
  ${lead.hint}${lead.message}
  <select class="form-select" id="${lead.id}" name="lead"${lead.aria}>
    <option value="">${t.chooseDepartment}</option>
    ${active.map((o) => html`<option value="${o.value}"${o.value === chosenLead && html` selected`}>${o.text}</option>`)}
  </select>
</div>
${checkboxes(form, 'involved', t.expectedInvolved, t.involvedHint, active, values.involved ?? [])}`;
}

/** The errors of a form that came back, each linking to its field (DKFDS error summary). */
export function errorSummary(form: RoutingForm, fields: readonly FormField[]): Html {
  const listed = fields.filter((field) => form.errors.has(field));
  if (listed.length === 0) return html``;
  return html`<div class="alert alert-error" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
  ${icon('error', 'alert-icon')}
  <div class="alert-body">
    <h2 class="alert-heading" id="error-summary-title">${form.m.staff.routingInquiry.errors.summary}</h2>
    <ul class="alert-text nobullet-list">
      ${listed.map((field) => html`<li><a class="function-link" href="#${fieldId(form.name, field)}">${errorText(form.m, field, form.errors.get(field) as FieldProblem)}</a></li>`)}
    </ul>
  </div>
</div>`;
}
