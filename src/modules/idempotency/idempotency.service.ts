import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
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
const WAIT_FOR_FIRST_MS = 5000;
/** Between two looks at a key another process holds: short at first (a double click), then less often. */
const FIRST_POLL_MS = 20;
const MAX_POLL_MS = 250;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What `promise` resolves to, or `fallback` after `ms`. */
async function waitAtMost<V>(promise: Promise<V>, ms: number, fallback: V): Promise<V> {
  let timer: NodeJS.Timeout | undefined;
  const result = await Promise.race([promise, new Promise<V>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)))]);
  clearTimeout(timer);
  return result;
}

// Keys this process is trying right now, per database, each with a promise of whether the
// attempt left the key stored. A duplicate of one of them waits here, in memory, without a
// database connection: then it reads the stored response, or tries itself when the attempt
// failed. Duplicates that reach another process find the key busy there and look again
// after a pause.
const keysInFlight = new WeakMap<Database, Map<string, Promise<boolean>>>();

function inFlightFor(db: Database): Map<string, Promise<boolean>> {
  let keys = keysInFlight.get(db);
  if (!keys) keysInFlight.set(db, (keys = new Map()));
  return keys;
}

/**
 * Runs `work` in one transaction together with the idempotency key: the first request
 * with a key does the work; a later one with the same body gets the stored response; one
 * with a different body gets 422; one that arrives while the first is still running waits
 * for it (up to a few seconds, then 409 with Retry-After). `work` returns the response to
 * store. A waiting duplicate holds no database connection, so a storm of duplicates
 * cannot take the connections other requests need.
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
  const inFlight = inFlightFor(db);
  const flightKey = `${idempotency.scope}:${keyHash.toString('base64')}`;
  const deadline = Date.now() + WAIT_FOR_FIRST_MS;
  const stillRunning = () =>
    new ConflictError('A request with this Idempotency-Key is still being processed; retry shortly.', {}, { 'retry-after': '1' });

  for (let pause = FIRST_POLL_MS; ; ) {
    const running = inFlight.get(flightKey);
    if (running) {
      const left = deadline - Date.now();
      if (left <= 0) throw stillRunning();
      if (await waitAtMost(running, left, false)) return replay<T>(db, idempotency, keyHash, requestHash);
      continue;
    }
    let settle: (stored: boolean) => void = () => {};
    inFlight.set(flightKey, new Promise<boolean>((resolve) => (settle = resolve)));
    let result: (IdempotentResult<T> & { replayed: boolean }) | null = null;
    try {
      result = await db.transaction().execute(async (trx) => {
        const claim = await claimKey(trx, idempotency.scope, keyHash, requestHash);
        // Nothing was written: the empty transaction ends and we look again later.
        if (claim === 'busy') return null;
        if (claim === 'taken') return replay<T>(trx, idempotency, keyHash, requestHash);
        const done = await work(trx);
        const sealedSecret = done.secret === undefined ? null : seal(done.secret, sealingKey(idempotency.key, idempotency.scope));
        await storeResponse(trx, idempotency.scope, keyHash, { status: done.status, body: done.body, sealedSecret });
        return { ...done, replayed: false };
      });
    } finally {
      inFlight.delete(flightKey);
      settle(result !== null);
    }
    if (result) return result;
    // Another process holds the key: look again after a pause, short at first.
    if (Date.now() + pause > deadline) throw stillRunning();
    await sleep(pause);
    pause = Math.min(MAX_POLL_MS, pause * 2);
  }
}

/** The stored response of the request that used the key first, when this one is the same request. */
async function replay<T>(
  db: Kysely<DB>,
  idempotency: IdempotencyRequest,
  keyHash: Buffer,
  requestHash: Buffer,
): Promise<IdempotentResult<T> & { replayed: true }> {
  const stored = await findKey(db, idempotency.scope, keyHash);
  if (!stored) throw new Error('An idempotency key taken by a finished request has no row');
  if (!stored.requestHash.equals(requestHash)) {
    throw new UnprocessableError('idempotency-key-reused', 'Idempotency-Key reused', 'This Idempotency-Key was used with a different request body.', {
      errors: [{ path: 'headers.idempotency-key', message: 'Already used with a different body' }],
    });
  }
  const secret = stored.sealedSecret ? unseal(stored.sealedSecret, sealingKey(idempotency.key, idempotency.scope)) : undefined;
  return {
    status: stored.responseStatus,
    body: stored.responseBody as T,
    ...(secret === undefined ? {} : { secret }),
    replayed: true,
  };
}
