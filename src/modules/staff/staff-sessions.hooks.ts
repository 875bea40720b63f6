import type { FastifyError, FastifyInstance } from 'fastify';
import { safeNextPath } from '../../domain/sign-in-next.js';
import { isDataException } from '../../plugins/errors.js';
import { messagesFor } from '../../pages/messages.js';
import { errorTexts, sendPage, statusOf } from '../../pages/respond.js';
import { UnauthorizedError } from '../../errors.js';
import { isValidCsrfToken, resolveSession, type StaffSession } from '../auth/sessions.js';
import { notSignedIn, requestLang, RoleRefusedError, SessionEndedError, StaleFormError, type StaffContext } from './staff-context.js';
import { SIGN_IN_PATH, STAFF_HOME, staffHref, staffMessagePage } from './views/staff-pages.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The staff session of a request to the staff pages, when one is signed in. */
    staffSession: StaffSession | null;
  }
}

/**
 * Sessions for the staff pages. A session (a cookie holding a random id, stored hashed in
 * PostgreSQL) stands in for a bearer token; the principal is read from the database on
 * every request, so the same access rules as the API apply, as they are now. Every form
 * POST must carry the session's CSRF token, and every error is answered with a page.
 */
export function useStaffSessions(app: FastifyInstance, { site, cookie }: StaffContext): void {
  app.decorateRequest('staffSession', null);

  app.addHook('onRequest', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const sessionId = request.cookies[cookie.name];
    if (sessionId === undefined) return;
    const session = await resolveSession(app.db, sessionId, app.config.SESSION_IDLE_MINUTES);
    if (session) {
      request.staffSession = session;
      request.principal = session.principal;
    }
  });

  // Every form POST carries the session's own token; anything else is refused before it is read.
  app.addHook('preValidation', async (request) => {
    if (request.method !== 'POST' || request.routeOptions.config.preSessionForm === true) return;
    const session = request.staffSession;
    if (!session) throw notSignedIn(request, cookie);
    if (!isValidCsrfToken(session, (request.body as { _csrf?: unknown } | null | undefined)?._csrf)) throw new StaleFormError();
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const lang = requestLang(request);
    const m = messagesFor(lang);
    if (error instanceof UnauthorizedError) {
      if (error instanceof SessionEndedError) reply.clearCookie(cookie.name, cookie.options);
      // A page asked for without a session is where the caseworker goes once signed in.
      const next = request.method === 'GET' ? safeNextPath(request.url) : null;
      const params: Record<string, string> = {
        ...(error instanceof SessionEndedError ? { notice: 'expired' } : {}),
        ...(next !== null && !/^\/staff(\?|$)/.test(next) ? { next } : {}),
      };
      return reply.redirect(staffHref(SIGN_IN_PATH, lang, params), 303);
    }
    if (error instanceof RoleRefusedError) {
      const { texts, toMyWork, path } = error.refusal(m);
      return sendPage(
        reply,
        403,
        staffMessagePage({
          m,
          site,
          signedIn: error.signedIn,
          texts,
          switchLanguageHref: staffHref(path, m.otherLanguage.lang),
          next: { href: staffHref(STAFF_HOME, m.lang), text: toMyWork },
        }),
      );
    }
    const status = statusOf(error);
    if (status >= 500) request.log.error({ err: error }, 'unhandled error');
    else if (isDataException(error)) request.log.warn({ err: { message: error.message, code: error.code } }, 'database rejected a value');
    const texts = error instanceof StaleFormError ? m.staff.staleForm : status === 403 ? m.staff.forbidden : errorTexts(m, status);
    return sendPage(reply, status, staffMessagePage({ m, site, texts, switchLanguageHref: staffHref(STAFF_HOME, m.otherLanguage.lang) }));
  });
}
