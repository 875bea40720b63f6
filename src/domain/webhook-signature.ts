import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

// Standard Webhooks (standardwebhooks.com), signed by its reference library: a secret is
// `whsec_` followed by the base64 of the key bytes; a signature is `v1,` followed by the
// base64 HMAC-SHA256 of `${webhook-id}.${webhook-timestamp}.${body}`. Several signatures
// (during a secret rotation) are separated by spaces in one webhook-signature header.

const SECRET_PREFIX = 'whsec_';
const KEY_BYTES = 32;

/** A new signing secret: 256 random bits (the library signs and verifies, but makes no keys). */
export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(KEY_BYTES).toString('base64')}`;
}

export interface WebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** The three headers of a delivery, signed with every given secret (the new one first). */
export function webhookHeaders(secrets: string[], id: string, timestampSeconds: number, body: string): WebhookHeaders {
  const timestamp = new Date(timestampSeconds * 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(id, timestamp, body)).join(' '),
  };
}
