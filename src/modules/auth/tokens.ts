import { createHash, randomBytes } from 'node:crypto';

/** A new opaque API token: 256 random bits, with a prefix that makes leaked tokens easy to spot. */
export function generateApiToken(): string {
  return `oe_${randomBytes(32).toString('base64url')}`;
}

/** Tokens are stored only as this hash; a fast hash is right for 256-bit random secrets. */
export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}
