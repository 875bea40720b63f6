import { performance } from 'node:perf_hooks';
import type { PrincipalRow } from './auth.repository.js';

export const PRINCIPALS_CHANGED_CHANNEL = 'principals_changed';

/**
 * The promise: a token revoked, expired early or whose user was deactivated or changed is
 * refused (or seen changed) by every process at the latest this long after the change
 * commits. `TOKEN_CACHE_TTL_MS=0` refuses at once (every request looks its token up).
 */
export const REVOCATION_BOUND_MS = 1000;

/** How often the listening connection sends itself a heartbeat: twice per bound, so one late heartbeat does not turn the cache off. */
export const HEARTBEAT_INTERVAL_MS = REVOCATION_BOUND_MS / 2;

export interface PrincipalCacheOptions {
  /** How long an entry is kept at most, even without a notification; 0 turns the cache off. */
  ttlMs: number;
  maxEntries: number;
  /** The bound of the promise above; defaults to REVOCATION_BOUND_MS. */
  boundMs?: number;
  /** Wall clock, for entry age and token expiry. */
  now?: () => number;
  /** The clock heartbeats are timed with (monotonic: a wall-clock step must not make old news look fresh). */
  monotonicNow?: () => number;
}

/**
 * The principals of recently used tokens, so that an authenticated request does not spend
 * a database round trip on its token.
 *
 * Changes to tokens, users and their departments fire triggers that NOTIFY on commit; the
 * cache empties on every such notification. Notifications are asynchronous, so hearing
 * them is not enough for a bound: the listening connection also notifies itself every
 * HEARTBEAT_INTERVAL_MS, and since notifications arrive in commit order, a heartbeat sent
 * at time h that has arrived proves every change committed before h has been applied
 * (`caughtUp`). The cache answers only while the last heartbeat that arrived was sent less
 * than `boundMs` ago; otherwise (a slow or silent connection, a busy database) every
 * lookup goes to the database. Hence, for a change committed at t, any lookup at t + bound
 * or later either sees a heartbeat sent after t, so the change was heard and the memory
 * emptied, or goes to the database.
 *
 * Entries are kept only while listening; losing or regaining the connection empties the
 * cache and forgets its heartbeats (notifications sent in between are lost). A lookup
 * that began before a notification is not stored (`generation`), so a read that raced a
 * revocation cannot bring the revoked principal back.
 */
export class PrincipalCache {
  readonly #entries = new Map<string, { row: PrincipalRow; storedAt: number }>();
  readonly #now: () => number;
  readonly #monotonicNow: () => number;
  readonly #boundMs: number;
  #generation = 0;
  #listening = false;
  /** When the newest heartbeat that arrived on the current connection was sent. */
  #caughtUpTo = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: PrincipalCacheOptions) {
    this.#now = options.now ?? Date.now;
    this.#monotonicNow = options.monotonicNow ?? (() => performance.now());
    this.#boundMs = options.boundMs ?? REVOCATION_BOUND_MS;
  }

  /** Changes with every forget; pass the value read before a lookup to `set`. */
  get generation(): number {
    return this.#generation;
  }

  /** Whether changes are being heard (and so whether anything is kept). */
  get listening(): boolean {
    return this.#listening;
  }

  /** Whether memory may answer now: listening, and caught up with every change older than the bound. */
  get trusted(): boolean {
    return this.#listening && this.#monotonicNow() - this.#caughtUpTo < this.#boundMs;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(tokenKey: string): PrincipalRow | undefined {
    if (!this.trusted) return undefined;
    const entry = this.#entries.get(tokenKey);
    if (!entry) return undefined;
    const now = this.#now();
    if (now - entry.storedAt >= this.options.ttlMs || (entry.row.expiresAt && entry.row.expiresAt.getTime() <= now)) {
      this.#entries.delete(tokenKey);
      return undefined;
    }
    return entry.row;
  }

  /** Stores a principal read from the database, unless something changed since the read began. */
  set(tokenKey: string, row: PrincipalRow, generationAtLookup: number): void {
    if (!this.#listening || this.options.ttlMs <= 0 || generationAtLookup !== this.#generation) return;
    this.#entries.delete(tokenKey);
    // Maps iterate in insertion order: the first key is the oldest stored.
    if (this.#entries.size >= this.options.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(tokenKey, { row, storedAt: this.#now() });
  }

  /** Records that the token was just used, so that its use is written about once a minute, not on every request. */
  touched(tokenKey: string, at: Date): void {
    const entry = this.#entries.get(tokenKey);
    if (entry) entry.row = { ...entry.row, lastUsedAt: at };
  }

  /** Drops every entry: something about some principal changed. */
  forget(): void {
    this.#generation += 1;
    this.#entries.clear();
  }

  /** A heartbeat sent at `sentAt` (monotonic clock) came back: every change committed before then has been heard. */
  caughtUp(sentAt: number): void {
    if (this.#listening && sentAt > this.#caughtUpTo) this.#caughtUpTo = sentAt;
  }

  /** Whether changes are being heard; entries are kept only while they are. */
  setListening(listening: boolean): void {
    this.#listening = listening;
    this.#caughtUpTo = Number.NEGATIVE_INFINITY;
    this.forget();
  }
}
