import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface StoredResponse {
  requestHash: Buffer;
  responseStatus: number;
  responseBody: unknown;
  sealedSecret: Buffer | null;
}

export type KeyClaim = 'claimed' | 'taken' | 'busy';

/** The advisory lock of a key: the first 64 bits of a hash of scope and key, as PostgreSQL's bigint. */
export function advisoryLockKey(scope: string, keyHash: Buffer): string {
  return createHash('sha256').update(scope, 'utf8').update(keyHash).digest().readBigInt64BE(0).toString();
}

/**
 * Claims the key inside the caller's transaction, without ever waiting. First a
 * transaction-level advisory lock on the key: whoever holds it is the one request working
 * with this key right now, and it is released when that transaction ends, together with
 * the key's row. `busy`: another request holds it (try again shortly, on a new
 * transaction). Otherwise the key's row is inserted unless it exists; no uncommitted
 * insert of the same key can exist without the lock, so the insert never blocks. `taken`:
 * a finished request used the key before. `claimed`: this transaction now owns the key.
 * Two keys may share an advisory lock (64 bits of their hash); that only makes one wait.
 */
export async function claimKey(trx: Transaction<DB>, scope: string, keyHash: Buffer, requestHash: Buffer): Promise<KeyClaim> {
  const { rows } = await sql<{ locked: boolean; inserted: boolean }>`
    WITH lock AS (
      SELECT pg_try_advisory_xact_lock(${advisoryLockKey(scope, keyHash)}::bigint) AS locked
    ), claimed AS (
      INSERT INTO idempotency_keys (scope, key_hash, request_hash, response_status, response_body)
      SELECT ${scope}, ${keyHash}, ${requestHash}, 0, '{}'::jsonb FROM lock WHERE locked
      ON CONFLICT DO NOTHING
      RETURNING 1
    )
    SELECT locked, EXISTS (SELECT FROM claimed) AS inserted FROM lock`.execute(trx);
  const row = rows[0];
  if (!row?.locked) return 'busy';
  return row.inserted ? 'claimed' : 'taken';
}

export async function findKey(db: Kysely<DB>, scope: string, keyHash: Buffer): Promise<StoredResponse | null> {
  const row = await db
    .selectFrom('idempotency_keys')
    .select(['request_hash as requestHash', 'response_status as responseStatus', 'response_body as responseBody', 'sealed_secret as sealedSecret'])
    .where('scope', '=', scope)
    .where('key_hash', '=', keyHash)
    .executeTakeFirst();
  return row ?? null;
}

export async function storeResponse(
  trx: Transaction<DB>,
  scope: string,
  keyHash: Buffer,
  response: { status: number; body: unknown; sealedSecret: Buffer | null },
): Promise<void> {
  await sql`UPDATE idempotency_keys
            SET response_status = ${response.status}, response_body = ${JSON.stringify(response.body)}::jsonb,
                sealed_secret = ${response.sealedSecret}
            WHERE scope = ${scope} AND key_hash = ${keyHash}`.execute(trx);
}

/** Forgets keys older than the retention: a replay after that creates a new case. Returns how many. */
export async function deleteExpiredKeys(db: Kysely<DB>, retentionHours: number): Promise<number> {
  const result = await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', sql<Date>`now() - make_interval(hours => ${retentionHours})`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Makes the stored requests that opened these cases unrecognisable: the hash of a request
 * is a fingerprint of its personal data. The key stays spent, so the same key sent again
 * makes no second case (it is answered as a different request, 422).
 */
export async function forgetRequestsOfCases(trx: Transaction<DB>, caseIds: readonly string[]): Promise<void> {
  if (caseIds.length === 0) return;
  await sql`UPDATE idempotency_keys SET request_hash = '\\x'::bytea
            WHERE response_body->>'caseId' = ANY(${[...caseIds]}::text[]) AND request_hash <> '\\x'::bytea`.execute(trx);
}

/** Deletes the stored requests and responses of these cases (the cases are being deleted). */
export async function deleteRecordsOfCases(trx: Transaction<DB>, caseIds: readonly string[]): Promise<void> {
  if (caseIds.length === 0) return;
  await sql`DELETE FROM idempotency_keys WHERE response_body->>'caseId' = ANY(${[...caseIds]}::text[])`.execute(trx);
}
