import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Lang } from '../../pages/messages.js';

export interface SignInAttemptRow {
  csrfSecret: string;
  oidcState: string | null;
  oidcNonce: string | null;
  codeVerifier: string | null;
  nextPath: string | null;
  lang: Lang;
}

const interval = (ms: number) => sql<Date>`now() - make_interval(secs => ${ms / 1000})`;

export async function insertSignInAttempt(db: Kysely<DB>, attempt: { idHash: Buffer } & SignInAttemptRow): Promise<void> {
  await db
    .insertInto('staff_sign_in_attempts')
    .values({
      id_hash: attempt.idHash,
      csrf_secret: attempt.csrfSecret,
      oidc_state: attempt.oidcState,
      oidc_nonce: attempt.oidcNonce,
      code_verifier: attempt.codeVerifier,
      next_path: attempt.nextPath,
      lang: attempt.lang,
    })
    .execute();
}

const columns = ['csrf_secret as csrfSecret', 'oidc_state as oidcState', 'oidc_nonce as oidcNonce', 'code_verifier as codeVerifier', 'next_path as nextPath', 'lang'] as const;

/** The attempt, if it is younger than `maxAgeMs`, without using it up. */
export async function findSignInAttempt(db: Kysely<DB>, idHash: Buffer, maxAgeMs: number): Promise<SignInAttemptRow | null> {
  const row = await db.selectFrom('staff_sign_in_attempts').select(columns).where('id_hash', '=', idHash).where('created_at', '>', interval(maxAgeMs)).executeTakeFirst();
  return row ? { ...row, lang: row.lang as Lang } : null;
}

/**
 * Uses the attempt up: deletes it and returns it, in one statement, so the same answer
 * from the identity provider (or the same form) cannot be used twice. Null when it is
 * unknown, used, or older than `maxAgeMs`.
 */
export async function takeSignInAttempt(db: Kysely<DB>, idHash: Buffer, maxAgeMs: number): Promise<SignInAttemptRow | null> {
  const row = await db
    .deleteFrom('staff_sign_in_attempts')
    .where('id_hash', '=', idHash)
    .where('created_at', '>', interval(maxAgeMs))
    .returning(columns)
    .executeTakeFirst();
  return row ? { ...row, lang: row.lang as Lang } : null;
}
