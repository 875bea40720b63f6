import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from '../../src/config.js';
import { decodeSecretsKey, generateSecretsKey, isSealed, KeyRing, keyIdOf, SecretsKeyError } from '../../src/domain/key-ring.js';

const keyA = randomBytes(32);
const keyB = randomBytes(32);
const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/** The text with its middle character changed (a middle one: every bit of it is data, unlike the last's). */
function flipMiddleCharacter(text: string): string {
  const at = Math.floor(text.length / 2);
  return `${text.slice(0, at)}${text[at] === 'A' ? 'B' : 'A'}${text.slice(at + 1)}`;
}

describe('sealing a secret', () => {
  test('gives v1:<key id>:<iv>:<ciphertext and tag>, never the plaintext, different every time', () => {
    const ring = new KeyRing(keyA);
    const first = ring.seal(secret);
    const second = ring.seal(secret);
    expect(first).toMatch(new RegExp(`^v1:${keyIdOf(keyA)}:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]+$`));
    expect(first).not.toContain(secret);
    expect(first).not.toContain(secret.slice('whsec_'.length));
    expect(second).not.toBe(first);
    expect(ring.open(first)).toBe(secret);
    expect(ring.open(second)).toBe(secret);
  });

  test('a key id names the key without being derived from it in a way that can be reversed, and differs per key', () => {
    expect(keyIdOf(keyA)).toMatch(/^[0-9a-f]{16}$/);
    expect(keyIdOf(keyA)).not.toBe(keyIdOf(keyB));
    expect(keyA.toString('hex')).not.toContain(keyIdOf(keyA));
  });
});

describe('opening a stored secret', () => {
  test('a previous key still opens what it sealed; reseal moves it under the current key', () => {
    const old = new KeyRing(keyA).seal(secret);
    const ring = new KeyRing(keyB, [keyA]);
    expect(ring.open(old)).toBe(secret);
    expect(ring.isCurrent(old)).toBe(false);
    const moved = ring.reseal(old);
    expect(moved.startsWith(`v1:${keyIdOf(keyB)}:`)).toBe(true);
    expect(ring.reseal(moved)).toBe(moved);
    expect(new KeyRing(keyB).open(moved)).toBe(secret);
  });

  test('under a key the ring does not hold: an error naming that key id, not garbage', () => {
    const sealed = new KeyRing(keyA).seal(secret);
    expect(() => new KeyRing(keyB).open(sealed)).toThrow(SecretsKeyError);
    expect(() => new KeyRing(keyB).open(sealed)).toThrow(
      `encrypted under key ${keyIdOf(keyA)}, which is neither SECRETS_KEY (key ${keyIdOf(keyB)}) nor in SECRETS_KEY_PREVIOUS`,
    );
  });

  test('a tampered ciphertext, IV or key id fails authentication (the GCM tag)', () => {
    const ring = new KeyRing(keyA, [keyB]);
    const sealed = ring.seal(secret);
    const [version, , iv, body] = sealed.split(':');
    const tampered = [
      `${version}:${keyIdOf(keyA)}:${iv}:${flipMiddleCharacter(body ?? '')}`,
      `${version}:${keyIdOf(keyA)}:${flipMiddleCharacter(iv ?? '')}:${body}`,
      // The header is authenticated: the same bytes claimed for another key of the ring.
      `${version}:${keyIdOf(keyB)}:${iv}:${body}`,
    ];
    for (const value of tampered) {
      expect(() => ring.open(value)).toThrow(/failed authentication: it was altered/);
    }
  });

  test('a value stored before encryption at rest is recognised as plaintext by its form', () => {
    expect(isSealed(secret)).toBe(false);
    expect(new KeyRing(keyA).open(secret)).toBe(secret);
    expect(new KeyRing(keyA).reseal(secret)).toMatch(/^v1:/);
  });

  test('a value that claims the encrypted form but is not well formed, or a later version, is an error', () => {
    const ring = new KeyRing(keyA);
    expect(() => ring.open('v1:nothex:xx:yy')).toThrow(SecretsKeyError);
    expect(() => ring.open(`v2:${keyIdOf(keyA)}:abc:def`)).toThrow(/not in the v1 format/);
  });
});

describe('the key in the environment', () => {
  test('is the base64 of exactly 32 bytes, in either alphabet', () => {
    const key = randomBytes(32);
    expect(decodeSecretsKey(key.toString('base64'))?.equals(key)).toBe(true);
    expect(decodeSecretsKey(key.toString('base64url'))?.equals(key)).toBe(true);
    expect(decodeSecretsKey(generateSecretsKey())).toHaveLength(32);
    expect(decodeSecretsKey(randomBytes(16).toString('base64'))).toBeNull();
    expect(decodeSecretsKey(randomBytes(48).toString('base64'))).toBeNull();
    expect(decodeSecretsKey('correct horse battery staple, not a key at all!')).toBeNull();
  });

  test('a bad SECRETS_KEY stops the start with one line naming it, never echoing the value', () => {
    const short = randomBytes(16).toString('base64');
    expect(() => loadConfig({ SECRETS_KEY: short })).toThrow(ConfigError);
    try {
      loadConfig({ SECRETS_KEY: short });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/^Invalid configuration: SECRETS_KEY: must be the base64 of 32 random bytes/);
      expect(message).not.toContain('\n');
      expect(message).not.toContain(short);
    }
  });

  test('SECRETS_KEY_PREVIOUS is a comma list; a bad entry is named by position only', () => {
    const [a, b] = [generateSecretsKey(), generateSecretsKey()];
    expect(loadConfig({ SECRETS_KEY_PREVIOUS: ` ${a} , ${b} ` }).SECRETS_KEY_PREVIOUS).toEqual([a, b]);
    expect(loadConfig({}).SECRETS_KEY_PREVIOUS).toEqual([]);
    expect(() => loadConfig({ SECRETS_KEY_PREVIOUS: `${a},nope` })).toThrow(/^Invalid configuration: SECRETS_KEY_PREVIOUS: entry 2 must be the base64/);
    expect(() => loadConfig({ SECRETS_KEY_PREVIOUS: `${a},nope` })).not.toThrow(/nope/);
  });
});
