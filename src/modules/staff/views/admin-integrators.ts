import { html, type Html } from '../../../pages/html.js';
import type { Site } from '../../../pages/layout.js';
import type { Messages } from '../../../pages/messages.js';
import type { CreatedToken, UserView } from '../../users/users.schemas.js';
import { ADMIN_INTEGRATORS_PATH, adminPage, errorSummary, type FormView, type PostedAdminForm, revealedSecret, textInput, when } from './admin-components.js';
import { adminUserPath } from './admin-pages.js';
import { formFields, type SignedIn, staffHref } from './staff-pages.js';

// The integrators' section: the accounts other systems use the API with, and a form that
// makes one together with its first API token. The token is shown on the answer to that
// form only; each integrator's page (the user page) lists its tokens and revokes them.

export interface AdminIntegratorsPageOptions {
  m: Messages;
  site: Site;
  signedIn: SignedIn;
  integrators: readonly UserView[];
  lastUses: ReadonlyMap<string, string>;
  nextCursor: string | null;
  posted?: PostedAdminForm | undefined;
  /** The integrator just made, with its token, shown this once. */
  created?: { integrator: UserView; token: CreatedToken } | undefined;
}

export function adminIntegratorsPage({ m, site, signedIn, integrators, lastUses, nextCursor, posted, created }: AdminIntegratorsPageOptions): Html {
  const t = m.staff.admin;
  const ti = t.integrators;
  const view: FormView = { m, posted };
  return adminPage({
    m,
    site,
    signedIn,
    section: 'integrators',
    title: ti.title,
    problem: (posted?.errors.size ?? 0) > 0,
    path: ADMIN_INTEGRATORS_PATH,
    main: html`${errorSummary(view)}
${
  created &&
  html`${revealedSecret({ title: ti.createdTitle(created.integrator.name), body: t.tokens.createdBody }, created.token.name, created.token.token, 'new-token')}
<p><a href="${staffHref(adminUserPath(created.integrator.id), m.lang)}">${ti.toIntegrator(created.integrator.name)}</a></p>`
}
<h1>${ti.title}</h1>
<p class="font-lead">${ti.lead}</p>
${
  integrators.length === 0
    ? html`<p>${ti.none}</p>`
    : html`<div class="table--responsive-scroll">
<table class="table table--compact">
  <caption class="sr-only">${ti.caption}</caption>
  <thead><tr><th scope="col">${t.name}</th><th scope="col">${ti.contact}</th><th scope="col">${t.active}</th><th scope="col">${t.lastTokenUse}</th></tr></thead>
  <tbody>
    ${integrators.map(
      (integrator) => html`<tr>
      <th scope="row"><a href="${staffHref(adminUserPath(integrator.id), m.lang)}">${integrator.name}</a></th>
      <td>${integrator.email}</td>
      <td>${integrator.active ? t.yes : t.no}</td>
      <td>${when(m, lastUses.get(integrator.id), t.never)}</td>
    </tr>`,
    )}
  </tbody>
</table>
</div>`
}
${nextCursor && html`<p><a href="${staffHref(ADMIN_INTEGRATORS_PATH, m.lang, { cursor: nextCursor })}">${t.nextPage}</a></p>`}
<h2 id="create-integrator">${ti.create.title}</h2>
<p>${ti.create.lead}</p>
<form method="post" action="${ADMIN_INTEGRATORS_PATH}" novalidate>${formFields(m, signedIn)}
${textInput(view, 'integrator', 'name', t.name, { hint: ti.create.nameHint, autocomplete: 'off', required: true })}
${textInput(view, 'integrator', 'email', ti.contact, { type: 'email', hint: ti.create.contactHint, autocomplete: 'off', required: true })}
${textInput(view, 'integrator', 'tokenName', t.tokens.tokenName, { hint: t.tokens.nameHint, autocomplete: 'off', fallback: ti.create.defaultTokenName, required: true })}
${textInput(view, 'integrator', 'expiresOn', t.tokens.expiryLabel, { type: 'date', hint: t.tokens.expiryHint, autocomplete: 'off' })}
<button type="submit" class="button button-primary">${ti.create.button}</button>
</form>`,
  });
}
