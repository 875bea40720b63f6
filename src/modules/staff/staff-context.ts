import type { FastifyRequest } from 'fastify';
import { type Config, publicBaseUrl } from '../../config.js';
import { hasRole, type Role } from '../../domain/principal.js';
import { ForbiddenError, UnauthorizedError } from '../../errors.js';
import type { Site } from '../../pages/layout.js';
import type { PageAssetLinks } from '../../pages/page-assets.js';
import type { Lang, Messages } from '../../pages/messages.js';
import { csrfTokenFor, SESSION_MAX_AGE_MS, type StaffSession } from '../auth/sessions.js';
import { CASE_WORKERS } from '../cases/case-access.js';
import type { Refusal, SignedIn } from './views/staff-pages.js';

export type { Refusal };

// What every staff route shares: the site's texts, the session cookie's rules, and how a
// request's signed-in caseworker is found. Made once by staff.routes.ts and handed to
// each group of routes.

/** Why a request was sent to the sign-in page: it came with a session cookie that no longer works. */
export class SessionEndedError extends UnauthorizedError {}

/** A form without this session's CSRF token. */
export class StaleFormError extends ForbiddenError {}

/** Someone signed in asked for a page that is not for their role (the staff pages' error handler answers it). */
export class RoleRefusedError extends ForbiddenError {
  constructor(
    readonly signedIn: SignedIn,
    readonly refusal: (m: Messages) => Refusal,
  ) {
    super();
  }
}

export interface SessionCookie {
  name: string;
  options: { path: '/'; httpOnly: true; sameSite: 'lax'; secure: boolean; maxAge: number };
}

export interface StaffContext {
  site: Site;
  cookie: SessionCookie;
}

export function staffContextOf(config: Config, assets: PageAssetLinks): StaffContext {
  // Behind https the cookie is Secure and __Host- prefixed: only this exact origin, over
  // TLS, with Path=/, can set or read it. Lax keeps it off cross-site POSTs.
  const secure = publicBaseUrl(config).startsWith('https:');
  return {
    site: { municipalityName: config.MUNICIPALITY_NAME, accessibilityStatementUrl: config.ACCESSIBILITY_STATEMENT_URL, assets },
    cookie: {
      name: secure ? '__Host-staff-session' : 'staff-session',
      options: { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: SESSION_MAX_AGE_MS / 1000 },
    },
  };
}

/** The language a staff request asked for, in its query or its form. */
export function requestLang(request: FastifyRequest): Lang {
  const query = request.query as { lang?: unknown } | null | undefined;
  const body = request.body as { lang?: unknown } | null | undefined;
  return query?.lang === 'en' || body?.lang === 'en' ? 'en' : 'da';
}

/** The error for a request without a working session: never signed in, or signed in once and ended since. */
export function notSignedIn(request: FastifyRequest, cookie: SessionCookie): UnauthorizedError {
  return request.cookies[cookie.name] === undefined ? new UnauthorizedError() : new SessionEndedError();
}

/** The signed-in caseworker (or coordinator, or admin) of a staff request; integrators build on the API instead. */
export function signedInOf(request: FastifyRequest, cookie: SessionCookie): { session: StaffSession; signedIn: SignedIn } {
  const session = request.staffSession;
  if (!session) throw notSignedIn(request, cookie);
  if (!hasRole(session.principal, CASE_WORKERS)) throw new ForbiddenError();
  return {
    session,
    signedIn: {
      name: session.principal.name,
      csrfToken: csrfTokenFor(session),
      admin: session.principal.role === 'admin',
      seesStatistics: hasRole(session.principal, ['coordinator', 'admin']),
      seesRouting: hasRole(session.principal, ['coordinator', 'admin']),
    },
  };
}

/** The signed-in person of a request to pages for `roles` only; anyone else gets the `refusal` page (403). */
export function signedInWithRole(request: FastifyRequest, cookie: SessionCookie, roles: readonly Role[], refusal: (m: Messages) => Refusal) {
  const signed = signedInOf(request, cookie);
  if (!hasRole(signed.session.principal, roles)) throw new RoleRefusedError(signed.signedIn, refusal);
  return signed;
}
