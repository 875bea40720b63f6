import { alert } from '../../../pages/components.js';
import { html, type Html } from '../../../pages/html.js';
import type { Site } from '../../../pages/layout.js';
import type { ErrorPageTexts, Messages } from '../../../pages/messages.js';
import { WEBHOOK_EVENT_TYPES } from '../../webhooks/event-types.js';
import type { Delivery, Webhook } from '../../webhooks/webhooks.schemas.js';
import type { NamedUser } from '../admin.repository.js';
import type { WebhookNotice } from '../admin.schemas.js';
import {
  ADMIN_WEBHOOKS_PATH,
  adminPage,
  checkboxes,
  errorSummary,
  type FormView,
  type PostedAdminForm,
  revealedSecret,
  textArea,
  textInput,
  when,
} from './admin-components.js';
import { formFields, type SignedIn, staffCaseHref, staffHref } from './staff-pages.js';

// The webhooks' section: every endpoint (an admin sees all, as on the API), a form to
// register one, and an endpoint's page with its recent deliveries, the failures among them
// and a button to send each again, and the actions on the endpoint. A signing secret is
// shown on the answer to the form that made it, and never again.

export function adminWebhookPath(webhookId: string): string {
  return `${ADMIN_WEBHOOKS_PATH}/${encodeURIComponent(webhookId)}`;
}

function ownerName(m: Messages, owners: readonly NamedUser[], ownerId: string): string {
  const owner = owners.find((o) => o.id === ownerId);
  return owner ? `${owner.name} (${m.staff.admin.roles[owner.role]})` : m.staff.admin.webhooks.unknownOwner;
}

function statusBadge(m: Messages, webhook: Webhook): Html {
  const t = m.staff.admin.webhooks;
  return webhook.status === 'active' ? html`<span class="badge badge-success">${t.active}</span>` : html`<span class="badge badge-error">${t.disabled}</span>`;
}

export interface AdminWebhooksPageOptions {
  m: Messages;
  site: Site;
  signedIn: SignedIn;
  webhooks: readonly Webhook[];
  owners: readonly NamedUser[];
  deleted?: boolean;
  posted?: PostedAdminForm | undefined;
  /** A refusal that is about no one field (too many endpoints). */
  refusal?: ErrorPageTexts | undefined;
}

export function adminWebhooksPage({ m, site, signedIn, webhooks, owners, deleted = false, posted, refusal }: AdminWebhooksPageOptions): Html {
  const t = m.staff.admin.webhooks;
  const view: FormView = { m, posted };
  const eventChoices = WEBHOOK_EVENT_TYPES.map((type) => ({ value: type, label: `${t.eventTypes[type]} (${type})` }));
  return adminPage({
    m,
    site,
    signedIn,
    section: 'webhooks',
    title: t.title,
    problem: (posted?.errors.size ?? 0) > 0 || refusal !== undefined,
    path: ADMIN_WEBHOOKS_PATH,
    main: html`${errorSummary(view)}
${refusal && alert('error', refusal.title, refusal.body)}
${deleted && alert('success', t.done.deleted, '')}
<h1>${t.title}</h1>
<p class="font-lead">${t.lead}</p>
${
  webhooks.length === 0
    ? html`<p>${t.none}</p>`
    : html`<div class="table--responsive-scroll">
<table class="table table--compact webhook-table">
  <caption class="sr-only">${t.caption}</caption>
  <thead><tr><th scope="col">${t.url}</th><th scope="col">${t.events}</th><th scope="col">${t.owner}</th><th scope="col">${t.status}</th></tr></thead>
  <tbody>
    ${webhooks.map(
      (webhook) => html`<tr>
      <th scope="row" class="long-text"><a href="${staffHref(adminWebhookPath(webhook.id), m.lang)}">${webhook.url}</a>${webhook.description && html`<br><span class="form-hint">${webhook.description}</span>`}</th>
      <td>${webhook.events.join(', ')}</td>
      <td>${ownerName(m, owners, webhook.ownerId)}</td>
      <td>${statusBadge(m, webhook)}</td>
    </tr>`,
    )}
  </tbody>
</table>
</div>`
}
<h2 id="create-webhook">${t.create.title}</h2>
<p>${t.create.lead}</p>
<form method="post" action="${ADMIN_WEBHOOKS_PATH}" novalidate>${formFields(m, signedIn)}
${textInput(view, 'webhook', 'url', t.url, { type: 'url', hint: t.create.urlHint, autocomplete: 'off', required: true, width: 'input-width-xl' })}
${checkboxes(view, 'webhook', 'events', t.events, eventChoices, { current: [] })}
${textArea(view, 'webhook', 'description', t.create.descriptionLabel, { hint: t.create.descriptionHint })}
<button type="submit" class="button button-primary">${t.create.button}</button>
</form>`,
  });
}

