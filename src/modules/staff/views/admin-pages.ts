import { alert, icon } from '../../../pages/components.js';
import { html, type Html } from '../../../pages/html.js';
import type { Site } from '../../../pages/layout.js';
import { type AdminTexts, type ErrorPageTexts, formatDateTime, type Messages } from '../../../pages/messages.js';
import type { Role } from '../../../domain/principal.js';
import type { TokenView, UserView } from '../../users/users.schemas.js';
import type { AdminNotice } from '../admin.schemas.js';
import type { NamedDepartment } from '../case-page.repository.js';
import { ADMIN_PATH, formFields, type SignedIn, staffHref } from './staff-pages.js';
import {
  ADMIN_INTEGRATORS_PATH,
  adminPage,
  type AdminFormName,
  checkboxes,
  errorSummary,
  fieldParts,
  type FormView,
  type PostedAdminForm,
  revealedSecret,
  textInput,
  valueOf,
  when,
} from './admin-components.js';

export type { PostedAdminForm } from './admin-components.js';

// The administration pages: the list of users with a form to create one, and a user's
// page with their name and email, role and departments, activation, tokens and sign-in
// links. Every form is a plain POST with the CSRF token; a token or a sign-in link is
// shown on the answer to the form that made it, and never again.

export const ADMIN_ROLES: readonly Role[] = ['caseworker', 'coordinator', 'admin', 'integrator'];

export function adminUserPath(userId: string): string {
  return `${ADMIN_PATH}/users/${encodeURIComponent(userId)}`;
}

interface View extends FormView {
  t: AdminTexts;
  signedIn: SignedIn;
  departments: readonly NamedDepartment[];
}

function departmentName(view: View, code: string): string {
  const d = view.departments.find((dep) => dep.code === code);
  return d ? (view.m.lang === 'da' ? d.nameDa : d.nameEn) : code;
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
  const choices = view.departments.filter((d) => d.active).map((d) => ({ value: d.code, label: departmentName(view, d.code) }));
  return checkboxes(view, form, 'departments', view.t.departments, choices, { current, hint: view.t.create.departmentsHint });
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
  return adminPage({
    m,
    site,
    signedIn,
    section: 'users',
    title: t.title,
    problem: (posted?.errors.size ?? 0) > 0,
    path: ADMIN_PATH,
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
  if (revealed.kind === 'token') return revealedSecret({ title: t.tokens.createdTitle, body: t.tokens.createdBody }, revealed.name, revealed.token, 'new-token');
  return html`<div class="alert alert-success" role="status">
  ${icon('success', 'alert-icon')}
  <div class="alert-body">
    <h2 class="alert-heading">${t.signInLink.createdTitle}</h2>
    <p class="alert-text">${t.signInLink.createdBody(formatDateTime(revealed.expiresAt, m))}</p>
    <p class="alert-text"><code id="new-sign-in-link">${revealed.url}</code></p>
  </div>
</div>`;
}

/** A user's tokens: when each was made and last used, until when it works, and a button to revoke it. */
function tokensTable(m: Messages, signedIn: SignedIn, userId: string, tokens: readonly TokenView[]): Html {
  const t = m.staff.admin;
  const path = adminUserPath(userId);
  if (tokens.length === 0) return html`<p>${t.tokens.noTokens}</p>`;
  return html`<div class="table--responsive-scroll">
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
</div>`;
}

/**
 * A user's page. An integrator's belongs to the integrators' section: it leads back to
 * them, and offers no sign-in link, since integrators work through the API, not these pages.
 */
export function adminUserPage({ m, site, signedIn, user, tokens, departments, done, posted, refusal, revealed }: AdminUserPageOptions): Html {
  const t = m.staff.admin;
  const view: View = { m, t, signedIn, departments, posted };
  const path = adminUserPath(user.id);
  const title = t.userTitle(user.name);
  const integrator = user.role === 'integrator';
  return adminPage({
    m,
    site,
    signedIn,
    section: integrator ? 'integrators' : 'users',
    title,
    problem: (posted?.errors.size ?? 0) > 0 || refusal !== undefined,
    path,
    main: html`${errorSummary(view)}
${refusal && alert('error', refusal.title, refusal.body)}
${done && alert('success', t.done[done], '')}
${revealed && revealedAlert(m, t, revealed)}
<p>${integrator ? html`<a href="${staffHref(ADMIN_INTEGRATORS_PATH, m.lang)}">${t.integrators.toList}</a>` : html`<a href="${staffHref(ADMIN_PATH, m.lang)}">${t.toList}</a>`}</p>
<h1>${title}</h1>
<dl>
  <dt>${t.email}</dt><dd>${user.email}</dd>
  <dt>${t.role}</dt><dd>${t.roles[user.role]}</dd>
  <dt>${t.departments}</dt><dd>${user.departments.length === 0 ? t.none : user.departments.map((code) => departmentName(view, code)).join(', ')}</dd>
  <dt>${t.active}</dt><dd>${user.active ? t.yes : t.no}</dd>
</dl>
<h2>${t.profile.title}</h2>
<form method="post" action="${path}/profile" novalidate>${formFields(m, signedIn)}
${textInput(view, 'profile', 'name', t.name, { autocomplete: 'off', fallback: user.name, required: true })}
${textInput(view, 'profile', 'email', t.email, { type: 'email', autocomplete: 'off', fallback: user.email, required: true })}
<button type="submit" class="button button-secondary">${t.profile.button}</button>
</form>
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
${tokensTable(m, signedIn, user.id, tokens)}
<h3>${t.tokens.createTitle}</h3>
<form method="post" action="${path}/tokens" novalidate>${formFields(m, signedIn)}
${textInput(view, 'token', 'name', t.tokens.tokenName, { hint: t.tokens.nameHint, autocomplete: 'off', required: true })}
${textInput(view, 'token', 'expiresOn', t.tokens.expiryLabel, { type: 'date', hint: t.tokens.expiryHint, autocomplete: 'off' })}
<button type="submit" class="button button-secondary">${t.tokens.createButton}</button>
</form>
${
  integrator
    ? html``
    : html`<h2>${t.signInLink.title}</h2>
<p>${t.signInLink.lead}</p>
<form method="post" action="${path}/sign-in-links">${formFields(m, signedIn)}
<button type="submit" class="button button-secondary">${t.signInLink.button}</button>
</form>`
}`,
  });
}
