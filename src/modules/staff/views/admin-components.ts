import { icon } from '../../../pages/components.js';
import { html, type Html, type Renderable } from '../../../pages/html.js';
import type { Site } from '../../../pages/layout.js';
import { formatDateTime, type Messages } from '../../../pages/messages.js';
import { ADMIN_PATH, type SignedIn, staffHref, staffPage } from './staff-pages.js';

// What every administration page shares: the navigation between its sections, and the
// parts of its forms (a field with its hint and its message, the error summary). A form
// that came back with mistakes is shown with what was typed and each message beside its
// field, linked from the summary at the top.

export const ADMIN_SECTIONS = ['users', 'integrators', 'webhooks', 'departments', 'topics'] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

export const ADMIN_INTEGRATORS_PATH = `${ADMIN_PATH}/integrators`;
export const ADMIN_WEBHOOKS_PATH = `${ADMIN_PATH}/webhooks`;
export const ADMIN_DEPARTMENTS_PATH = `${ADMIN_PATH}/departments`;
export const ADMIN_TOPICS_PATH = `${ADMIN_PATH}/topics`;

const SECTION_PATHS: Record<AdminSection, string> = {
  users: ADMIN_PATH,
  integrators: ADMIN_INTEGRATORS_PATH,
  webhooks: ADMIN_WEBHOOKS_PATH,
  departments: ADMIN_DEPARTMENTS_PATH,
  topics: ADMIN_TOPICS_PATH,
};

/**
 * The forms of the administration pages, each with its fields in the order the page shows
 * them: the error summary lists the problems in that order.
 */
export const ADMIN_FORMS = {
  create: ['name', 'email', 'role', 'departments'],
  profile: ['name', 'email'],
  access: ['role', 'departments'],
  token: ['name', 'expiresOn'],
  integrator: ['name', 'email', 'tokenName', 'expiresOn'],
  webhook: ['url', 'events', 'description'],
  topic: ['nameDa', 'nameEn', 'descriptionDa', 'descriptionEn', 'responseDays', 'public'],
} as const;
export type AdminFormName = keyof typeof ADMIN_FORMS;

/** A form that came back: what was typed, and what is wrong with it (by field). */
export interface PostedAdminForm {
  form: AdminFormName;
  values: { [field: string]: string | readonly string[] };
  errors: ReadonlyMap<string, string>;
}

/** What the parts of a form need to know about the page they are on. */
export interface FormView {
  m: Messages;
  posted?: PostedAdminForm | undefined;
}

export const fieldId = (form: AdminFormName, field: string): string => `${form}-${field}`;

export function valueOf(view: FormView, form: AdminFormName, field: string, fallback: string | readonly string[] = ''): string | readonly string[] {
  return view.posted?.form === form ? (view.posted.values[field] ?? fallback) : fallback;
}

function textValueOf(view: FormView, form: AdminFormName, field: string, fallback: string): string {
  const value = valueOf(view, form, field, fallback);
  return typeof value === 'string' ? value : '';
}

/** The id, classes, hint, message and ARIA attributes of one field. */
export function fieldParts(view: FormView, form: AdminFormName, field: string, hint?: string) {
  const id = fieldId(form, field);
  const error = view.posted?.form === form ? view.posted.errors.get(field) : undefined;
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return {
    id,
    error,
    groupClass: error ? 'form-group form-error' : 'form-group',
    hint: hint ? html`<span class="form-hint" id="${id}-hint">${hint}</span>` : html``,
    message: error ? html`<span class="form-error-message" id="${id}-error"><span class="sr-only">${view.m.errorPrefix} </span>${error}</span>` : html``,
    describedBy,
    aria: html`${describedBy && html` aria-describedby="${describedBy}"`}${error && html` aria-invalid="true"`}`,
  };
}

export interface TextInputOptions {
  type?: string;
  hint?: string;
  autocomplete?: string;
  /** The value shown when the form did not come back (the stored one). */
  fallback?: string;
  required?: boolean;
  inputmode?: string;
  /** A narrower input for short values (DKFDS's width classes, written whole). */
  width?: 'input-width-xs' | 'input-width-xl';
}

export function textInput(view: FormView, form: AdminFormName, field: string, label: string, options: TextInputOptions = {}): Html {
  const p = fieldParts(view, form, field, options.hint);
  const value = textValueOf(view, form, field, options.fallback ?? '');
  return html`<div class="${p.groupClass}">
  <label class="form-label" for="${p.id}">${label}</label>
  ${p.hint}${p.message}
  <input class="form-input${options.width && html` ${options.width}`}" type="${options.type ?? 'text'}" id="${p.id}" name="${field}" value="${value}"${options.autocomplete && html` autocomplete="${options.autocomplete}"`}${options.inputmode && html` inputmode="${options.inputmode}"`}${options.required && html` required`}${p.aria}>
</div>`;
}

