import { randomBytes } from 'node:crypto';
import Tokens from '@fastify/csrf';
import type { Database } from '../../db/database.js';
import type { Principal } from '../../domain/principal.js';
import { SIGN_IN_CODE_PATTERN } from './sign-in-links.js';
import { findSignInLinkState, useSignInLink } from './sign-in-links.repository.js';
import { deleteSession, deleteSessionsOlderThan, insertSession, isActiveUser, touchSession } from './sessions.repository.js';
import { hashSecret } from './tokens.js';

/** However active, a session ends this long after sign-in. */
export const SESSION_MAX_AGE_MS = 10 * 60 * 60 * 1000;

/** Synchronizer tokens for the staff pages' forms, made from each session's own secret. */
const csrfTokens = Tokens();

export interface StaffSession {
  principal: Principal;
  csrfSecret: string;
}

export type LinkSignIn =
  | { kind: 'signedIn'; sessionId: string; userId: string }
  /** The link cannot sign anyone in (any more): why, for the page that says so. */
  | { kind: 'used' | 'expired' | 'unknown' | 'inactive' };

/**
 * Uses a sign-in link and starts a session with a fresh random id. A session the browser
 * already had (`previousSessionId`) ends: an id is never carried across a sign-in, so an
 * id planted in the browser beforehand is worth nothing afterwards (session fixation).
 */
export async function signInWithLink(db: Database, code: string, previousSessionId: string | undefined): Promise<LinkSignIn> {
  if (!SIGN_IN_CODE_PATTERN.test(code)) return { kind: 'unknown' };
  const codeHash = hashSecret(code);
  const sessionId = randomBytes(32).toString('base64url');
  const outcome = await db.transaction().execute(async (trx): Promise<LinkSignIn> => {
    const link = await useSignInLink(trx, codeHash);
    if (!link) return { kind: await findSignInLinkState(trx, codeHash) };
    if (!(await isActiveUser(trx, link.userId))) return { kind: 'inactive' };
    if (previousSessionId !== undefined) await deleteSession(trx, hashSecret(previousSessionId));
    await deleteSessionsOlderThan(trx, SESSION_MAX_AGE_MS);
    await insertSession(trx, { idHash: hashSecret(sessionId), userId: link.userId, csrfSecret: csrfTokens.secretSync() });
    return { kind: 'signedIn', sessionId, userId: link.userId };
  });
  return outcome;
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
