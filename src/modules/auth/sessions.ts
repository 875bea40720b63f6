import { randomBytes } from 'node:crypto';
import Tokens from '@fastify/csrf';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { Principal } from '../../domain/principal.js';
import { SIGN_IN_CODE_PATTERN } from './sign-in-links.js';
import { findSignInLinkState, peekSignInLink, useSignInLink } from './sign-in-links.repository.js';
import { deleteSession, deleteSessionsOlderThan, findUserByEmail, insertSession, isActiveUser, touchSession } from './sessions.repository.js';
import { hashSecret } from './tokens.js';

/** However active, a session ends this long after sign-in. */
export const SESSION_MAX_AGE_MS = 10 * 60 * 60 * 1000;

/** Synchronizer tokens for the staff pages' forms, made from each session's own secret. */
const csrfTokens = Tokens();

export interface StaffSession {
  principal: Principal;
  csrfSecret: string;
}

export type SignedIn = { kind: 'signedIn'; sessionId: string; userId: string };

export type LinkSignIn =
  | SignedIn
  /** The link cannot sign anyone in (any more): why, for the page that says so. */
  | { kind: 'used' | 'expired' | 'unknown' | 'inactive' };

/** What a link would do, without using it: whom it signs in, or why it cannot. */
export type LinkPreview = { kind: 'valid'; name: string } | { kind: 'used' | 'expired' | 'unknown' | 'inactive' };

export type EmailSignIn = SignedIn | { kind: 'unknown' | 'inactive' };

/**
 * Starts a session for the user with a fresh random id, the one way every sign-in ends.
 * A session the browser already had (`previousSessionId`) ends: an id is never carried
 * across a sign-in, so an id planted in the browser beforehand is worth nothing
 * afterwards (session fixation).
 */
async function startSession(trx: Transaction<DB>, userId: string, previousSessionId: string | undefined): Promise<SignedIn> {
  const sessionId = randomBytes(32).toString('base64url');
  if (previousSessionId !== undefined && previousSessionId.length <= 100) await deleteSession(trx, hashSecret(previousSessionId));
  await deleteSessionsOlderThan(trx, SESSION_MAX_AGE_MS);
  await insertSession(trx, { idHash: hashSecret(sessionId), userId, csrfSecret: csrfTokens.secretSync() });
  return { kind: 'signedIn', sessionId, userId };
}

/** Whom a link would sign in, for the page that asks to confirm; the link stays unused. */
export async function previewSignInLink(db: Database, code: string): Promise<LinkPreview> {
  if (!SIGN_IN_CODE_PATTERN.test(code)) return { kind: 'unknown' };
  const link = await peekSignInLink(db, hashSecret(code));
  if (!link) return { kind: await findSignInLinkState(db, hashSecret(code)) };
  return link.active ? { kind: 'valid', name: link.name } : { kind: 'inactive' };
}

/** Uses a sign-in link and starts a session. */
export async function signInWithLink(db: Database, code: string, previousSessionId: string | undefined): Promise<LinkSignIn> {
  if (!SIGN_IN_CODE_PATTERN.test(code)) return { kind: 'unknown' };
  const codeHash = hashSecret(code);
  return db.transaction().execute(async (trx): Promise<LinkSignIn> => {
    const link = await useSignInLink(trx, codeHash);
    if (!link) return { kind: await findSignInLinkState(trx, codeHash) };
    if (!(await isActiveUser(trx, link.userId))) return { kind: 'inactive' };
    return startSession(trx, link.userId, previousSessionId);
  });
}

/**
 * Starts a session for the user an identity provider vouched for, found by the email it
 * verified. Users are never created here: an admin creates them, with their role and departments.
 */
export async function signInWithVerifiedEmail(db: Database, email: string, previousSessionId: string | undefined): Promise<EmailSignIn> {
  return db.transaction().execute(async (trx): Promise<EmailSignIn> => {
    const user = await findUserByEmail(trx, email);
    if (!user) return { kind: 'unknown' };
    if (!user.active) return { kind: 'inactive' };
    return startSession(trx, user.id, previousSessionId);
  });
}

/** The session's principal as the database has it now, or null when the session has ended. */
export async function resolveSession(db: Database, sessionId: string, idleMinutes: number): Promise<StaffSession | null> {
  if (sessionId.length > 100) return null;
  const row = await touchSession(db, hashSecret(sessionId), { idleMs: idleMinutes * 60_000, maxAgeMs: SESSION_MAX_AGE_MS });
  if (!row) return null;
  return {
    principal: { userId: row.userId, tokenId: null, name: row.name, role: row.role, departments: row.departments },
    csrfSecret: row.csrfSecret,
  };
}

export async function endSession(db: Database, sessionId: string): Promise<void> {
  if (sessionId.length > 100) return;
  await deleteSession(db, hashSecret(sessionId));
}

/** The token a form of this session carries. */
export function csrfTokenFor(session: StaffSession): string {
  return csrfTokens.create(session.csrfSecret);
}

/** Whether a form's token was made for this session. */
export function isValidCsrfToken(session: StaffSession, token: unknown): boolean {
  return typeof token === 'string' && token.length > 0 && token.length <= 200 && csrfTokens.verify(session.csrfSecret, token);
}
