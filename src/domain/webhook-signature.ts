import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// Standard Webhooks (standardwebhooks.com): a secret is `whsec_` followed by the base64
// of the key bytes; a signature is `v1,` followed by the base64 HMAC-SHA256 of
// `${webhook-id}.${webhook-timestamp}.${body}`. Several signatures (during a secret
// rotation) are separated by spaces in one webhook-signature header.

const SECRET_PREFIX = 'whsec_';
const KEY_BYTES = 32;

/** A new signing secret: 256 random bits. */
export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(KEY_BYTES).toString('base64')}`;
}

function secretKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
}

/** One `v1,<base64>` signature of a message. */
export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', secretKey(secret)).update(`${id}.${timestampSeconds}.${body}`, 'utf8').digest('base64');
  return `v1,${mac}`;
}

export interface WebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** The three headers of a delivery, signed with every given secret (the new one first). */
export function webhookHeaders(secrets: string[], id: string, timestampSeconds: number, body: string): WebhookHeaders {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': secrets.map((secret) => signWebhook(secret, id, timestampSeconds, body)).join(' '),
  };
}

export class WebhookVerificationError extends Error {
  override name = 'WebhookVerificationError';
}

export interface VerifyOptions {
  /** How far the timestamp may be from now, against replays (default 5 minutes). */
  toleranceSeconds?: number;
  /** The current time in milliseconds (for tests). */
  now?: number;
}

type HeaderBag = Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string {
  const value = headers[name] ?? headers[name.toLowerCase()];
  const single = Array.isArray(value) ? value[0] : value;
  if (!single) throw new WebhookVerificationError(`Missing ${name} header`);
  return single;
}

/**
 * Checks a received webhook: the timestamp is recent and one of the signatures matches
 * the secret. Throws WebhookVerificationError otherwise. `body` must be the raw body as
 * received, not re-serialised JSON.
 */
export function verifyWebhook(secret: string, headers: HeaderBag, body: string, options: VerifyOptions = {}): void {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  const seconds = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || !Number.isSafeInteger(seconds)) throw new WebhookVerificationError('Invalid webhook-timestamp');
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  if (Math.abs(now - seconds) > (options.toleranceSeconds ?? 300)) throw new WebhookVerificationError('Timestamp too far from now');

  const expected = Buffer.from(signWebhook(secret, id, seconds, body));
  const matches = signatures
    .split(' ')
    .map((candidate) => Buffer.from(candidate))
    .some((candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected));
  if (!matches) throw new WebhookVerificationError('No matching signature');
}
