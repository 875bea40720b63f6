import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import type { FastifyError, FastifyRequest } from 'fastify';
import { publicBaseUrl } from '../../config.js';
import { hasRole } from '../../domain/principal.js';
import { ForbiddenError, UnauthorizedError } from '../../errors.js';
import { isDataException } from '../../plugins/errors.js';
import type { Site } from '../../pages/layout.js';
import { type Lang, messagesFor } from '../../pages/messages.js';
import { errorTexts, pageHelmet, sendPage, statusOf } from '../../pages/respond.js';
import { callerOf } from '../auth/auth.guards.js';
import { csrfTokenFor, endSession, isValidCsrfToken, resolveSession, SESSION_MAX_AGE_MS, signInWithLink, type StaffSession } from '../auth/sessions.js';
import { CASE_WORKERS } from '../cases/case-access.js';
import { myWork, takeNextCase } from './staff.service.js';
import { claimParamsSchema, linkParamsSchema, signInQuerySchema, staffFormSchema, staffQuerySchema, workQuerySchema } from './staff.schemas.js';
import { myWorkPage, SIGN_IN_PATH, SIGN_OUT_PATH, signInPage, type SignedIn, STAFF_HOME, staffHref, staffMessagePage, type WorkNotice } from './views/staff-pages.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The staff session of a request to the staff pages, when one is signed in. */
    staffSession: StaffSession | null;
  }
}

/** Why a request was sent to the sign-in page: it came with a session cookie that no longer works. */
class SessionEndedError extends UnauthorizedError {}

/** A form without this session's CSRF token. */
class StaleFormError extends ForbiddenError {}

function requestLang(request: FastifyRequest): Lang {
  const query = request.query as { lang?: unknown } | null | undefined;
  const body = request.body as { lang?: unknown } | null | undefined;
  return query?.lang === 'en' || body?.lang === 'en' ? 'en' : 'da';
}

/**
 * The staff pages. A session (a cookie holding a random id, stored hashed in PostgreSQL)
 * stands in for a bearer token; the principal is read from the database on every request,
 * so the same access rules as the API apply, as they are now.
 */
const staffRoutes: FastifyPluginAsyncZod = async (app) => {
  const site: Site = { municipalityName: app.config.MUNICIPALITY_NAME, accessibilityStatementUrl: app.config.ACCESSIBILITY_STATEMENT_URL };
  // Behind https the cookie is Secure and __Host- prefixed: only this exact origin, over
  // TLS, with Path=/, can set or read it. Lax keeps it off cross-site POSTs.
  const secure = publicBaseUrl(app.config).startsWith('https:');
  const cookieName = secure ? '__Host-staff-session' : 'staff-session';
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: SESSION_MAX_AGE_MS / 1000 } as const;

  await app.register(cookie);
  await app.register(formbody);
  app.decorateRequest('staffSession', null);

  app.addHook('onRequest', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const sessionId = request.cookies[cookieName];
    if (sessionId === undefined) return;
    const session = await resolveSession(app.db, sessionId, app.config.SESSION_IDLE_MINUTES);
    if (session) {
      request.staffSession = session;
      request.principal = session.principal;
    }
  });

  // Every form POST carries the session's own token; anything else is refused before it is read.
  app.addHook('preValidation', async (request) => {
    if (request.method !== 'POST') return;
    const session = request.staffSession;
    if (!session) throw request.cookies[cookieName] === undefined ? new UnauthorizedError() : new SessionEndedError();
    if (!isValidCsrfToken(session, (request.body as { _csrf?: unknown } | null | undefined)?._csrf)) throw new StaleFormError();
  });

  function signedInOf(request: FastifyRequest): { session: StaffSession; signedIn: SignedIn } {
    const session = request.staffSession;
    if (!session) throw request.cookies[cookieName] === undefined ? new UnauthorizedError() : new SessionEndedError();
    // Everyone who works on cases; integrators build on the API instead.
    if (!hasRole(session.principal, CASE_WORKERS)) throw new ForbiddenError();
    return { session, signedIn: { name: session.principal.name, csrfToken: csrfTokenFor(session) } };
  }

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const lang = requestLang(request);
    const m = messagesFor(lang);
    if (error instanceof UnauthorizedError) {
      if (error instanceof SessionEndedError) reply.clearCookie(cookieName, cookieOptions);
      return reply.redirect(staffHref(SIGN_IN_PATH, lang, error instanceof SessionEndedError ? { notice: 'expired' } : {}), 303);
    }
    const status = statusOf(error);
    if (status >= 500) request.log.error({ err: error }, 'unhandled error');
    else if (isDataException(error)) request.log.warn({ err: { message: error.message, code: error.code } }, 'database rejected a value');
    const texts = error instanceof StaleFormError ? m.staff.staleForm : status === 403 ? m.staff.forbidden : errorTexts(m, status);
    return sendPage(reply, status, staffMessagePage({ m, site, texts, switchLanguageHref: staffHref(STAFF_HOME, m.otherLanguage.lang) }));
  });

  app.get(SIGN_IN_PATH, { helmet: pageHelmet, schema: { hide: true, querystring: signInQuerySchema } }, async (request, reply) => {
    const { lang, notice } = request.query;
    if (request.staffSession) return reply.redirect(staffHref(STAFF_HOME, lang), 303);
    return sendPage(reply, 200, signInPage({ m: messagesFor(lang), site, notice }));
  });

  app.get('/staff/sign-in/link/:code', { helmet: pageHelmet, schema: { hide: true, params: linkParamsSchema, querystring: staffQuerySchema } }, async (request, reply) => {
    const { lang } = request.query;
    const outcome = await signInWithLink(app.db, request.params.code, request.cookies[cookieName]);
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
    reply.setCookie(cookieName, outcome.sessionId, cookieOptions);
    return reply.redirect(staffHref(STAFF_HOME, lang), 303);
  });

  app.post(SIGN_OUT_PATH, { helmet: pageHelmet, schema: { hide: true, body: staffFormSchema } }, async (request, reply) => {
    const sessionId = request.cookies[cookieName];
    if (sessionId !== undefined) await endSession(app.db, sessionId);
    reply.clearCookie(cookieName, cookieOptions);
    return reply.redirect(staffHref(SIGN_IN_PATH, request.body.lang, { notice: 'signedOut' }), 303);
  });

  app.get(STAFF_HOME, { helmet: pageHelmet, schema: { hide: true, querystring: workQuerySchema } }, async (request, reply) => {
    const { lang, claimed, empty } = request.query;
    const { session, signedIn } = signedInOf(request);
    const notice: WorkNotice | undefined = claimed ? { kind: 'claimed', reference: claimed } : empty ? { kind: 'queueEmpty', department: empty } : undefined;
    const work = await myWork(app.casework, session.principal);
    return sendPage(reply, 200, myWorkPage({ m: messagesFor(lang), site, signedIn, work, notice }));
  });

  app.post(
    '/staff/departments/:department/claim',
    { helmet: pageHelmet, schema: { hide: true, params: claimParamsSchema, body: staffFormSchema } },
    async (request, reply) => {
      signedInOf(request);
      const { department } = request.params;
      const reference = await takeNextCase(app.casework, callerOf(request), department);
      request.log.info({ department, claimed: reference !== null, channel: 'staff' }, 'next case claimed');
      // The case page is still to come: back to my work, naming the case taken.
      const params: Record<string, string> = reference ? { claimed: reference } : { empty: department };
      return reply.redirect(staffHref(STAFF_HOME, request.body.lang, params), 303);
    },
  );
};

export default staffRoutes;

