import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ConflictError, NotFoundError } from '../../errors.js';
import { type ErrorPageTexts, type Lang, type Messages, messagesFor } from '../../pages/messages.js';
import { pageHelmet, sendPage } from '../../pages/respond.js';
import { keyRingOf } from '../../secrets/secrets-key.js';
import { DEFAULT_GRACE_SECONDS, webhookInputSchema } from '../webhooks/webhooks.schemas.js';
import {
  createWebhook,
  getWebhook,
  listWebhooks,
  removeWebhook,
  retryDelivery,
  rotateSecret,
  updateWebhook,
  webhookDeliveries,
  type WebhooksDeps,
} from '../webhooks/webhooks.service.js';
import { adminOf, isUuid, type SignedInAdmin } from './admin-access.js';
import { type Checked, newCheck } from './admin-forms.js';
import { findCaseReferences, findUserNames } from './admin.repository.js';
import {
  plainFormSchema,
  webhookActiveFormSchema,
  webhookDeliveryParamsSchema,
  webhookFormSchema,
  webhookListQuerySchema,
  type WebhookNotice,
  webhookParamsSchema,
  webhookQuerySchema,
} from './admin.schemas.js';
import type { StaffContext } from './staff-context.js';
import { ADMIN_WEBHOOKS_PATH, type PostedAdminForm } from './views/admin-components.js';
import { adminWebhookDeletePage, adminWebhookPage, adminWebhookPath, adminWebhooksPage } from './views/admin-webhooks.js';
import { type SignedIn, staffHref, staffMessagePage } from './views/staff-pages.js';

const DELIVERIES_SHOWN = 20;

type WebhookTexts = Messages['staff']['admin']['webhooks'];

/**
 * The webhooks' section: every endpoint, registering one, and each endpoint's deliveries
 * and actions, through the webhooks module's services with the admin's own principal, so
 * the rules are those of `/v1/webhooks` (an admin sees and changes every endpoint; one it
 * registers is its own and hears of every case). The address is checked by the service,
 * whose reason for refusing one is shown beside the field.
 */