/** How a delivery stands, in words: a pending delivery that has failed before is failing, and will be tried again. */
function deliveryStatus(m: Messages, delivery: Delivery): Html {
  const t = m.staff.admin.webhooks.deliveries;
  if (delivery.status === 'delivered') return html`<span class="badge badge-success">${t.statuses.delivered}</span>`;
  if (delivery.status === 'failed') return html`<span class="badge badge-error">${t.statuses.failed}</span>`;
  return delivery.attemptCount > 0 ? html`<span class="badge badge-warning">${t.statuses.retrying}</span>` : html`<span class="badge badge-info">${t.statuses.waiting}</span>`;
}

/** A delivery whose last attempt did not succeed: the one an admin may want to send again now. */
export function hasFailed(delivery: Delivery): boolean {
  return delivery.status === 'failed' || (delivery.status === 'pending' && delivery.attemptCount > 0);
}

export interface AdminWebhookPageOptions {
  m: Messages;
  site: Site;
  signedIn: SignedIn;
  webhook: Webhook;
  owners: readonly NamedUser[];
  deliveries: readonly Delivery[];
  references: ReadonlyMap<string, string>;
  nextCursor: string | null;
  done?: WebhookNotice | undefined;
  refusal?: ErrorPageTexts | undefined;
  /** The signing secret just made (registration or rotation), shown this once. */
  secret?: string | undefined;
}

function deliveriesTable(m: Messages, signedIn: SignedIn, webhook: Webhook, deliveries: readonly Delivery[], references: ReadonlyMap<string, string>): Html {
  const t = m.staff.admin.webhooks.deliveries;
  const path = adminWebhookPath(webhook.id);
  if (deliveries.length === 0) return html`<p>${t.none}</p>`;
  return html`<div class="table--responsive-scroll">
<table class="table table--compact webhook-table">
  <caption class="sr-only">${t.caption}</caption>
  <thead><tr><th scope="col">${t.event}</th><th scope="col">${t.case}</th><th scope="col">${t.status}</th><th scope="col">${t.attempts}</th><th scope="col">${t.statusCode}</th><th scope="col">${t.error}</th><th scope="col">${t.nextAttempt}</th><th scope="col"><span class="sr-only">${t.redeliver}</span></th></tr></thead>
  <tbody>
    ${deliveries.map((delivery) => {
      const reference = references.get(delivery.caseId);
      const last = delivery.attempts[0];
      return html`<tr>
      <th scope="row">${delivery.eventType}<br><span class="form-hint">${when(m, delivery.createdAt, '')}</span></th>
      <td>${reference ? html`<a href="${staffCaseHref(reference, m.lang)}">${reference}</a>` : t.noCase}</td>
      <td>${deliveryStatus(m, delivery)}</td>
      <td>${delivery.attemptCount}</td>
      <td>${last ? (last.statusCode ?? t.noAnswer) : t.notTried}</td>
      <td class="long-text">${delivery.lastError ?? (last?.succeeded === false ? last.error : null) ?? t.noError}</td>
      <td>${when(m, delivery.nextAttemptAt, t.noNextAttempt)}</td>
      <td>${
        hasFailed(delivery) &&
        html`<form method="post" action="${path}/deliveries/${encodeURIComponent(delivery.id)}/redeliver">${formFields(m, signedIn)}<button type="submit" class="button button-secondary" aria-label="${t.redeliverNamed(delivery.eventType, reference ?? delivery.caseId)}">${t.redeliver}</button></form>`
      }</td>
    </tr>`;
    })}
  </tbody>
</table>
</div>`;
}

