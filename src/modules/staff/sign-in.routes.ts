import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { messagesFor } from '../../pages/messages.js';
import { pageHelmet, sendPage } from '../../pages/respond.js';
import { endSession, signInWithLink } from '../auth/sessions.js';
import type { StaffContext } from './staff-context.js';
import { linkParamsSchema, signInQuerySchema, staffFormSchema, staffQuerySchema } from './staff.schemas.js';
import { SIGN_IN_PATH, SIGN_OUT_PATH, signInPage, STAFF_HOME, staffHref, staffMessagePage } from './views/staff-pages.js';

/** Signing in and out of the staff pages. */
const signInRoutes: FastifyPluginAsyncZod<{ context: StaffContext }> = async (app, { context }) => {
  const { site, cookie } = context;

  app.get(SIGN_IN_PATH, { helmet: pageHelmet, schema: { hide: true, querystring: signInQuerySchema } }, async (request, reply) => {
    const { lang, notice } = request.query;
    if (request.staffSession) return reply.redirect(staffHref(STAFF_HOME, lang), 303);
    return sendPage(reply, 200, signInPage({ m: messagesFor(lang), site, notice }));
  });

  app.get('/staff/sign-in/link/:code', { helmet: pageHelmet, schema: { hide: true, params: linkParamsSchema, querystring: staffQuerySchema } }, async (request, reply) => {
    const { lang } = request.query;
    const outcome = await signInWithLink(app.db, request.params.code, request.cookies[cookie.name]);
    if (outcome.kind !== 'signedIn') {
      const m = messagesFor(lang);
      const status = outcome.kind === 'inactive' ? 403 : outcome.kind === 'unknown' ? 404 : 410;
      request.log.info({ outcome: outcome.kind }, 'sign-in link refused');
      return sendPage(
        reply,
        status,
        staffMessagePage({ m, site, texts: m.staff.link[outcome.kind], switchLanguageHref: staffHref(request.url.split('?')[0] ?? SIGN_IN_PATH, m.otherLanguage.lang), next: { href: staffHref(SIGN_IN_PATH, lang), text: m.staff.toSignIn } }),
      );
    }
    request.log.info({ userId: outcome.userId }, 'signed in with a link');
    reply.setCookie(cookie.name, outcome.sessionId, cookie.options);
    return reply.redirect(staffHref(STAFF_HOME, lang), 303);
  });

  app.post(SIGN_OUT_PATH, { helmet: pageHelmet, schema: { hide: true, body: staffFormSchema } }, async (request, reply) => {
    const sessionId = request.cookies[cookie.name];
    if (sessionId !== undefined) await endSession(app.db, sessionId);
    reply.clearCookie(cookie.name, cookie.options);
    return reply.redirect(staffHref(SIGN_IN_PATH, request.body.lang, { notice: 'signedOut' }), 303);
  });
};

export default signInRoutes;
