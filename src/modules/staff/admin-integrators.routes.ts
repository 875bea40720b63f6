import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Lang, messagesFor } from '../../pages/messages.js';
import { pageHelmet, sendPage } from '../../pages/respond.js';
import type { CreatedToken, UserView } from '../users/users.schemas.js';
import { createUser, issueToken, lastTokenUses, listUserAccounts } from '../users/users.service.js';
import { adminOf } from './admin-access.js';
import { type Checked, checkEmail, checkExpiry, checkName, newCheck, serviceFieldErrors } from './admin-forms.js';
import { adminListQuerySchema, integratorFormSchema } from './admin.schemas.js';
import type { StaffContext } from './staff-context.js';
import { ADMIN_INTEGRATORS_PATH, type PostedAdminForm } from './views/admin-components.js';
import { adminIntegratorsPage } from './views/admin-integrators.js';

const INTEGRATORS_PER_PAGE = 100;
const NAME_MAX = 200;
const TOKEN_NAME_MAX = 100;

/**
 * The integrators' section: the users with the integrator role, and a form that makes one
 * with its first API token, through the users module's services as `POST /v1/users` and
 * `POST /v1/users/{id}/tokens` do. Every field is checked before anything is written, so
 * a mistake changes nothing; the token is shown on the answer only.
 */
const adminIntegratorRoutes: FastifyPluginAsyncZod<{ context: StaffContext }> = async (app, { context }) => {
  const { site, cookie } = context;

  async function renderList(
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    status: number,
    options: { cursor?: string | undefined; posted?: PostedAdminForm; created?: { integrator: UserView; token: CreatedToken } },
  ) {
    const { signedIn } = adminOf(request, cookie);
    const page = await listUserAccounts(app.db, { role: 'integrator', limit: INTEGRATORS_PER_PAGE, cursor: options.cursor });
    const lastUses = await lastTokenUses(app.db, page.items.map((u) => u.id));
    return sendPage(
      reply,
      status,
      adminIntegratorsPage({ m: messagesFor(lang), site, signedIn, integrators: page.items, lastUses, nextCursor: page.nextCursor, posted: options.posted, created: options.created }),
    );
  }

  app.get(ADMIN_INTEGRATORS_PATH, { helmet: pageHelmet, schema: { hide: true, querystring: adminListQuerySchema } }, async (request, reply) => {
    adminOf(request, cookie);
    return renderList(request, reply, request.query.lang, 200, { cursor: request.query.cursor });
  });

  app.post(ADMIN_INTEGRATORS_PATH, { helmet: pageHelmet, schema: { hide: true, body: integratorFormSchema } }, async (request, reply) => {
    const { userId: by } = adminOf(request, cookie);
    const { lang, name, email, tokenName, expiresOn } = request.body;
    const t = messagesFor(lang).staff.admin;
    const posted = (checked: Checked): PostedAdminForm => ({ form: 'integrator', values: { name, email, tokenName, expiresOn }, errors: checked.errors });
    const checked = newCheck();
    const parsedName = checkName(checked, name, NAME_MAX, t);
    const parsedEmail = checkEmail(checked, email, t);
    const parsedTokenName = checkName(checked, tokenName, TOKEN_NAME_MAX, t, 'tokenName');
    const expiresAt = checkExpiry(checked, expiresOn, t);
    if (checked.errors.size > 0) return renderList(request, reply, lang, checked.status, { posted: posted(checked) });
    let integrator: UserView;
    try {
      integrator = await createUser(app.db, { name: parsedName, email: parsedEmail, role: 'integrator', departments: [] });
    } catch (error) {
      const fieldErrors = serviceFieldErrors(error, t, 'integrator');
      if (fieldErrors) return renderList(request, reply, lang, fieldErrors.status, { posted: posted(fieldErrors) });
      throw error;
    }
    // The expiry was checked to lie ahead, and the user was just made active: the token follows.
    const token = await issueToken(app.db, integrator.id, { name: parsedTokenName, expiresAt: expiresAt?.toISOString() });
    request.log.info({ userId: integrator.id, role: 'integrator', tokenId: token.id, by, channel: 'staff' }, 'integrator created');
    return renderList(request, reply, lang, 201, { created: { integrator, token } });
  });
};

export default adminIntegratorRoutes;
