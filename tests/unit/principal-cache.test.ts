import type { PrincipalRow } from '../../src/modules/auth/auth.repository.js';
import { PrincipalCache } from '../../src/modules/auth/principal-cache.js';

const row = (over: Partial<PrincipalRow> = {}): PrincipalRow => ({
  userId: 'u1',
  tokenId: 't1',
  name: 'Mette',
  role: 'caseworker',
  departments: ['jobcenter'],
  lastUsedAt: null,
  expiresAt: null,
  ...over,
});

/** A cache that listens and has just heard a heartbeat; one clock serves as wall and monotonic clock. */
function listeningCache(options: { ttlMs?: number; maxEntries?: number; boundMs?: number } = {}) {
  let now = 1_000_000;
  const cache = new PrincipalCache({
    ttlMs: options.ttlMs ?? 60_000,
    maxEntries: options.maxEntries ?? 100,
    // Far away unless a test is about the bound.
    boundMs: options.boundMs ?? 3_600_000,
    now: () => now,
    monotonicNow: () => now,
  });
  cache.setListening(true);
  cache.caughtUp(now);
  return { cache, advance: (ms: number) => (now += ms), now: () => now };
}

test('keeps a principal read while listening, until the TTL', () => {
  const { cache, advance } = listeningCache({ ttlMs: 1000 });
  cache.set('k', row(), cache.generation);
  expect(cache.get('k')).toEqual(row());
  advance(999);
  expect(cache.get('k')).toBeDefined();
  advance(1);
  expect(cache.get('k')).toBeUndefined();
});

test('keeps nothing while not listening, and forgets everything when listening stops', () => {
  const cache = new PrincipalCache({ ttlMs: 60_000, maxEntries: 100 });
  cache.set('k', row(), cache.generation);
  expect(cache.size).toBe(0);
  cache.setListening(true);
  cache.caughtUp(performance.now());
  cache.set('k', row(), cache.generation);
  expect(cache.get('k')).toBeDefined();
  cache.setListening(false);
  expect(cache.get('k')).toBeUndefined();
  cache.set('k', row(), cache.generation);
  expect(cache.size).toBe(0);
});

test('a lookup that began before a change is not stored', () => {
  const { cache } = listeningCache();
  const before = cache.generation;
  cache.forget(); // a revocation was heard while the lookup was in flight
  cache.set('k', row(), before);
  expect(cache.get('k')).toBeUndefined();
  cache.set('k', row(), cache.generation);
  expect(cache.get('k')).toBeDefined();
});

test('a token past its expiry is not served from memory', () => {
  const { cache, now } = listeningCache();
  cache.set('k', row({ expiresAt: new Date(now() + 10) }), cache.generation);
  expect(cache.get('k')).toBeDefined();
  const later = listeningCache();
  later.cache.set('k', row({ expiresAt: new Date(later.now() + 10) }), later.cache.generation);
  later.advance(10);
  expect(later.cache.get('k')).toBeUndefined();
});

test('holds at most maxEntries, dropping the oldest stored', () => {
  const { cache } = listeningCache({ maxEntries: 2 });
  for (const key of ['a', 'b', 'c']) cache.set(key, row({ tokenId: key }), cache.generation);
  expect(cache.size).toBe(2);
  expect(cache.get('a')).toBeUndefined();
  expect(cache.get('c')?.tokenId).toBe('c');
});

test('a TTL of 0 keeps nothing', () => {
  const { cache } = listeningCache({ ttlMs: 0 });
  cache.set('k', row(), cache.generation);
  expect(cache.get('k')).toBeUndefined();
});

test('records a use on the cached principal', () => {
  const { cache } = listeningCache();
  cache.set('k', row(), cache.generation);
  const at = new Date();
  cache.touched('k', at);
  expect(cache.get('k')?.lastUsedAt).toBe(at);
});

test('answers only while the last heartbeat that came back was sent less than the bound ago', () => {
  const { cache, advance, now } = listeningCache({ boundMs: 1000 });
  cache.set('k', row(), cache.generation);
  advance(999);
  expect(cache.get('k')).toBeDefined();
  advance(1);
  // No news for the whole bound: a change may have committed and not been heard yet.
  expect(cache.trusted).toBe(false);
  expect(cache.get('k')).toBeUndefined();
  // A heartbeat sent just now comes back: everything committed before it has been heard.
  cache.caughtUp(now());
  expect(cache.get('k')).toBeDefined();
  // An older heartbeat arriving late does not move the mark back.
  cache.caughtUp(now() - 5000);
  advance(999);
  expect(cache.get('k')).toBeDefined();
});

test('after (re)connecting, memory answers only once a heartbeat on the new connection came back', () => {
  const { cache, now } = listeningCache({ boundMs: 1000 });
  cache.setListening(false);
  cache.caughtUp(now()); // a late heartbeat of the lost connection: ignored
  expect(cache.trusted).toBe(false);
  cache.setListening(true);
  cache.set('k', row(), cache.generation);
  expect(cache.get('k')).toBeUndefined();
  cache.caughtUp(now());
  expect(cache.get('k')).toBeDefined();
});
