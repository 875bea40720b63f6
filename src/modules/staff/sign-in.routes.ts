import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { oidcSettingsOf, publicBaseUrl } from '../../config.js';
import { safeNextPath } from '../../domain/sign-in-next.js';
import type { ErrorPageTexts, Lang } from '../../pages/messages.js';
import { messagesFor } from '../../pages/messages.js';
import { pageHelmet, sendPage } from '../../pages/respond.js';
import { IdentityProvider, IdentityProviderUnavailableError, newAuthorizationChecks } from '../auth/oidc.js';
import { endSession, previewSignInLink, signInWithLink, signInWithVerifiedEmail } from '../auth/sessions.js';
import { attemptCsrfToken, beginOidcSignIn, isValidAttemptToken, SIGN_IN_ATTEMPT_MAX_AGE_MS, signInFormAttempt, takeAttempt } from '../auth/sign-in-attempts.js';
import { SIGN_IN_LINK_PATH } from '../auth/sign-in-links.js';
import { StaleFormError, type StaffContext } from './staff-context.js';
import { linkFormSchema, linkPageQuerySchema, linkParamsSchema, oidcCallbackQuerySchema, oidcStartQuerySchema, signInPageQuerySchema } from './sign-in.schemas.js';
import { staffFormSchema } from './staff.schemas.js';
import { linkConfirmPage } from './views/sign-in-pages.js';
import { OIDC_CALLBACK_PATH, OIDC_START_PATH, SIGN_IN_PATH, SIGN_OUT_PATH, signInPage, STAFF_HOME, staffHref, staffMessagePage } from './views/staff-pages.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A form posted before anyone is signed in; it carries the sign-in attempt's CSRF token instead of a session's. */
    preSessionForm?: boolean;
  }
}

