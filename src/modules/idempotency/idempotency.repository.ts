import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface StoredResponse {
  requestHash: Buffer;
  responseStatus: number;
  responseBody: unknown;
  sealedSecret: Buffer | null;
}

/**
 * Claims the key inside the caller's transaction. A concurrent request with the same key
 * blocks on the unique index until this transaction ends, so two cases can never be
 * created for one key. Returns false when the key was already taken.
 */
export async function claimKey(trx: Transaction<DB>, scope: string, keyHash: Buffer, requestHash: Buffer): Promise<boolean> {
  const inserted = await trx
    .insertInto('idempotency_keys')
    .values({ scope, key_hash: keyHash, request_hash: requestHash, response_status: 0, response_body: '{}' })
    .onConflict((oc) => oc.doNothing())
    .returning(sql<number>`1`.as('inserted'))
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function findKey(trx: Transaction<DB>, scope: string, keyHash: Buffer): Promise<StoredResponse | null> {
  const row = await trx
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
