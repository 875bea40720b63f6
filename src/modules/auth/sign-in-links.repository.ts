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

/** The link's user, when the link could still be used, without using it. */
export async function peekSignInLink(db: Kysely<DB>, codeHash: Buffer): Promise<{ name: string; active: boolean } | null> {
  const row = await db
    .selectFrom('sign_in_links as l')
    .innerJoin('users as u', 'u.id', 'l.user_id')
    .select(['u.name', 'u.active'])
    .where('l.code_hash', '=', codeHash)
    .where('l.used_at', 'is', null)
    .where('l.expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
  return row ?? null;
}
