import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { publicBaseUrl } from '../../config.js';
import { AppError, ConflictError, NotFoundError } from '../../errors.js';
import { type Lang, type Messages, messagesFor } from '../../pages/messages.js';
import { pageHelmet, sendPage } from '../../pages/respond.js';
import {
  createUser,
  getUserAccount,
  issueSignInLink,
  issueToken,
  lastTokenUses,
  listUserAccounts,
  listUserTokens,
  revokeApiToken,
  updateUserAccount,
} from '../users/users.service.js';
import { adminOf as signedInAdmin, isUuid } from './admin-access.js';
import adminCatalogueRoutes from './admin-catalogue.routes.js';
import { type Checked, checkEmail, checkExpiry, checkName, checkRole, newCheck, serviceFieldErrors } from './admin-forms.js';
import adminIntegratorRoutes from './admin-integrators.routes.js';
import {
  accessFormSchema,
  activeFormSchema,
  type AdminNotice,
  adminListQuerySchema,
  adminTokenParamsSchema,
  adminUserParamsSchema,
  adminUserQuerySchema,
  newUserFormSchema,
  plainFormSchema,
  profileFormSchema,
  tokenFormSchema,
} from './admin.schemas.js';
import adminWebhookRoutes from './admin-webhooks.routes.js';
import { findDepartmentNames } from './case-page.repository.js';
import type { StaffContext } from './staff-context.js';
import { adminListPage, adminUserPage, adminUserPath, type PostedAdminForm, type Revealed } from './views/admin-pages.js';
import { ADMIN_PATH, type SignedIn, staffHref, staffMessagePage } from './views/staff-pages.js';

const USERS_PER_PAGE = 100;
const TOKEN_NAME_MAX = 100;
const USER_NAME_MAX = 200;

/**
 * The administration pages, `/staff/admin`, for admins only (anyone else gets a 403 page
 * saying so): users, their names and emails, roles and departments, activation, tokens
 * and sign-in links here; integrators, webhook endpoints, departments and the topic
 * catalogue in the sections registered below, which share the refusal and the hook. Each
 * form changes things through the users module's services, the same as the admin API,
 * and answers 303 back with a notice; a mistake gives the page again with what was typed
 * and the message beside the field, having changed nothing. A token or a sign-in link is
 * shown on the answer to the form that made it (never cached, never shown again).
 */
