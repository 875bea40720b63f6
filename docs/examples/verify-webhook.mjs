import { Webhook } from 'standardwebhooks';

/**
 * Checks a webhook from the case intake service and returns its parsed body. Throws a
 * WebhookVerificationError when no signature matches, or when the timestamp is more than
 * five minutes from now (so a recorded request cannot be replayed later). During a
 * secret rotation a delivery carries two signatures; either one matching is enough.
 *
 * secret:  the `secret` from POST /v1/webhooks (whsec_…)
 * headers: the request headers (as Node.js gives them)
 * rawBody: the body exactly as received, as a string: not re-serialised JSON
 */
export function verifyWebhook(secret, headers, rawBody) {
  return new Webhook(secret).verify(rawBody, headers);
}