/** Signing in (with the identity provider or a sign-in link) and out of the staff pages. */
const signInRoutes: FastifyPluginAsyncZod<{ context: StaffContext }> = async (app, { context }) => {
  const { site, cookie } = context;
  const settings = oidcSettingsOf(app.config);
  const provider = settings && new IdentityProvider(settings);
  const baseUrl = publicBaseUrl(app.config);
  // The sign-in under way lives in a cookie of its own, under the session cookie's rules
  // (HttpOnly, SameSite=Lax, Secure and __Host- behind https), for as long as a sign-in may take.
  const attemptCookie = {
    name: cookie.name.replace('staff-session', 'staff-sign-in'),
    options: { ...cookie.options, maxAge: SIGN_IN_ATTEMPT_MAX_AGE_MS / 1000 },
  };

  const refusal = (reply: FastifyReply, status: number, lang: Lang, texts: (m: ReturnType<typeof messagesFor>) => ErrorPageTexts) => {
    const m = messagesFor(lang);
    return sendPage(
      reply,
      status,
      staffMessagePage({ m, site, texts: texts(m), switchLanguageHref: staffHref(SIGN_IN_PATH, m.otherLanguage.lang), next: { href: staffHref(SIGN_IN_PATH, lang), text: m.staff.toSignIn } }),
    );
  };

  const signedIn = (reply: FastifyReply, sessionId: string, lang: Lang, next: string | null | undefined) => {
    reply.setCookie(cookie.name, sessionId, cookie.options);
    reply.clearCookie(attemptCookie.name, attemptCookie.options);
    return reply.redirect(safeNextPath(next) ?? staffHref(STAFF_HOME, lang), 303);
  };

  app.get(SIGN_IN_PATH, { helmet: pageHelmet, schema: { hide: true, querystring: signInPageQuerySchema } }, async (request, reply) => {
    const { lang, notice } = request.query;
    const next = safeNextPath(request.query.next);
    if (request.staffSession) return reply.redirect(next ?? staffHref(STAFF_HOME, lang), 303);
    return sendPage(reply, 200, signInPage({ m: messagesFor(lang), site, notice, oidc: provider !== null, next }));
  });

  app.get(OIDC_START_PATH, { helmet: pageHelmet, schema: { hide: true, querystring: oidcStartQuerySchema } }, async (request, reply) => {
    const { lang } = request.query;
    if (!provider) return refusal(reply, 404, lang, (m) => m.notFound);
    const checks = newAuthorizationChecks();
    let destination: URL;
    try {
      destination = await provider.authorizationUrl(checks);
    } catch (error) {
      if (!(error instanceof IdentityProviderUnavailableError)) throw error;
      request.log.warn({ err: { message: error.message } }, 'identity provider unavailable');
      return refusal(reply, 503, lang, (m) => m.staff.signIn.unavailable);
    }
    const attempt = await beginOidcSignIn(app.db, checks, { nextPath: safeNextPath(request.query.next), lang });
    reply.setCookie(attemptCookie.name, attempt.id, attemptCookie.options);
    return reply.redirect(destination.href, 303);
  });

  app.get(OIDC_CALLBACK_PATH, { helmet: pageHelmet, schema: { hide: true, querystring: oidcCallbackQuerySchema } }, async (request, reply) => {
    // The attempt is used up whatever happens next: an answer works once, in the browser that asked for it.
    const attempt = await takeAttempt(app.db, request.cookies[attemptCookie.name]);
    reply.clearCookie(attemptCookie.name, attemptCookie.options);
    const lang = attempt?.lang ?? 'da';
    const { state, error } = request.query;
    if (!provider || !attempt || attempt.oidcState === null || attempt.oidcNonce === null || attempt.codeVerifier === null || state !== attempt.oidcState) {
      request.log.info({ attempt: attempt !== null, stateGiven: state !== undefined }, 'sign-in answer without a matching attempt refused');
      return refusal(reply, 400, lang, (m) => m.staff.signIn.failed);
    }
    if (error !== undefined) {
      request.log.info({ error }, 'identity provider answered with an error');
      return refusal(reply, 400, lang, (m) => m.staff.signIn.failed);
    }
    let identity;
    try {
      identity = await provider.verify(new URL(request.url, baseUrl), { state: attempt.oidcState, nonce: attempt.oidcNonce, codeVerifier: attempt.codeVerifier });
    } catch (failure) {
      const message = failure instanceof Error ? failure.message : String(failure);
      if (failure instanceof IdentityProviderUnavailableError) {
        request.log.warn({ err: { message } }, 'identity provider unavailable');
        return refusal(reply, 503, lang, (m) => m.staff.signIn.unavailable);
      }
      request.log.warn({ err: { message } }, 'identity provider answer rejected');
      return refusal(reply, 502, lang, (m) => m.staff.signIn.rejected);
    }
    if (identity.email === null || !identity.emailVerified) {
      request.log.info({ subject: identity.subject, emailGiven: identity.email !== null }, 'sign-in without a verified email refused');
      return refusal(reply, 403, lang, (m) => m.staff.signIn.unverifiedEmail);
    }
    const outcome = await signInWithVerifiedEmail(app.db, identity.email, request.cookies[cookie.name]);
    if (outcome.kind !== 'signedIn') {
      request.log.info({ subject: identity.subject, outcome: outcome.kind }, 'identity provider sign-in refused');
      return refusal(reply, 403, lang, (m) => (outcome.kind === 'inactive' ? m.staff.signIn.inactive : m.staff.signIn.unknownUser));
    }
    request.log.info({ userId: outcome.userId }, 'signed in with the identity provider');
    return signedIn(reply, outcome.sessionId, lang, attempt.nextPath);
  });

  const linkRefused = (request: FastifyRequest, reply: FastifyReply, lang: Lang, kind: 'used' | 'expired' | 'unknown' | 'inactive') => {
    const m = messagesFor(lang);
    const status = kind === 'inactive' ? 403 : kind === 'unknown' ? 404 : 410;
    request.log.info({ outcome: kind }, 'sign-in link refused');
    return sendPage(
      reply,
      status,
      staffMessagePage({ m, site, texts: m.staff.link[kind], switchLanguageHref: staffHref(request.url.split('?')[0] ?? SIGN_IN_PATH, m.otherLanguage.lang), next: { href: staffHref(SIGN_IN_PATH, lang), text: m.staff.toSignIn } }),
    );
  };

  // Opening a link only asks: mail scanners open links, and a link on another site must
  // not sign a browser in unasked. The button posts, with the attempt's CSRF token.
  app.get(`${SIGN_IN_LINK_PATH}:code`, { helmet: pageHelmet, schema: { hide: true, params: linkParamsSchema, querystring: linkPageQuerySchema } }, async (request, reply) => {
    const { lang } = request.query;
    const preview = await previewSignInLink(app.db, request.params.code);
    if (preview.kind !== 'valid') return linkRefused(request, reply, lang, preview.kind);
    const attempt = await signInFormAttempt(app.db, request.cookies[attemptCookie.name]);
    reply.setCookie(attemptCookie.name, attempt.id, attemptCookie.options);
    const path = request.url.split('?')[0] ?? SIGN_IN_PATH;
    return sendPage(reply, 200, linkConfirmPage({ m: messagesFor(lang), site, path, name: preview.name, csrfToken: attemptCsrfToken(attempt), next: safeNextPath(request.query.next) }));
  });

  app.post(
    `${SIGN_IN_LINK_PATH}:code`,
    { helmet: pageHelmet, config: { preSessionForm: true }, schema: { hide: true, params: linkParamsSchema, body: linkFormSchema } },
    async (request, reply) => {
      const { lang, next } = request.body;
      const attempt = await takeAttempt(app.db, request.cookies[attemptCookie.name]);
      if (!attempt || !isValidAttemptToken(attempt, request.body._csrf)) throw new StaleFormError();
      const outcome = await signInWithLink(app.db, request.params.code, request.cookies[cookie.name]);
      if (outcome.kind !== 'signedIn') return linkRefused(request, reply, lang, outcome.kind);
      request.log.info({ userId: outcome.userId }, 'signed in with a link');
      return signedIn(reply, outcome.sessionId, lang, next);
    },
  );

  app.post(SIGN_OUT_PATH, { helmet: pageHelmet, schema: { hide: true, body: staffFormSchema } }, async (request, reply) => {
    const sessionId = request.cookies[cookie.name];
    if (sessionId !== undefined) await endSession(app.db, sessionId);
    reply.clearCookie(cookie.name, cookie.options);
    return reply.redirect(staffHref(SIGN_IN_PATH, request.body.lang, { notice: 'signedOut' }), 303);
  });
};

export default signInRoutes;
