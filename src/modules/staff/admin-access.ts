import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ForbiddenError } from '../../errors.js';
import type { Site } from '../../pages/layout.js';
import { messagesFor } from '../../pages/messages.js';
import { sendPage } from '../../pages/respond.js';
import type { StaffSession } from '../auth/sessions.js';
import { requestLang, type SessionCookie, signedInOf } from './staff-context.js';
import { ADMIN_PATH, type SignedIn, STAFF_HOME, staffHref, staffMessagePage } from './views/staff-pages.js';

// Who may use the administration pages (admins), and what everyone else is told.

/** Someone signed in who is not an admin asked for an administration page. */
export class AdminRefusedError extends ForbiddenError {
  constructor(readonly signedIn: SignedIn) {
    super();
  }
}

export interface SignedInAdmin {
  session: StaffSession;
  signedIn: SignedIn;
  userId: string;
}

/** The signed-in admin; a coordinator or caseworker gets the administration's 403 page. */
export function adminOf(request: FastifyRequest, cookie: SessionCookie): SignedInAdmin {
  const { session, signedIn } = signedInOf(request, cookie);
  if (session.principal.role !== 'admin') throw new AdminRefusedError(signedIn);
  return { session, signedIn, userId: session.principal.userId };
}

export const isUuid = (value: string): boolean => z.uuid().safeParse(value).success;

/**
 * A refused admin page says that it is for administrators, in the page's language, and
 * leads back to the reader's own work; every other error goes on to the staff pages' handler.
 */
export function answerRefusalsAsAdminPage(app: FastifyInstance, site: Site): void {
  app.setErrorHandler((error, request, reply) => {
    if (!(error instanceof AdminRefusedError)) throw error;
    const m = messagesFor(requestLang(request));
    return sendPage(
      reply,
      403,
      staffMessagePage({
        m,
        site,
        signedIn: error.signedIn,
        texts: m.staff.admin.forbidden,
        switchLanguageHref: staffHref(ADMIN_PATH, m.otherLanguage.lang),
        next: { href: staffHref(STAFF_HOME, m.lang), text: m.staff.admin.toMyWork },
      }),
    );
  });
}
