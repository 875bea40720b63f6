import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Checks a webhook from the case intake service and returns its parsed body.
 * Throws when the signature or the timestamp is wrong. Node.js 18 or newer, no packages.
 *
 * secret:  the `secret` from POST /v1/webhooks (whsec_…)
 * headers: the request headers, lower-case names (as Node.js gives them)
 * rawBody: the body exactly as received, as a string: not re-serialised JSON
 */
export function verifyWebhook(secret, headers, rawBody, toleranceSeconds = 300) {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (!id || !timestamp || !signatures) throw new Error('Missing webhook headers');

  // Refuse old messages, so a recorded request cannot be replayed later.
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > toleranceSeconds) {
    throw new Error('Timestamp too old or too far in the future');
  }

  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${rawBody}`).digest();

  // During a secret rotation there are two signatures, separated by a space.
  const valid = signatures.split(' ').some((entry) => {
    const [version, signature] = entry.split(',');
    const given = Buffer.from(signature ?? '', 'base64');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!valid) throw new Error('Invalid signature');
  return JSON.parse(rawBody);
}
