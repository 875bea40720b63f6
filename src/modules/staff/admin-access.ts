import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Messages } from '../../pages/messages.js';
import type { StaffSession } from '../auth/sessions.js';
import { type Refusal, type SessionCookie, signedInWithRole } from './staff-context.js';
import { ADMIN_PATH, type SignedIn } from './views/staff-pages.js';

// Who may use the administration pages (admins), and what everyone else is told.

export interface SignedInAdmin {
  session: StaffSession;
  signedIn: SignedIn;
  userId: string;
}

/** The signed-in admin; a coordinator or caseworker gets the administration's 403 page. */
export function adminOf(request: FastifyRequest, cookie: SessionCookie): SignedInAdmin {
  const { session, signedIn } = signedInWithRole(request, cookie, ['admin'], adminRefusal);
  return { session, signedIn, userId: session.principal.userId };
}

/** The administration's refusal: the pages are for administrators. */
const adminRefusal = (m: Messages): Refusal => ({ texts: m.staff.admin.forbidden, toMyWork: m.staff.admin.toMyWork, path: ADMIN_PATH });

export const isUuid = (value: string): boolean => z.uuid().safeParse(value).success;
