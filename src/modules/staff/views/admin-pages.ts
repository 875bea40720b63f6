import { alert, icon } from '../../../pages/components.js';
import { html, type Html } from '../../../pages/html.js';
import type { Site } from '../../../pages/layout.js';
import { type AdminTexts, type ErrorPageTexts, formatDateTime, type Messages } from '../../../pages/messages.js';
import type { Role } from '../../../domain/principal.js';
import type { TokenView, UserView } from '../../users/users.schemas.js';
import type { AdminNotice } from '../admin.schemas.js';
import type { NamedDepartment } from '../case-page.repository.js';
import { ADMIN_PATH, formFields, type SignedIn, staffHref, staffPage } from './staff-pages.js';

// The administration pages: the list of users with a form to create one, and a user's
// page with their role and departments, activation, tokens and sign-in links. Every form
// is a plain POST with the CSRF token; a token or a sign-in link is shown on the answer
// to the form that made it, and never again.

export const ADMIN_ROLES: readonly Role[] = ['caseworker', 'coordinator', 'admin', 'integrator'];

export function adminUserPath(userId: string): string {
  return `${ADMIN_PATH}/users/${encodeURIComponent(userId)}`;
}

/** The forms of the pages, each with its fields. */
export const ADMIN_FORMS = {
  create: ['name', 'email', 'role', 'departments'],
  access: ['role', 'departments'],
  token: ['name', 'expiresOn'],
} as const;
export type AdminFormName = keyof typeof ADMIN_FORMS;

/** A form that came back: what was typed, and what is wrong with it (by field). */
export interface PostedAdminForm {
  form: AdminFormName;
  values: { [field: string]: string | readonly string[] };
  errors: ReadonlyMap<string, string>;
}

interface View {
  m: Messages;
  t: AdminTexts;
  signedIn: SignedIn;
  departments: readonly NamedDepartment[];
  posted?: PostedAdminForm | undefined;
}

const fieldId = (form: string, field: string): string => `${form}-${field}`;

function departmentName(view: View, code: string): string {
  const d = view.departments.find((dep) => dep.code === code);
  return d ? (view.m.lang === 'da' ? d.nameDa : d.nameEn) : code;
}

function valueOf(view: View, form: AdminFormName, field: string, fallback: string | readonly string[] = ''): string | readonly string[] {
  return view.posted?.form === form ? (view.posted.values[field] ?? fallback) : fallback;
}

function errorOf(view: View, form: AdminFormName, field: string): string | undefined {
  return view.posted?.form === form ? view.posted.errors.get(field) : undefined;
}

