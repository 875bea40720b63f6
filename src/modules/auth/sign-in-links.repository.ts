import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';

export async function insertSignInLink(
  db: Kysely<DB>,
  link: { userId: string; codeHash: Buffer; expiresAt: Date; createdBy: string | null },
): Promise<void> {
  await db
    .insertInto('sign_in_links')
    .values({ user_id: link.userId, code_hash: link.codeHash, expires_at: link.expiresAt, created_by: link.createdBy })
    .execute();
}

/**
 * Uses a link: marks it used and returns its user, in one statement, so two requests with
 * the same link cannot both get through. Null when the link is unknown, used or expired.
 */
export async function useSignInLink(db: Kysely<DB>, codeHash: Buffer): Promise<{ userId: string } | null> {
  const row = await db
    .updateTable('sign_in_links')
    .set({ used_at: sql`now()` })
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning('user_id as userId')
    .executeTakeFirst();
  return row ?? null;
}

/** Why a link could not be used, for a page that says so. */
export async function findSignInLinkState(db: Kysely<DB>, codeHash: Buffer): Promise<'used' | 'expired' | 'unknown'> {
  const row = await db
    .selectFrom('sign_in_links')
    .select(['used_at as usedAt'])
    .where('code_hash', '=', codeHash)
    .executeTakeFirst();
  if (!row) return 'unknown';
  return row.usedAt ? 'used' : 'expired';
}
