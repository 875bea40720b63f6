import { randomBytes } from 'node:crypto';
import Tokens from '@fastify/csrf';
import type { Database } from '../../db/database.js';
import type { Lang } from '../../pages/messages.js';
import type { AuthorizationChecks } from './oidc.js';
import { findSignInAttempt, insertSignInAttempt, type SignInAttemptRow, takeSignInAttempt } from './sign-in-attempts.repository.js';
import { hashSecret } from './tokens.js';

// A sign-in under way, before there is a session (a "pre-session"): the browser holds a
// cookie with a random id, the database holds what that browser's next step must match.
// It binds an identity provider's answer to the browser that asked for it (state, nonce,
// PKCE), and gives the sign-in link's confirmation form a CSRF token of its own, so a
// form on another site cannot sign a browser in as someone else (login CSRF).

/** How long a sign-in may take, from the sign-in page to the identity provider and back. */
export const SIGN_IN_ATTEMPT_MAX_AGE_MS = 15 * 60 * 1000;

const csrfTokens = Tokens();

export interface SignInAttempt extends SignInAttemptRow {
  /** The cookie's value. */
  id: string;
}

function newId(): string {
  return randomBytes(32).toString('base64url');
}

/** Starts a sign-in with the identity provider: what its answer must match, and where to go afterwards. */
export async function beginOidcSignIn(db: Database, checks: AuthorizationChecks, after: { nextPath: string | null; lang: Lang }): Promise<SignInAttempt> {
  const id = newId();
  const attempt = { csrfSecret: csrfTokens.secretSync(), oidcState: checks.state, oidcNonce: checks.nonce, codeVerifier: checks.codeVerifier, ...after };
  await insertSignInAttempt(db, { idHash: hashSecret(id), ...attempt });
  return { id, ...attempt };
}

/** A sign-in that only needs a CSRF token for its form (the sign-in link's confirmation); the browser's live one when it has one. */
export async function signInFormAttempt(db: Database, cookieId: string | undefined): Promise<SignInAttempt> {
  if (cookieId !== undefined && cookieId.length <= 100) {
    const existing = await findSignInAttempt(db, hashSecret(cookieId), SIGN_IN_ATTEMPT_MAX_AGE_MS);
    // An identity provider's sign-in under way is left alone; the form gets an attempt of its own.
    if (existing && existing.oidcState === null) return { id: cookieId, ...existing };
  }
  const id = newId();
  const attempt = { csrfSecret: csrfTokens.secretSync(), oidcState: null, oidcNonce: null, codeVerifier: null, nextPath: null, lang: 'da' as const };
  await insertSignInAttempt(db, { idHash: hashSecret(id), ...attempt });
  return { id, ...attempt };
}

/** Uses the browser's attempt up; null when it has none, or it has expired or been used. */
export async function takeAttempt(db: Database, cookieId: string | undefined): Promise<SignInAttemptRow | null> {
  if (cookieId === undefined || cookieId.length > 100) return null;
  return takeSignInAttempt(db, hashSecret(cookieId), SIGN_IN_ATTEMPT_MAX_AGE_MS);
}

/** The token the attempt's form carries. */
export function attemptCsrfToken(attempt: SignInAttemptRow): string {
  return csrfTokens.create(attempt.csrfSecret);
}

export function isValidAttemptToken(attempt: SignInAttemptRow, token: unknown): boolean {
  return typeof token === 'string' && token.length > 0 && token.length <= 200 && csrfTokens.verify(attempt.csrfSecret, token);
}