export function adminWebhookPage({ m, site, signedIn, webhook, owners, deliveries, references, nextCursor, done, refusal, secret }: AdminWebhookPageOptions): Html {
  const t = m.staff.admin.webhooks;
  const path = adminWebhookPath(webhook.id);
  const active = webhook.status === 'active';
  return adminPage({
    m,
    site,
    signedIn,
    section: 'webhooks',
    title: t.endpointTitle,
    problem: refusal !== undefined,
    path,
    main: html`${refusal && alert('error', refusal.title, refusal.body)}
${done && alert('success', t.done[done], '')}
${secret && revealedSecret(t.secret.revealed, t.secret.label, secret, 'new-secret')}
<p><a href="${staffHref(ADMIN_WEBHOOKS_PATH, m.lang)}">${t.toList}</a></p>
<h1>${t.endpointTitle}</h1>
<dl class="webhook-details">
  <dt>${t.url}</dt><dd>${webhook.url}</dd>
  <dt>${t.events}</dt><dd>${webhook.events.join(', ')}</dd>
  ${webhook.description && html`<dt>${t.create.descriptionLabel}</dt><dd>${webhook.description}</dd>`}
  <dt>${t.owner}</dt><dd>${ownerName(m, owners, webhook.ownerId)}</dd>
  <dt>${t.status}</dt><dd>${statusBadge(m, webhook)}${webhook.disabledReason && html` ${webhook.disabledReason}`}</dd>
  <dt>${t.created}</dt><dd>${when(m, webhook.createdAt, '')}</dd>
  ${webhook.previousSecretExpiresAt && html`<dt>${t.secret.previousUntil}</dt><dd>${when(m, webhook.previousSecretExpiresAt, '')}</dd>`}
</dl>
<h2 id="deliveries">${t.deliveries.title}</h2>
<p>${t.deliveries.lead}</p>
${deliveriesTable(m, signedIn, webhook, deliveries, references)}
${nextCursor && html`<p><a href="${staffHref(path, m.lang, { cursor: nextCursor })}#deliveries">${t.deliveries.older}</a></p>`}
<h2>${active ? t.activation.deactivateTitle : t.activation.activateTitle}</h2>
<p>${active ? t.activation.deactivateText : t.activation.activateText}</p>
<form method="post" action="${path}/active">${formFields(m, signedIn)}<input type="hidden" name="active" value="${active ? 'false' : 'true'}">
<button type="submit" class="button button-secondary">${active ? t.activation.deactivate : t.activation.activate}</button>
</form>
<h2>${t.secret.title}</h2>
<p>${t.secret.lead}</p>
<form method="post" action="${path}/secret">${formFields(m, signedIn)}
<button type="submit" class="button button-secondary">${t.secret.button}</button>
</form>
<h2>${t.remove.title}</h2>
<p>${t.remove.lead}</p>
<p><a class="button button-secondary" href="${staffHref(`${path}/delete`, m.lang)}">${t.remove.button}</a></p>`,
  });
}

/** Asks before an endpoint and its delivery log are removed. */
export function adminWebhookDeletePage({ m, site, signedIn, webhook }: { m: Messages; site: Site; signedIn: SignedIn; webhook: Webhook }): Html {
  const t = m.staff.admin.webhooks.remove;
  const path = adminWebhookPath(webhook.id);
  return adminPage({
    m,
    site,
    signedIn,
    section: 'webhooks',
    title: t.confirmTitle,
    problem: false,
    path: `${path}/delete`,
    main: html`<h1>${t.confirmTitle}</h1>
<p class="font-lead">${t.confirmText(webhook.url)}</p>
<form method="post" action="${path}/delete">${formFields(m, signedIn)}
<button type="submit" class="button button-primary">${t.confirm}</button>
</form>
<p><a href="${staffHref(path, m.lang)}">${t.cancel}</a></p>`,
  });
}
