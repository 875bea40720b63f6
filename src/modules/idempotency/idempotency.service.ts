import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { ConflictError, UnprocessableError } from '../../errors.js';
import { claimKey, findKey, storeResponse } from './idempotency.repository.js';

export interface IdempotencyRequest {
  /** Who the key belongs to: keys of different callers never collide. */
  scope: string;
  key: string;
  /** The validated request; a replay must carry the same. */
  request: unknown;
}

export interface IdempotentResult<T> {
  status: number;
  body: T;
  /** A secret the response carries that must not be stored in clear (e.g. a tracking token). */
  secret?: string;
}

/** JSON with sorted keys, so the same request hashes the same whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

// The response's secret is sealed with a key derived from the idempotency key, which is
// stored only as a hash: the database alone cannot reveal the secret; a replay can.
function sealingKey(idempotencyKey: string, scope: string): Buffer {
  return Buffer.from(hkdfSync('sha256', idempotencyKey, scope, 'one-entry idempotent response secret', 32));
}

function seal(secret: string, key: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const encrypted = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), encrypted]);
}

function unseal(sealed: Buffer, key: Buffer): string {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
}

/** How long a duplicate waits for the first request with its key before getting 409. */
const WAIT_FOR_FIRST = '5s';

/**
 * Runs `work` in one transaction together with the idempotency key: the first request
 * with a key does the work; a later one with the same body gets the stored response; one
 * with a different body gets 422; one that arrives while the first is still running waits
 * for it (up to a few seconds, then 409). `work` returns the response to store.
 */
export async function runIdempotent<T>(
  db: Database,
  idempotency: IdempotencyRequest | null,
  work: (trx: Transaction<DB>) => Promise<IdempotentResult<T>>,
): Promise<IdempotentResult<T> & { replayed: boolean }> {
  if (idempotency === null) {
    const result = await db.transaction().execute(work);
    return { ...result, replayed: false };
  }
  const keyHash = sha256(idempotency.key);
  const requestHash = sha256(canonicalJson(idempotency.request));
  try {
    return await db.transaction().execute(async (trx) => {
      await sql`SET LOCAL lock_timeout = ${sql.lit(WAIT_FOR_FIRST)}`.execute(trx);
      if (!(await claimKey(trx, idempotency.scope, keyHash, requestHash))) {
        const stored = await findKey(trx, idempotency.scope, keyHash);
        if (!stored) throw new ConflictError('A request with this Idempotency-Key is being processed; retry shortly.');
        if (!stored.requestHash.equals(requestHash)) {
          throw new UnprocessableError(
            'idempotency-key-reused',
            'Idempotency-Key reused',
            'This Idempotency-Key was used with a different request body.',
            { errors: [{ path: 'headers.idempotency-key', message: 'Already used with a different body' }] },
          );
        }
        const secret = stored.sealedSecret ? unseal(stored.sealedSecret, sealingKey(idempotency.key, idempotency.scope)) : undefined;
        return {
          status: stored.responseStatus,
          body: stored.responseBody as T,
          ...(secret === undefined ? {} : { secret }),
          replayed: true,
        };
      }
      await sql`SET LOCAL lock_timeout = 0`.execute(trx);
      const result = await work(trx);
      const sealedSecret = result.secret === undefined ? null : seal(result.secret, sealingKey(idempotency.key, idempotency.scope));
      await storeResponse(trx, idempotency.scope, keyHash, { status: result.status, body: result.body, sealedSecret });
      return { ...result, replayed: false };
    });
  } catch (error) {
    if ((error as { code?: string }).code === '55P03') {
      throw new ConflictError('A request with this Idempotency-Key is still being processed; retry shortly.');
    }
    throw error;
  }
}
