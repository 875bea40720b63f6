import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { insertSignInLink } from './sign-in-links.repository.js';
import { hashSecret } from './tokens.js';

/** How long a sign-in link works: long enough to open a mail or a chat, short enough to be useless when found later. */
export const SIGN_IN_LINK_LIFETIME_MS = 15 * 60 * 1000;

/** The path a link's code is used at; the staff pages answer it. */
export const SIGN_IN_LINK_PATH = '/staff/sign-in/link/';

/** What a code looks like: the prefix and 256 random bits in base64url. */
export const SIGN_IN_CODE_PATTERN = /^sl_[A-Za-z0-9_-]{43}$/;

/** A new sign-in code: 256 random bits, with a prefix that makes a leaked link easy to spot. */
export function generateSignInCode(): string {
  return `sl_${randomBytes(32).toString('base64url')}`;
}

/** The link a person opens, on the address people reach the service at. */
export function signInLinkUrl(baseUrl: string, code: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${SIGN_IN_LINK_PATH}${code}`;
}

export interface SignInLink {
  url: string;
  expiresAt: string;
}

/**
 * Makes a sign-in link for the user: one use, for 15 minutes. The code is in the answer
 * only; its SHA-256 hash is stored (256 random bits need no slow hash). The caller checks
 * that the user may have one.
 */
export async function createSignInLink(
  db: Kysely<DB>,
  link: { userId: string; baseUrl: string; createdBy: string | null; now?: Date },
): Promise<SignInLink> {
  const code = generateSignInCode();
  const expiresAt = new Date((link.now ?? new Date()).getTime() + SIGN_IN_LINK_LIFETIME_MS);
  await insertSignInLink(db, { userId: link.userId, codeHash: hashSecret(code), expiresAt, createdBy: link.createdBy });
  return { url: signInLinkUrl(link.baseUrl, code), expiresAt: expiresAt.toISOString() };
}
