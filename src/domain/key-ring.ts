import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

// Secrets the service must read back in clear (webhook signing keys: an HMAC needs the
// key) are stored encrypted with AES-256-GCM as
//
//   v1:<key id>:<iv>:<ciphertext and tag>      (iv, ciphertext and tag in base64url)
//
// The key id names the key that encrypted the value, so several keys can be in use
// during a rotation; the `v1:<key id>` header is authenticated with the ciphertext. A
// value that does not start with `v<digits>:` was stored before encryption at rest and
// is plaintext: it is still read, and re-encrypted at the next start-up.

const FORMAT = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SEALED = /^v\d+:/;
const V1 = /^v1:([0-9a-f]{16}):([A-Za-z0-9_-]{16}):([A-Za-z0-9_-]{22,})$/;

export class SecretsKeyError extends Error {
  override name = 'SecretsKeyError';
}

/** A key given as the base64 (either alphabet) of exactly 32 bytes, or null when the text is not one. */
export function decodeSecretsKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) return null;
  const key = Buffer.from(trimmed, 'base64');
  return key.length === KEY_BYTES ? key : null;
}

/** A new key in the form SECRETS_KEY takes. */
export function generateSecretsKey(): string {
  return randomBytes(KEY_BYTES).toString('base64');
}

/**
 * A short public name of a key: it tells which key encrypted a value without revealing
 * anything of the key (a hash of 256 random bits cannot be reversed).
 */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('one-entry secrets key id\0').update(key).digest('hex').slice(0, 16);
}

interface Key {
  id: string;
  bytes: Buffer;
}

/** Whether a stored value is in the encrypted format (of any version) rather than legacy plaintext. */
export function isSealed(stored: string): boolean {
  return SEALED.test(stored);
}

/**
 * The current key, which encrypts, and earlier keys, which still decrypt until every
 * value has been re-encrypted under the current one.
 */
export class KeyRing {
  private readonly current: Key;
  private readonly byId: Map<string, Key>;

  constructor(current: Buffer, previous: readonly Buffer[] = []) {
    for (const key of [current, ...previous]) {
      if (key.length !== KEY_BYTES) throw new SecretsKeyError(`A secrets key must be ${KEY_BYTES} bytes, not ${key.length}`);
    }
    this.current = { id: keyIdOf(current), bytes: current };
    this.byId = new Map([...previous, current].map((bytes) => [keyIdOf(bytes), { id: keyIdOf(bytes), bytes }]));
  }

  get currentKeyId(): string {
    return this.current.id;
  }

  /** Every value encrypted under the current key starts with this. */
  get currentPrefix(): string {
    return `${FORMAT}:${this.current.id}:`;
  }

  /** Encrypts under the current key, with a fresh random IV each time. */
  seal(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const header = `${FORMAT}:${this.current.id}`;
    const cipher = createCipheriv('aes-256-gcm', this.current.bytes, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(header, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${header}:${iv.toString('base64url')}:${body.toString('base64url')}`;
  }

  /**
   * The plaintext of a stored value. Legacy plaintext is returned as it is; an encrypted
   * value under a key this ring does not hold, or one that was altered, is an error,
   * never garbage.
   */
  open(stored: string): string {
    if (!isSealed(stored)) return stored;
    const match = V1.exec(stored);
    if (!match) throw new SecretsKeyError(`A stored secret is not in the ${FORMAT} format this version reads (it starts "${stored.slice(0, 3)}")`);
    const [, keyId = '', ivText = '', bodyText = ''] = match;
    const key = this.byId.get(keyId);
    if (!key) {
      throw new SecretsKeyError(
        `A stored secret is encrypted under key ${keyId}, which is neither SECRETS_KEY (key ${this.current.id}) nor in SECRETS_KEY_PREVIOUS` +
          `${this.byId.size > 1 ? ` (keys ${[...this.byId.keys()].filter((id) => id !== this.current.id).join(', ')})` : ''}`,
      );
    }
    const body = Buffer.from(bodyText, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key.bytes, Buffer.from(ivText, 'base64url'), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(`${FORMAT}:${keyId}`, 'utf8'));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretsKeyError(`A stored secret encrypted under key ${keyId} failed authentication: it was altered after it was written`);
    }
  }

  /** Whether a stored value is already encrypted under the current key. */
  isCurrent(stored: string): boolean {
    return stored.startsWith(this.currentPrefix);
  }

  /** The stored value encrypted under the current key: unchanged if it already is. */
  reseal(stored: string): string {
    return this.isCurrent(stored) ? stored : this.seal(this.open(stored));
  }
}
