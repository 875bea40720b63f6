import type { PrincipalRow } from './auth.repository.js';

export const PRINCIPALS_CHANGED_CHANNEL = 'principals_changed';

export interface PrincipalCacheOptions {
  /** How long an entry is trusted at most, even without a notification; 0 turns the cache off. */
  ttlMs: number;
  maxEntries: number;
  now?: () => number;
}

/**
 * The principals of recently used tokens, so that an authenticated request does not spend
 * a database round trip on its token. Trusted only while the process hears of every
 * change to tokens, users and their departments (triggers NOTIFY on commit): the cache
 * empties on every such notification, and is off, every lookup going to the database,
 * whenever the listening connection is down. A lookup that began before a notification is
 * not stored (`generation`), so a read that raced a revocation cannot bring the revoked
 * principal back.
 */
export class PrincipalCache {
  readonly #entries = new Map<string, { row: PrincipalRow; storedAt: number }>();
  readonly #now: () => number;
  #generation = 0;
  #listening = false;

  constructor(private readonly options: PrincipalCacheOptions) {
    this.#now = options.now ?? Date.now;
  }

  /** Changes with every forget; pass the value read before a lookup to `set`. */
  get generation(): number {
    return this.#generation;
  }

  /** Whether changes are being heard (and so whether anything is kept). */
  get listening(): boolean {
    return this.#listening;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(tokenKey: string): PrincipalRow | undefined {
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

  /** Whether changes are being heard; entries are kept only while they are. */
  setListening(listening: boolean): void {
    this.#listening = listening;
    this.forget();
  }
}