const adminWebhookRoutes: FastifyPluginAsyncZod<{ context: StaffContext }> = async (app, { context }) => {
  const { site, cookie } = context;
  const deps: WebhooksDeps = {
    db: app.db,
    urlPolicy: { allowPrivateNetworks: app.config.WEBHOOK_ALLOW_PRIVATE_NETWORKS },
    keys: keyRingOf(app.config),
  };

  function notFound(reply: FastifyReply, m: Messages, signedIn: SignedIn): FastifyReply {
    const t = m.staff.admin.webhooks;
    return sendPage(
      reply,
      404,
      staffMessagePage({ m, site, signedIn, texts: t.errors.notFound, switchLanguageHref: staffHref(ADMIN_WEBHOOKS_PATH, m.otherLanguage.lang), next: { href: staffHref(ADMIN_WEBHOOKS_PATH, m.lang), text: t.toList } }),
    );
  }

  async function renderList(request: FastifyRequest, reply: FastifyReply, lang: Lang, status: number, state: { deleted?: boolean; posted?: PostedAdminForm; refusal?: ErrorPageTexts }) {
    const { session, signedIn } = adminOf(request, cookie);
    const webhooks = await listWebhooks(app.db, session.principal);
    const owners = await findUserNames(app.db, webhooks.map((w) => w.ownerId));
    return sendPage(reply, status, adminWebhooksPage({ m: messagesFor(lang), site, signedIn, webhooks, owners, ...state }));
  }

  async function renderEndpoint(
    admin: SignedInAdmin,
    reply: FastifyReply,
    lang: Lang,
    webhookId: string,
    status: number,
    state: { cursor?: string | undefined; done?: WebhookNotice | undefined; refusal?: ErrorPageTexts; secret?: string },
  ) {
    const m = messagesFor(lang);
    if (!isUuid(webhookId)) return notFound(reply, m, admin.signedIn);
    try {
      const principal = admin.session.principal;
      const webhook = await getWebhook(app.db, principal, webhookId);
      const page = await webhookDeliveries(app.db, principal, webhookId, { limit: DELIVERIES_SHOWN, cursor: state.cursor });
      const [owners, references] = await Promise.all([findUserNames(app.db, [webhook.ownerId]), findCaseReferences(app.db, page.items.map((d) => d.caseId))]);
      return sendPage(
        reply,
        status,
        adminWebhookPage({
          m,
          site,
          signedIn: admin.signedIn,
          webhook,
          owners,
          deliveries: page.items,
          references,
          nextCursor: page.nextCursor,
          done: state.done,
          refusal: state.refusal,
          secret: state.secret,
        }),
      );
    } catch (error) {
      if (error instanceof NotFoundError) return notFound(reply, m, admin.signedIn);
      // A cursor that is not one of ours: the newest deliveries instead.
      if (error instanceof AppError && error.status === 400 && state.cursor !== undefined) return renderEndpoint(admin, reply, lang, webhookId, status, { ...state, cursor: undefined });
      throw error;
    }
  }

  app.get(ADMIN_WEBHOOKS_PATH, { helmet: pageHelmet, schema: { hide: true, querystring: webhookListQuerySchema } }, async (request, reply) => {
    adminOf(request, cookie);
    return renderList(request, reply, request.query.lang, 200, { deleted: request.query.done === 'deleted' });
  });

  app.post(ADMIN_WEBHOOKS_PATH, { helmet: pageHelmet, schema: { hide: true, body: webhookFormSchema } }, async (request, reply) => {
    const admin = adminOf(request, cookie);
    const { lang, url, events, description } = request.body;
    const t = messagesFor(lang).staff.admin.webhooks;
    const posted = (checked: Checked): PostedAdminForm => ({ form: 'webhook', values: { url, events, description }, errors: checked.errors });
    const checked = newCheck();
    const input = webhookInputSchema.safeParse({ url, events, description: description.trim() === '' ? null : description });
    if (!input.success) {
      for (const issue of input.error.issues) {
        const field = String(issue.path[0]);
        if (checked.errors.has(field)) continue;
        if (field === 'url') checked.errors.set('url', issue.code === 'too_big' ? t.errors.urlTooLong : t.errors.urlRequired);
        else if (field === 'events') checked.errors.set('events', t.errors.chooseEvents);
        else if (field === 'description') checked.errors.set('description', t.errors.descriptionTooLong);
      }
      return renderList(request, reply, lang, 400, { posted: posted(checked) });
    }
    try {
      const webhook = await createWebhook(deps, admin.session.principal, input.data);
      request.log.info({ webhookId: webhook.id, events: webhook.events, by: admin.userId, channel: 'staff' }, 'webhook registered');
      return renderEndpoint(admin, reply, lang, webhook.id, 201, { secret: webhook.secret });
    } catch (error) {
      const refused = refusedUrl(error, t);
      if (refused) return renderList(request, reply, lang, 400, { posted: posted(refused) });
      if (error instanceof AppError && error.slug === 'too-many-webhooks') return renderList(request, reply, lang, 422, { posted: posted(newCheck()), refusal: t.errors.tooMany });
      throw error;
    }
  });

  app.get(`${ADMIN_WEBHOOKS_PATH}/:webhookId`, { helmet: pageHelmet, schema: { hide: true, params: webhookParamsSchema, querystring: webhookQuerySchema } }, async (request, reply) => {
    const { lang, done, cursor } = request.query;
    return renderEndpoint(adminOf(request, cookie), reply, lang, request.params.webhookId, 200, { done, cursor });
  });

  // An answer shown at a form's address (a rotation's secret, a refused redelivery), opened
  // again as a GET, goes to the endpoint's page, which shows no secret.
  for (const form of ['secret', 'active', 'deliveries/:deliveryId/redeliver']) {
    app.get(`${ADMIN_WEBHOOKS_PATH}/:webhookId/${form}`, { helmet: pageHelmet, schema: { hide: true, params: webhookDeliveryParamsSchema.partial({ deliveryId: true }), querystring: webhookListQuerySchema } }, async (request, reply) => {
      adminOf(request, cookie);
      return reply.redirect(staffHref(adminWebhookPath(request.params.webhookId), request.query.lang), 303);
    });
  }

  app.post(`${ADMIN_WEBHOOKS_PATH}/:webhookId/active`, { helmet: pageHelmet, schema: { hide: true, params: webhookParamsSchema, body: webhookActiveFormSchema } }, async (request, reply) => {
    const admin = adminOf(request, cookie);
    const { webhookId } = request.params;
    const { lang } = request.body;
    const enabled = request.body.active === 'true';
    if (!isUuid(webhookId)) return notFound(reply, messagesFor(lang), admin.signedIn);
    try {
      await updateWebhook(deps, admin.session.principal, webhookId, { enabled });
    } catch (error) {
      if (error instanceof NotFoundError) return notFound(reply, messagesFor(lang), admin.signedIn);
      throw error;
    }
    request.log.info({ webhookId, enabled, by: admin.userId, channel: 'staff' }, 'webhook changed');
    return reply.redirect(staffHref(adminWebhookPath(webhookId), lang, { done: enabled ? 'activated' : 'deactivated' }), 303);
  });

  app.post(`${ADMIN_WEBHOOKS_PATH}/:webhookId/secret`, { helmet: pageHelmet, schema: { hide: true, params: webhookParamsSchema, body: plainFormSchema } }, async (request, reply) => {
    const admin = adminOf(request, cookie);
    const { webhookId } = request.params;
    const { lang } = request.body;
    if (!isUuid(webhookId)) return notFound(reply, messagesFor(lang), admin.signedIn);
    try {
      const rotated = await rotateSecret(deps, admin.session.principal, webhookId, DEFAULT_GRACE_SECONDS);
      request.log.info({ webhookId, by: admin.userId, channel: 'staff' }, 'webhook secret rotated');
      return renderEndpoint(admin, reply, lang, webhookId, 200, { secret: rotated.secret });
    } catch (error) {
      if (error instanceof NotFoundError) return notFound(reply, messagesFor(lang), admin.signedIn);
      throw error;
    }
  });

  // Deleting asks first: the confirmation is a page of its own, so it works without JavaScript.
  app.get(`${ADMIN_WEBHOOKS_PATH}/:webhookId/delete`, { helmet: pageHelmet, schema: { hide: true, params: webhookParamsSchema, querystring: webhookListQuerySchema } }, async (request, reply) => {
    const admin = adminOf(request, cookie);
    const m = messagesFor(request.query.lang);
    const { webhookId } = request.params;
    if (!isUuid(webhookId)) return notFound(reply, m, admin.signedIn);
    try {
      const webhook = await getWebhook(app.db, admin.session.principal, webhookId);
      return sendPage(reply, 200, adminWebhookDeletePage({ m, site, signedIn: admin.signedIn, webhook }));
    } catch (error) {
      if (error instanceof NotFoundError) return notFound(reply, m, admin.signedIn);
      throw error;
    }
  });

  app.post(`${ADMIN_WEBHOOKS_PATH}/:webhookId/delete`, { helmet: pageHelmet, schema: { hide: true, params: webhookParamsSchema, body: plainFormSchema } }, async (request, reply) => {
    const admin = adminOf(request, cookie);
    const { webhookId } = request.params;
    const { lang } = request.body;
    if (!isUuid(webhookId)) return notFound(reply, messagesFor(lang), admin.signedIn);
    try {
      await removeWebhook(app.db, admin.session.principal, webhookId);
    } catch (error) {
      if (error instanceof NotFoundError) return notFound(reply, messagesFor(lang), admin.signedIn);
      throw error;
    }
    request.log.info({ webhookId, by: admin.userId, channel: 'staff' }, 'webhook removed');
    return reply.redirect(staffHref(ADMIN_WEBHOOKS_PATH, lang, { done: 'deleted' }), 303);
  });

  app.post(
    `${ADMIN_WEBHOOKS_PATH}/:webhookId/deliveries/:deliveryId/redeliver`,
    { helmet: pageHelmet, schema: { hide: true, params: webhookDeliveryParamsSchema, body: plainFormSchema } },
    async (request, reply) => {
      const admin = adminOf(request, cookie);
      const { webhookId, deliveryId } = request.params;
      const { lang } = request.body;
      const t = messagesFor(lang).staff.admin.webhooks;
      if (!isUuid(webhookId) || !isUuid(deliveryId)) return notFound(reply, messagesFor(lang), admin.signedIn);
      try {
        await retryDelivery(app.db, admin.session.principal, webhookId, deliveryId);
      } catch (error) {
        if (error instanceof NotFoundError) return notFound(reply, messagesFor(lang), admin.signedIn);
        if (error instanceof ConflictError) return renderEndpoint(admin, reply, lang, webhookId, 409, { refusal: t.errors.disabledRedelivery });
        throw error;
      }
      request.log.info({ webhookId, deliveryId, by: admin.userId, channel: 'staff' }, 'webhook redelivery queued');
      return reply.redirect(`${staffHref(adminWebhookPath(webhookId), lang, { done: 'redelivered' })}#deliveries`, 303);
    },
  );
};

/** The service's refusal of the address (not https, a private address, a host that does not resolve), beside the field. */
function refusedUrl(error: unknown, t: WebhookTexts): Checked | null {
  if (!(error instanceof AppError)) return null;
  const listed = (error.extensions.errors as { path: string; message: string }[] | undefined) ?? [];
  const url = listed.find(({ path }) => path === 'body.url');
  return url ? { errors: new Map([['url', t.errors.unsafeUrl(url.message)]]), status: 400 } : null;
}

export default adminWebhookRoutes;