const adminRoutes: FastifyPluginAsyncZod<{ context: StaffContext }> = async (app, { context }) => {
  const { site, cookie } = context;
  const adminOf = (request: FastifyRequest) => signedInAdmin(request, cookie);

  // A change here may change who a token speaks for: this process forgets its cached
  // principals before answering, as the API's user routes do (others hear by NOTIFY).
  app.addHook('onSend', async (request) => {
    if (request.method === 'POST') app.principals.forget();
  });

  await app.register(adminIntegratorRoutes, { context });
  await app.register(adminWebhookRoutes, { context });
  await app.register(adminCatalogueRoutes, { context });

  function notFound(reply: FastifyReply, m: Messages, signedIn: SignedIn): FastifyReply {
    return sendPage(
      reply,
      404,
      staffMessagePage({ m, site, signedIn, texts: m.staff.admin.errors.notFound, switchLanguageHref: staffHref(ADMIN_PATH, m.otherLanguage.lang), next: { href: staffHref(ADMIN_PATH, m.lang), text: m.staff.admin.toList } }),
    );
  }

  async function renderList(request: FastifyRequest, reply: FastifyReply, lang: Lang, status: number, options: { cursor?: string | undefined; posted?: PostedAdminForm }) {
    const { signedIn } = adminOf(request);
    const [page, departments] = await Promise.all([listUserAccounts(app.db, { limit: USERS_PER_PAGE, cursor: options.cursor }), findDepartmentNames(app.db)]);
    const lastUses = await lastTokenUses(app.db, page.items.map((u) => u.id));
    return sendPage(reply, status, adminListPage({ m: messagesFor(lang), site, signedIn, users: page.items, lastUses, nextCursor: page.nextCursor, departments, posted: options.posted }));
  }

  async function renderUser(
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    userId: string,
    status: number,
    state: { done?: AdminNotice | undefined; posted?: PostedAdminForm; refusal?: keyof Pick<Messages['staff']['admin']['errors'], 'lastAdmin' | 'inactive'>; revealed?: Revealed },
  ) {
    const { signedIn } = adminOf(request);
    const m = messagesFor(lang);
    if (!isUuid(userId)) return notFound(reply, m, signedIn);
    try {
      const [user, tokens, departments] = await Promise.all([getUserAccount(app.db, userId), listUserTokens(app.db, userId), findDepartmentNames(app.db)]);
      const refusal = state.refusal && m.staff.admin.errors[state.refusal];
      return sendPage(reply, status, adminUserPage({ m, site, signedIn, user, tokens, departments, done: state.done, posted: state.posted, refusal, revealed: state.revealed }));
    } catch (error) {
      if (error instanceof NotFoundError) return notFound(reply, m, signedIn);
      throw error;
    }
  }

  app.get(ADMIN_PATH, { helmet: pageHelmet, schema: { hide: true, querystring: adminListQuerySchema } }, async (request, reply) => {
    adminOf(request);
    const { lang, cursor } = request.query;
    return renderList(request, reply, lang, 200, { cursor });
  });

  app.get(`${ADMIN_PATH}/users/:userId`, { helmet: pageHelmet, schema: { hide: true, params: adminUserParamsSchema, querystring: adminUserQuerySchema } }, async (request, reply) => {
    adminOf(request);
    const { lang, done } = request.query;
    return renderUser(request, reply, lang, request.params.userId, 200, { done });
  });

  // The answer to a form that made a token or a link has the form's address; opened again
  // (reloaded as a GET, or from the history) it goes to the user's page, which shows neither.
  for (const form of ['profile', 'access', 'active', 'tokens', 'sign-in-links']) {
    app.get(`${ADMIN_PATH}/users/:userId/${form}`, { helmet: pageHelmet, schema: { hide: true, params: adminUserParamsSchema, querystring: adminUserQuerySchema } }, async (request, reply) => {
      adminOf(request);
      return reply.redirect(staffHref(adminUserPath(request.params.userId), request.query.lang), 303);
    });
  }

  app.post(`${ADMIN_PATH}/users`, { helmet: pageHelmet, schema: { hide: true, body: newUserFormSchema } }, async (request, reply) => {
    const { userId: by } = adminOf(request);
    const { lang, name, email, role, departments } = request.body;
    const t = messagesFor(lang).staff.admin;
    const posted = (checked: Checked): PostedAdminForm => ({ form: 'create', values: { name, email, role, departments }, errors: checked.errors });
    const checked = newCheck();
    const parsedName = checkName(checked, name, USER_NAME_MAX, t);
    const parsedEmail = checkEmail(checked, email, t);
    const chosenRole = checkRole(checked, role, t);
    if (checked.errors.size > 0) return renderList(request, reply, lang, checked.status, { posted: posted(checked) });
    try {
      const user = await createUser(app.db, { name: parsedName, email: parsedEmail, role: chosenRole ?? 'caseworker', departments });
      request.log.info({ userId: user.id, role: user.role, by, channel: 'staff' }, 'user created');
      return reply.redirect(staffHref(adminUserPath(user.id), lang, { done: 'created' }), 303);
    } catch (error) {
      const fieldErrors = serviceFieldErrors(error, t, chosenRole ?? 'caseworker');
      if (fieldErrors) return renderList(request, reply, lang, fieldErrors.status, { posted: posted(fieldErrors) });
      throw error;
    }
  });

  app.post(`${ADMIN_PATH}/users/:userId/profile`, { helmet: pageHelmet, schema: { hide: true, params: adminUserParamsSchema, body: profileFormSchema } }, async (request, reply) => {
    const { userId: by } = adminOf(request);
    const { userId } = request.params;
    const { lang, name, email } = request.body;
    const t = messagesFor(lang).staff.admin;
    const posted = (checked: Checked): PostedAdminForm => ({ form: 'profile', values: { name, email }, errors: checked.errors });
    const checked = newCheck();
    const parsedName = checkName(checked, name, USER_NAME_MAX, t);
    const parsedEmail = checkEmail(checked, email, t);
    if (checked.errors.size > 0) return renderUser(request, reply, lang, userId, checked.status, { posted: posted(checked) });
    if (!isUuid(userId)) return renderUser(request, reply, lang, userId, 404, {});
    try {
      await updateUserAccount(app.db, userId, { name: parsedName, email: parsedEmail });
    } catch (error) {
      const fieldErrors = serviceFieldErrors(error, t, '');
      if (fieldErrors) return renderUser(request, reply, lang, userId, fieldErrors.status, { posted: posted(fieldErrors) });
      if (error instanceof NotFoundError) return renderUser(request, reply, lang, userId, 404, {});
      throw error;
    }
    request.log.info({ userId, fields: ['name', 'email'], by, channel: 'staff' }, 'user changed');
    return reply.redirect(staffHref(adminUserPath(userId), lang, { done: 'profile' }), 303);
  });

  app.post(`${ADMIN_PATH}/users/:userId/access`, { helmet: pageHelmet, schema: { hide: true, params: adminUserParamsSchema, body: accessFormSchema } }, async (request, reply) => {
    const { userId: by } = adminOf(request);
    const { userId } = request.params;
    const { lang, role, departments } = request.body;
    const t = messagesFor(lang).staff.admin;
    const posted = (checked: Checked): PostedAdminForm => ({ form: 'access', values: { role, departments }, errors: checked.errors });
    const checked = newCheck();
    const chosenRole = checkRole(checked, role, t);
    if (checked.errors.size > 0 || !chosenRole) return renderUser(request, reply, lang, userId, checked.status, { posted: posted(checked) });
    if (!isUuid(userId)) return renderUser(request, reply, lang, userId, 404, {});
    try {
      const user = await updateUserAccount(app.db, userId, { role: chosenRole, departments });
      request.log.info({ userId, role: user.role, by, channel: 'staff' }, 'user changed');
      return reply.redirect(staffHref(adminUserPath(userId), lang, { done: 'access' }), 303);
    } catch (error) {
      const fieldErrors = serviceFieldErrors(error, t, chosenRole);
      if (fieldErrors) return renderUser(request, reply, lang, userId, fieldErrors.status, { posted: posted(fieldErrors) });
      if (error instanceof ConflictError) return renderUser(request, reply, lang, userId, 409, { refusal: 'lastAdmin' });
      throw error;
    }
  });

  app.post(`${ADMIN_PATH}/users/:userId/active`, { helmet: pageHelmet, schema: { hide: true, params: adminUserParamsSchema, body: activeFormSchema } }, async (request, reply) => {
    const { userId: by } = adminOf(request);
    const { userId } = request.params;
    const { lang } = request.body;
    const active = request.body.active === 'true';
    if (!isUuid(userId)) return renderUser(request, reply, lang, userId, 404, {});
    try {
      await updateUserAccount(app.db, userId, { active });
    } catch (error) {
      if (error instanceof ConflictError) return renderUser(request, reply, lang, userId, 409, { refusal: 'lastAdmin' });
      if (error instanceof NotFoundError) return renderUser(request, reply, lang, userId, 404, {});
      throw error;
    }
    request.log.info({ userId, active, by, channel: 'staff' }, 'user changed');
    return reply.redirect(staffHref(adminUserPath(userId), lang, { done: active ? 'reactivated' : 'deactivated' }), 303);
  });

  app.post(`${ADMIN_PATH}/users/:userId/tokens`, { helmet: pageHelmet, schema: { hide: true, params: adminUserParamsSchema, body: tokenFormSchema } }, async (request, reply) => {
    const { userId: by } = adminOf(request);
    const { userId } = request.params;
    const { lang, name, expiresOn } = request.body;
    const t = messagesFor(lang).staff.admin;
    const posted = (checked: Checked): PostedAdminForm => ({ form: 'token', values: { name, expiresOn }, errors: checked.errors });
    const checked = newCheck();
    const tokenName = checkName(checked, name, TOKEN_NAME_MAX, t);
    const expiresAt = checkExpiry(checked, expiresOn, t);
    if (checked.errors.size > 0) return renderUser(request, reply, lang, userId, checked.status, { posted: posted(checked) });
    if (!isUuid(userId)) return renderUser(request, reply, lang, userId, 404, {});
    try {
      const token = await issueToken(app.db, userId, { name: tokenName, expiresAt: expiresAt?.toISOString() });
      request.log.info({ userId, tokenId: token.id, by, channel: 'staff' }, 'token issued');
      return renderUser(request, reply, lang, userId, 201, { revealed: { kind: 'token', token: token.token, name: token.name } });
    } catch (error) {
      // The moment passed between the check and the service: the same message.
      if (error instanceof AppError && error.status === 400) return renderUser(request, reply, lang, userId, 422, { posted: posted({ errors: new Map([['expiresOn', t.errors.pastExpiry]]), status: 422 }) });
      if (error instanceof ConflictError) return renderUser(request, reply, lang, userId, 409, { refusal: 'inactive' });
      throw error;
    }
  });

  app.post(
    `${ADMIN_PATH}/users/:userId/tokens/:tokenId/revoke`,
    { helmet: pageHelmet, schema: { hide: true, params: adminTokenParamsSchema, body: plainFormSchema } },
    async (request, reply) => {
      const { userId: by } = adminOf(request);
      const { userId, tokenId } = request.params;
      const { lang } = request.body;
      if (!isUuid(userId) || !isUuid(tokenId)) return renderUser(request, reply, lang, userId, 404, {});
      try {
        // Only this user's token is found, so that the form cannot reach another's by its address.
        await revokeApiToken(app.db, tokenId, userId);
      } catch (error) {
        if (error instanceof NotFoundError) return renderUser(request, reply, lang, userId, 404, {});
        throw error;
      }
      request.log.info({ tokenId, by, channel: 'staff' }, 'token revoked');
      return reply.redirect(staffHref(adminUserPath(userId), lang, { done: 'revoked' }), 303);
    },
  );

  app.post(`${ADMIN_PATH}/users/:userId/sign-in-links`, { helmet: pageHelmet, schema: { hide: true, params: adminUserParamsSchema, body: plainFormSchema } }, async (request, reply) => {
    const { userId: by } = adminOf(request);
    const { userId } = request.params;
    const { lang } = request.body;
    if (!isUuid(userId)) return renderUser(request, reply, lang, userId, 404, {});
    try {
      const link = await issueSignInLink(app.db, userId, { baseUrl: publicBaseUrl(app.config), createdBy: by });
      request.log.info({ userId, by, channel: 'staff' }, 'sign-in link issued');
      return renderUser(request, reply, lang, userId, 201, { revealed: { kind: 'signInLink', url: link.url, expiresAt: link.expiresAt } });
    } catch (error) {
      if (error instanceof ConflictError) return renderUser(request, reply, lang, userId, 409, { refusal: 'inactive' });
      if (error instanceof NotFoundError) return renderUser(request, reply, lang, userId, 404, {});
      throw error;
    }
  });
};

export default adminRoutes;
