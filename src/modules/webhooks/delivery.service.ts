import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../db/database.js';
import { formatDuration } from '../../domain/durations.js';
import { webhookHeaders } from '../../domain/webhook-signature.js';
import { type KeyRing, SecretsKeyError } from '../../domain/key-ring.js';
import { type DeliveryJob, enqueueDeliveries } from './job-queue.js';
import { type SendOptions, type SendResult, sendWebhook } from './sender.js';
import {
  type DeliveryTarget,
  disableEndpoint,
  findDelivery,
  findDeliveryTarget,
  hasSucceededSince,
  insertAttempt,
  markAttemptFailed,
  markDelivered,
  markDeliveryFailed,
} from './webhooks.repository.js';

export interface DeliveryDeps {
  db: Database;
  /** Waits after the 1st, 2nd, … failure in a row; when used up the delivery fails. */
  retrySchedule: number[];
  send: SendOptions;
  log: FastifyBaseLogger;
  /** Opens the stored (encrypted) signing secrets. */
  keys: KeyRing;
}

/** The `webhook-id` of a delivery: stable across every attempt and every redelivery. */
export function messageIdOf(deliveryId: string): string {
  return `msg_${deliveryId.replaceAll('-', '')}`;
}

/** The current secret, and the previous one while its grace period lasts, in clear. */
function signingSecrets(target: DeliveryTarget, at: Date, keys: KeyRing): string[] {
  const previousValid = target.previousSecret && target.previousSecretExpiresAt && target.previousSecretExpiresAt > at;
  const stored = previousValid ? [target.secret, target.previousSecret as string] : [target.secret];
  return stored.map((value) => keys.open(value));
}

function failureText(result: SendResult): string {
  return result.error ?? `The receiver answered ${result.statusCode}`;
}

/**
 * One attempt of one delivery: the body of the delivery job. Outcomes are recorded, not
 * thrown; a failure queues the next attempt by the retry schedule in the same transaction
 * that records it, and a delivery that used up the schedule disables its endpoint unless
 * the endpoint has accepted anything since the failures began.
 */
export async function attemptDelivery(deps: DeliveryDeps, job: DeliveryJob): Promise<void> {
  const target = await findDeliveryTarget(deps.db, job.deliveryId);
  // Delivered already, failed for good, or its endpoint was removed: nothing to do.
  if (!target || target.status !== 'pending') return;
  if (target.endpointDisabled) {
    await markDeliveryFailed(deps.db, target.id, 'The endpoint is disabled.');
    return;
  }

  const attemptedAt = new Date();
  let secrets: string[];
  try {
    secrets = signingSecrets(target, attemptedAt, deps.keys);
  } catch (error) {
    // Our configuration is wrong (a key missing from SECRETS_KEY_PREVIOUS), not the
    // receiver: no attempt is recorded against the endpoint. The job fails and the queue
    // tries it again later, so the delivery goes out once the key is back.
    if (error instanceof SecretsKeyError) {
      deps.log.error({ endpointId: target.endpointId, deliveryId: target.id, err: { message: error.message } }, 'webhook not sent: its signing secret cannot be decrypted');
    }
    throw error;
  }
  const body = JSON.stringify(target.payload);
  const headers = webhookHeaders(secrets, messageIdOf(target.id), Math.floor(attemptedAt.getTime() / 1000), body);
  const result = await sendWebhook(target.url, { ...headers }, body, deps.send);

  await deps.db.transaction().execute(async (trx) => {
    // The endpoint may have been removed while the request was in flight.
    const current = await findDelivery(trx, target.endpointId, target.id, { lock: true });
    if (!current) return;
    await insertAttempt(trx, { ...result, deliveryId: target.id, endpointId: target.endpointId, attemptedAt, trigger: job.trigger });
    // Another attempt (a redelivery running alongside) settled it meanwhile: keep its outcome.
    if (current.status !== 'pending') return;
    if (result.succeeded) {
      await markDelivered(trx, target.id, attemptedAt);
      return;
    }
    const error = failureText(result);
    const firstFailedAt = target.firstFailedAt ?? attemptedAt;
    const wait = deps.retrySchedule[target.failedInRow];
    if (wait !== undefined) {
      const nextAttemptAt = new Date(Date.now() + wait);
      await markAttemptFailed(trx, target.id, { at: attemptedAt, error, nextAttemptAt, firstFailedAt });
      await enqueueDeliveries(trx, [target.id], { runAt: nextAttemptAt });
      return;
    }
    await markAttemptFailed(trx, target.id, { at: attemptedAt, error, nextAttemptAt: null, firstFailedAt });
    if (await hasSucceededSince(trx, target.endpointId, firstFailedAt)) return;
    const reason =
      `Disabled after ${target.failedInRow + 1} failed attempts over ${formatDuration(attemptedAt.getTime() - firstFailedAt.getTime())} ` +
      `to deliver ${messageIdOf(target.id)} (${target.eventType}), with no successful delivery in that time. Last error: ${error}`;
    await disableEndpoint(trx, target.endpointId, reason);
    deps.log.warn({ endpointId: target.endpointId, deliveryId: target.id }, 'webhook endpoint disabled');
  });
  deps.log.info(
    { deliveryId: target.id, endpointId: target.endpointId, eventType: target.eventType, statusCode: result.statusCode, succeeded: result.succeeded },
    result.succeeded ? 'webhook delivered' : 'webhook attempt failed',
  );
}