function fieldParts(view: View, form: AdminFormName, field: string, hint?: string) {
  const id = fieldId(form, field);
  const error = errorOf(view, form, field);
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

function textInput(view: View, form: AdminFormName, field: string, label: string, options: { type?: string; hint?: string; autocomplete?: string; fallback?: string; required?: boolean }): Html {
  const p = fieldParts(view, form, field, options.hint);
  const value = valueOf(view, form, field, options.fallback ?? '');
  return html`<div class="${p.groupClass}">
  <label class="form-label" for="${p.id}">${label}</label>
  ${p.hint}${p.message}
  <input class="form-input" type="${options.type ?? 'text'}" id="${p.id}" name="${field}" value="${typeof value === 'string' ? value : ''}"${options.autocomplete && html` autocomplete="${options.autocomplete}"`}${options.required && html` required`}${p.aria}>
</div>`;
}

function roleSelect(view: View, form: AdminFormName, current: string): Html {
  const p = fieldParts(view, form, 'role');
  const chosen = valueOf(view, form, 'role', current);
  return html`<div class="${p.groupClass}">
  <label class="form-label" for="${p.id}">${view.t.role}</label>
  ${p.message}
  <select class="form-select" id="${p.id}" name="role"${p.aria}>
    ${ADMIN_ROLES.map((role) => html`<option value="${role}"${role === chosen && html` selected`}>${view.t.roles[role]}</option>`)}
  </select>
</div>`;
}

function departmentBoxes(view: View, form: AdminFormName, current: readonly string[]): Html {
  const p = fieldParts(view, form, 'departments', view.t.create.departmentsHint);
  const chosen = new Set(valueOf(view, form, 'departments', current));
  return html`<div class="${p.groupClass}">
  <fieldset aria-describedby="${p.describedBy}">
    <legend class="form-label">${view.t.departments}</legend>
    ${p.hint}${p.message}
    ${view.departments
      .filter((d) => d.active)
      .map((d, index) => {
        const id = index === 0 ? p.id : `${p.id}-${d.code}`;
        return html`<div class="form-group-checkbox">
      <input type="checkbox" class="form-checkbox" id="${id}" name="departments" value="${d.code}"${chosen.has(d.code) && html` checked`}>
      <label for="${id}">${departmentName(view, d.code)}</label>
    </div>`;
      })}
  </fieldset>
</div>`;
}

function errorSummary(view: View): Html {
  const posted = view.posted;
  if (!posted || posted.errors.size === 0) return html``;
  const fields = ADMIN_FORMS[posted.form].filter((field) => posted.errors.has(field));
  return html`<div class="alert alert-error" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
  ${icon('error', 'alert-icon')}
  <div class="alert-body">
    <h2 class="alert-heading" id="error-summary-title">${view.t.errors.summary}</h2>
    <ul class="alert-text nobullet-list">
      ${fields.map((field) => html`<li><a class="function-link" href="#${fieldId(posted.form, field)}">${posted.errors.get(field)}</a></li>`)}
    </ul>
  </div>
</div>`;
}

function titled(m: Messages, title: string, problem: boolean): string {
  return problem ? `${m.errorPrefix} ${title}` : title;
}

function when(m: Messages, iso: string | null | undefined, otherwise: string): string {
  return iso ? formatDateTime(iso, m) : otherwise;
}

export interface AdminListPageOptions {
  m: Messages;
  site: Site;
  signedIn: SignedIn;
  users: readonly UserView[];
  lastUses: ReadonlyMap<string, string>;
  nextCursor: string | null;
  departments: readonly NamedDepartment[];
  posted?: PostedAdminForm | undefined;
}

export function adminListPage({ m, site, signedIn, users, lastUses, nextCursor, departments, posted }: AdminListPageOptions): Html {
  const t = m.staff.admin;
  const view: View = { m, t, signedIn, departments, posted };
  const problem = (posted?.errors.size ?? 0) > 0;
  return staffPage({
    m,
    site,
    signedIn,
    title: titled(m, t.title, problem),
    switchLanguageHref: staffHref(ADMIN_PATH, m.otherLanguage.lang),
    main: html`${errorSummary(view)}
<h1>${t.title}</h1>
<p class="font-lead">${t.lead}</p>
<h2>${t.usersTitle}</h2>
<div class="table--responsive-scroll">
<table class="table table--compact">
  <caption class="sr-only">${t.usersCaption}</caption>
  <thead><tr><th scope="col">${t.name}</th><th scope="col">${t.email}</th><th scope="col">${t.role}</th><th scope="col">${t.departments}</th><th scope="col">${t.active}</th><th scope="col">${t.lastTokenUse}</th></tr></thead>
  <tbody>
    ${users.map(
      (u) => html`<tr>
      <th scope="row"><a href="${staffHref(adminUserPath(u.id), m.lang)}">${u.name}</a></th>
      <td>${u.email}</td>
      <td>${t.roles[u.role]}</td>
      <td>${u.departments.length === 0 ? t.none : u.departments.map((code) => departmentName(view, code)).join(', ')}</td>
      <td>${u.active ? t.yes : t.no}</td>
      <td>${when(m, lastUses.get(u.id), t.never)}</td>
    </tr>`,
    )}
  </tbody>
</table>
</div>
${nextCursor && html`<p><a href="${staffHref(ADMIN_PATH, m.lang, { cursor: nextCursor })}">${t.nextPage}</a></p>`}
<h2 id="create-user">${t.create.title}</h2>
<form method="post" action="${ADMIN_PATH}/users" novalidate>${formFields(m, signedIn)}
${textInput(view, 'create', 'name', t.name, { autocomplete: 'off', required: true })}
${textInput(view, 'create', 'email', t.email, { type: 'email', autocomplete: 'off', required: true })}
${roleSelect(view, 'create', 'caseworker')}
${departmentBoxes(view, 'create', [])}
<button type="submit" class="button button-primary">${t.create.button}</button>
</form>`,
  });
}

/** What the user's page shows once, at the top: a token or a sign-in link just made. */
export type Revealed = { kind: 'token'; token: string; name: string } | { kind: 'signInLink'; url: string; expiresAt: string };

export interface AdminUserPageOptions {
  m: Messages;
  site: Site;
  signedIn: SignedIn;
  user: UserView;
  tokens: readonly TokenView[];
  departments: readonly NamedDepartment[];
  done?: AdminNotice | undefined;
  posted?: PostedAdminForm | undefined;
  /** A refusal that is about no one field (the last admin, a deactivated user). */
  refusal?: ErrorPageTexts | undefined;
  revealed?: Revealed | undefined;
}

function tokenStatus(t: AdminTexts, token: TokenView): string {
  return token.revokedAt ? t.tokens.revoked : token.usable ? t.tokens.usable : t.tokens.expired;
}

function revealedAlert(m: Messages, t: AdminTexts, revealed: Revealed): Html {
  if (revealed.kind === 'token') {
    return html`<div class="alert alert-success" role="status">
  ${icon('success', 'alert-icon')}
  <div class="alert-body">
    <h2 class="alert-heading">${t.tokens.createdTitle}</h2>
    <p class="alert-text">${t.tokens.createdBody}</p>
    <p class="alert-text"><strong>${revealed.name}:</strong> <code id="new-token">${revealed.token}</code></p>
  </div>
</div>`;
  }
  return html`<div class="alert alert-success" role="status">
  ${icon('success', 'alert-icon')}
  <div class="alert-body">
    <h2 class="alert-heading">${t.signInLink.createdTitle}</h2>
    <p class="alert-text">${t.signInLink.createdBody(formatDateTime(revealed.expiresAt, m))}</p>
    <p class="alert-text"><code id="new-sign-in-link">${revealed.url}</code></p>
  </div>
</div>`;
}

export function adminUserPage({ m, site, signedIn, user, tokens, departments, done, posted, refusal, revealed }: AdminUserPageOptions): Html {
  const t = m.staff.admin;
  const view: View = { m, t, signedIn, departments, posted };
  const path = adminUserPath(user.id);
  const title = t.userTitle(user.name);
  const problem = (posted?.errors.size ?? 0) > 0 || refusal !== undefined;
  return staffPage({
    m,
    site,
    signedIn,
    title: titled(m, title, problem),
    switchLanguageHref: staffHref(path, m.otherLanguage.lang),
    main: html`${errorSummary(view)}
${refusal && alert('error', refusal.title, refusal.body)}
${done && alert('success', t.done[done], '')}
${revealed && revealedAlert(m, t, revealed)}
<p><a href="${staffHref(ADMIN_PATH, m.lang)}">${t.toList}</a></p>
<h1>${title}</h1>
<dl>
  <dt>${t.email}</dt><dd>${user.email}</dd>
  <dt>${t.role}</dt><dd>${t.roles[user.role]}</dd>
  <dt>${t.departments}</dt><dd>${user.departments.length === 0 ? t.none : user.departments.map((code) => departmentName(view, code)).join(', ')}</dd>
  <dt>${t.active}</dt><dd>${user.active ? t.yes : t.no}</dd>
</dl>
<h2>${t.access.title}</h2>
<form method="post" action="${path}/access" novalidate>${formFields(m, signedIn)}
${roleSelect(view, 'access', user.role)}
${departmentBoxes(view, 'access', user.departments)}
<button type="submit" class="button button-secondary">${t.access.button}</button>
</form>
<h2>${t.activation.title}</h2>
<p>${user.active ? t.activation.activeText : t.activation.inactiveText}</p>
<form method="post" action="${path}/active">${formFields(m, signedIn)}<input type="hidden" name="active" value="${user.active ? 'false' : 'true'}">
<button type="submit" class="button button-secondary">${user.active ? t.activation.deactivate : t.activation.reactivate}</button>
</form>
<h2>${t.tokens.title}</h2>
${
  tokens.length === 0
    ? html`<p>${t.tokens.noTokens}</p>`
    : html`<div class="table--responsive-scroll">
<table class="table table--compact">
  <caption class="sr-only">${t.tokens.caption}</caption>
  <thead><tr><th scope="col">${t.tokens.tokenName}</th><th scope="col">${t.tokens.created}</th><th scope="col">${t.tokens.lastUsed}</th><th scope="col">${t.tokens.expires}</th><th scope="col">${t.tokens.status}</th><th scope="col"><span class="sr-only">${t.tokens.revoke}</span></th></tr></thead>
  <tbody>
    ${tokens.map(
      (token) => html`<tr>
      <th scope="row">${token.name}</th>
      <td>${formatDateTime(token.createdAt, m)}</td>
      <td>${when(m, token.lastUsedAt, t.never)}</td>
      <td>${when(m, token.expiresAt, t.never)}</td>
      <td>${tokenStatus(t, token)}</td>
      <td>${token.revokedAt === null && html`<form method="post" action="${path}/tokens/${encodeURIComponent(token.id)}/revoke">${formFields(m, signedIn)}<button type="submit" class="button button-secondary" aria-label="${t.tokens.revokeNamed(token.name)}">${t.tokens.revoke}</button></form>`}</td>
    </tr>`,
    )}
  </tbody>
</table>
</div>`
}
<h3>${t.tokens.createTitle}</h3>
<form method="post" action="${path}/tokens" novalidate>${formFields(m, signedIn)}
${textInput(view, 'token', 'name', t.tokens.tokenName, { hint: t.tokens.nameHint, autocomplete: 'off', required: true })}
${textInput(view, 'token', 'expiresOn', t.tokens.expiryLabel, { type: 'date', hint: t.tokens.expiryHint, autocomplete: 'off' })}
<button type="submit" class="button button-secondary">${t.tokens.createButton}</button>
</form>
<h2>${t.signInLink.title}</h2>
<p>${t.signInLink.lead}</p>
<form method="post" action="${path}/sign-in-links">${formFields(m, signedIn)}
<button type="submit" class="button button-secondary">${t.signInLink.button}</button>
</form>`,
  });
}
