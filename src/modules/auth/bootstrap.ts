import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { countAdmins, insertToken, insertUser } from './auth.repository.js';
import { createSignInLink, type SignInLink } from './sign-in-links.js';
import { generateApiToken, hashSecret } from './tokens.js';

export interface BootstrapResult {
  created: boolean;
  /** The token, when it was generated here and must be shown once. */
  generatedToken?: string;
  /** A sign-in link to the staff pages for the new admin, when a base URL was given. */
  signInLink?: SignInLink;
}

/**
 * On a database without any admin, creates the first one. With a configured token that
 * token becomes the admin's; otherwise a random token is generated for the caller to show
 * once; with a base URL, also a sign-in link to the staff pages. Runs in one transaction,
 * so two processes starting together create one admin.
 */
export async function ensureFirstAdmin(
  db: Database,
  configuredToken: string | undefined,
  options: { baseUrl?: string } = {},
): Promise<BootstrapResult> {
  return db.transaction().execute(async (trx) => {
    // Serialise concurrent first starts on the same database.
    await sql`SELECT pg_advisory_xact_lock(7436001)`.execute(trx);
    if ((await countAdmins(trx)) > 0) return { created: false };
    const token = configuredToken ?? generateApiToken();
    const userId = await insertUser(trx, { name: 'Administrator', email: 'admin@localhost', role: 'admin' });
    await insertToken(trx, { userId, name: 'bootstrap', tokenHash: hashSecret(token) });
    const signInLink = options.baseUrl === undefined ? undefined : await createSignInLink(trx, { userId, baseUrl: options.baseUrl, createdBy: null });
    return { created: true, ...(configuredToken ? {} : { generatedToken: token }), ...(signInLink && { signInLink }) };
  });
}