export function textArea(view: FormView, form: AdminFormName, field: string, label: string, options: { hint?: string; fallback?: string; rows?: number } = {}): Html {
  const p = fieldParts(view, form, field, options.hint);
  const value = textValueOf(view, form, field, options.fallback ?? '');
  return html`<div class="${p.groupClass}">
  <label class="form-label" for="${p.id}">${label}</label>
  ${p.hint}${p.message}
  <textarea class="form-input input-width-xl" id="${p.id}" name="${field}" rows="${options.rows ?? 3}"${p.aria}>${value}</textarea>
</div>`;
}

/** Checkboxes sharing one name, in a fieldset; the first box carries the id the error summary links to. */
export function checkboxes(
  view: FormView,
  form: AdminFormName,
  field: string,
  legend: string,
  choices: readonly { value: string; label: string }[],
  options: { current: readonly string[]; hint?: string },
): Html {
  const p = fieldParts(view, form, field, options.hint);
  const chosen = new Set(valueOf(view, form, field, options.current));
  return html`<div class="${p.groupClass}">
  <fieldset${p.describedBy && html` aria-describedby="${p.describedBy}"`}>
    <legend class="form-label">${legend}</legend>
    ${p.hint}${p.message}
    ${choices.map((choice, index) => {
      const id = index === 0 ? p.id : `${p.id}-${choice.value}`;
      return html`<div class="form-group-checkbox">
      <input type="checkbox" class="form-checkbox" id="${id}" name="${field}" value="${choice.value}"${chosen.has(choice.value) && html` checked`}>
      <label for="${id}">${choice.label}</label>
    </div>`;
    })}
  </fieldset>
</div>`;
}

/** The summary at the top of a page whose form came back: each problem, linked to its field. */
export function errorSummary(view: FormView): Html {
  const posted = view.posted;
  if (!posted || posted.errors.size === 0) return html``;
  const fields = ADMIN_FORMS[posted.form].filter((field) => posted.errors.has(field));
  return html`<div class="alert alert-error" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
  ${icon('error', 'alert-icon')}
  <div class="alert-body">
    <h2 class="alert-heading" id="error-summary-title">${view.m.staff.admin.errors.summary}</h2>
    <ul class="alert-text nobullet-list">
      ${fields.map((field) => html`<li><a class="function-link" href="#${fieldId(posted.form, field)}">${posted.errors.get(field)}</a></li>`)}
    </ul>
  </div>
</div>`;
}

/** A secret shown this once (a token, a signing secret): copy it now. */
export function revealedSecret(texts: { title: string; body: string }, label: string, secret: string, id: string): Html {
  return html`<div class="alert alert-success" role="status">
  ${icon('success', 'alert-icon')}
  <div class="alert-body">
    <h2 class="alert-heading">${texts.title}</h2>
    <p class="alert-text">${texts.body}</p>
    <p class="alert-text"><strong>${label}:</strong> <code id="${id}">${secret}</code></p>
  </div>
</div>`;
}

/** A page's title, marked as a problem when a form came back with mistakes (announced first by screen readers). */
export function titled(m: Messages, title: string, problem: boolean): string {
  return problem ? `${m.errorPrefix} ${title}` : title;
}

export function when(m: Messages, iso: string | null | undefined, otherwise: string): string {
  return iso ? formatDateTime(iso, m) : otherwise;
}

/** The links between the administration's sections, the current one marked. */
export function adminSectionsNav(m: Messages, current: AdminSection): Html {
  const t = m.staff.admin.sections;
  return html`<nav class="admin-sections" aria-label="${t.label}">
  <ul class="unstyled-list inline-list">
    ${ADMIN_SECTIONS.map(
      (section) =>
        html`<li>${
          section === current
            ? html`<a href="${staffHref(SECTION_PATHS[section], m.lang)}" aria-current="page"><strong>${t[section]}</strong></a>`
            : html`<a href="${staffHref(SECTION_PATHS[section], m.lang)}">${t[section]}</a>`
        }</li>`,
    )}
  </ul>
</nav>`;
}

export interface AdminPageOptions {
  m: Messages;
  site: Site;
  signedIn: SignedIn;
  section: AdminSection;
  title: string;
  /** Whether a form on the page came back with a problem. */
  problem: boolean;
  /** This page's address, for the link to it in the other language. */
  path: string;
  query?: Record<string, string>;
  main: Renderable;
}

/** An administration page: the staff page frame, the sections' navigation, then the page itself. */
export function adminPage({ m, site, signedIn, section, title, problem, path, query = {}, main }: AdminPageOptions): Html {
  return staffPage({
    m,
    site,
    signedIn,
    title: titled(m, title, problem),
    switchLanguageHref: staffHref(path, m.otherLanguage.lang, query),
    current: 'admin',
    main: html`${adminSectionsNav(m, section)}
${main}`,
  });
}
