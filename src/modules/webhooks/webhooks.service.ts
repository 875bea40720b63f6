import { z } from 'zod';
import type { Database } from '../../db/database.js';
import type { WebhookDeliveryStatus } from '../../db/schema.js';
import { generateWebhookSecret } from '../../domain/webhook-signature.js';
import { ConflictError, NotFoundError, UnprocessableError, ValidationError } from '../../errors.js';
import type { KeyRing } from '../../domain/key-ring.js';
import type { Principal } from '../../domain/principal.js';
import { pageOf, readCursor } from '../pagination.js';
import type { WebhookEventType } from './event-types.js';
import { enqueueDeliveries } from './job-queue.js';
import { messageIdOf } from './delivery.service.js';
import { checkWebhookUrl, UnsafeUrlError, type UrlPolicy } from './url-safety.js';
import type { Delivery, Webhook, WebhookInput, WebhookUpdate, WebhookWithSecret } from './webhooks.schemas.js';
import {
  countEndpointsOf,
  deleteEndpoint,
  type DeliveryRow,
  type EndpointRow,
  type EndpointScope,
  findDelivery,
  findEndpoint,
  insertEndpoint,
  listAttempts,
  listDeliveries,
  listEndpoints,
  requeueDelivery,
  updateEndpoint,
} from './webhooks.repository.js';

export interface WebhooksDeps {
  db: Database;
  urlPolicy: UrlPolicy;
  /** Signing secrets are stored encrypted (see key-ring.ts); the API shows them in clear once. */
  keys: KeyRing;
}

/** Enough for several environments of one integrator; more is almost always a leak. */
export const MAX_ENDPOINTS_PER_OWNER = 20;
const ATTEMPTS_SHOWN = 20;

/** Admins see every endpoint; an integrator only its own (anyone else's is 404). */
function scopeOf(principal: Principal): EndpointScope {
  return principal.role === 'admin' ? { all: true } : { ownerId: principal.userId };
}

function toWebhook(row: EndpointRow): Webhook {
  return {
    id: row.id,
    url: row.url,
    events: row.events as WebhookEventType[],
    description: row.description,
    ownerId: row.owner_id,
    status: row.disabled_at ? 'disabled' : 'active',
    disabledAt: row.disabled_at?.toISOString() ?? null,
    disabledReason: row.disabled_reason,
    previousSecretExpiresAt:
      row.previous_secret_expires_at && row.previous_secret_expires_at > new Date() ? row.previous_secret_expires_at.toISOString() : null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

async function safeUrl(text: string, policy: UrlPolicy): Promise<string> {
  try {
    return (await checkWebhookUrl(text, policy)).href;
  } catch (error) {
    if (error instanceof UnsafeUrlError) throw new ValidationError([{ path: 'body.url', message: error.message }]);
    throw error;
  }
}

async function endpointOrNotFound(db: Database, principal: Principal, id: string, options: { lock?: boolean } = {}): Promise<EndpointRow> {
  const endpoint = await findEndpoint(db, id, scopeOf(principal), options);
  if (!endpoint) throw new NotFoundError('No webhook with that id.');
  return endpoint;
}

export async function createWebhook(deps: WebhooksDeps, principal: Principal, input: WebhookInput): Promise<WebhookWithSecret> {
  const url = await safeUrl(input.url, deps.urlPolicy);
  if ((await countEndpointsOf(deps.db, principal.userId)) >= MAX_ENDPOINTS_PER_OWNER) {
    throw new UnprocessableError('too-many-webhooks', 'Too many webhooks', `At most ${MAX_ENDPOINTS_PER_OWNER} webhook endpoints per account; remove one first.`);
  }
  const secret = generateWebhookSecret();
  const row = await insertEndpoint(deps.db, {
    ownerId: principal.userId,
    url,
    events: input.events,
    description: input.description ?? null,
    secret: deps.keys.seal(secret),
  });
  return { ...toWebhook(row), secret };
}

export async function listWebhooks(db: Database, principal: Principal): Promise<Webhook[]> {
  return (await listEndpoints(db, scopeOf(principal))).map(toWebhook);
}

export async function getWebhook(db: Database, principal: Principal, id: string): Promise<Webhook> {
  return toWebhook(await endpointOrNotFound(db, principal, id));
}

export async function updateWebhook(deps: WebhooksDeps, principal: Principal, id: string, input: WebhookUpdate): Promise<Webhook> {
  const url = input.url === undefined ? undefined : await safeUrl(input.url, deps.urlPolicy);
  return deps.db.transaction().execute(async (trx) => {
    const endpoint = await endpointOrNotFound(trx, principal, id, { lock: true });
    const enable = input.enabled === true && endpoint.disabled_at !== null;
    const disable = input.enabled === false && endpoint.disabled_at === null;
    const row = await updateEndpoint(trx, endpoint.id, {
      ...(url !== undefined ? { url } : {}),
      ...(input.events !== undefined ? { events: input.events } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(enable ? { disabled_at: null, disabled_reason: null } : {}),
      ...(disable ? { disabled_at: new Date(), disabled_reason: 'Paused through the API.' } : {}),
    });
    return toWebhook(row);
  });
}

export async function removeWebhook(db: Database, principal: Principal, id: string): Promise<void> {
  // Its deliveries and attempts go with it; jobs still queued find nothing and end.
  if (!(await deleteEndpoint(db, id, scopeOf(principal)))) throw new NotFoundError('No webhook with that id.');
}

/**
 * A new signing secret. The old one stays valid for the grace period: until then every
 * delivery carries two signatures, so receivers can switch secrets without losing any.
 */
export async function rotateSecret(deps: WebhooksDeps, principal: Principal, id: string, gracePeriodSeconds: number): Promise<WebhookWithSecret> {
  return deps.db.transaction().execute(async (trx) => {
    const endpoint = await endpointOrNotFound(trx, principal, id, { lock: true });
    const secret = generateWebhookSecret();
    const row = await updateEndpoint(trx, endpoint.id, {
      secret: deps.keys.seal(secret),
      previous_secret: gracePeriodSeconds > 0 ? deps.keys.reseal(endpoint.secret) : null,
      previous_secret_expires_at: gracePeriodSeconds > 0 ? new Date(Date.now() + gracePeriodSeconds * 1000) : null,
    });
    return { ...toWebhook(row), secret };
  });
}

/** A deliveries page's cursor: the sequence number of its last (oldest) row. */
const deliveriesCursor = z.object({ d: z.string().regex(/^\d{1,19}$/) });

async function withAttempts(db: Database, rows: DeliveryRow[]): Promise<Delivery[]> {
  const attempts = await listAttempts(db, rows.map((row) => row.id), ATTEMPTS_SHOWN);
  return rows.map((row) => ({
    id: row.id,
    messageId: messageIdOf(row.id),
    webhookId: row.endpointId,
    eventType: row.eventType as WebhookEventType,
    caseId: row.caseId,
    status: row.status,
    attemptCount: row.attemptCount,
    nextAttemptAt: row.status === 'pending' ? (row.nextAttemptAt?.toISOString() ?? null) : null,
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    attempts: attempts
      .filter((a) => a.deliveryId === row.id)
      .map((a) => ({
        attemptedAt: a.attemptedAt.toISOString(),
        trigger: a.trigger,
        succeeded: a.succeeded,
        statusCode: a.statusCode,
        durationMs: a.durationMs,
        error: a.error,
        responseExcerpt: a.responseExcerpt,
      })),
  }));
}

export async function webhookDeliveries(
  db: Database,
  principal: Principal,
  id: string,
  query: { limit: number; cursor?: string | undefined; status?: WebhookDeliveryStatus | undefined },
): Promise<{ items: Delivery[]; nextCursor: string | null }> {
  const beforeSeq = readCursor(query.cursor, deliveriesCursor)?.d;
  const endpoint = await endpointOrNotFound(db, principal, id);
  // One extra row tells whether another page follows.
  const rows = await listDeliveries(db, endpoint.id, {
    limit: query.limit + 1,
    ...(beforeSeq !== undefined ? { beforeSeq } : {}),
    ...(query.status ? { status: query.status } : {}),
  });
  const { page, nextCursor } = pageOf(rows, query.limit, (last) => ({ d: last.seq }));
  return { items: await withAttempts(db, page), nextCursor };
}

/**
 * Sends a past delivery again, now, with its original webhook-id, and runs it through the
 * retry schedule afresh if that attempt fails.
 */
export async function retryDelivery(db: Database, principal: Principal, webhookId: string, deliveryId: string): Promise<Delivery> {
  const row = await db.transaction().execute(async (trx) => {
    const endpoint = await endpointOrNotFound(trx, principal, webhookId, { lock: true });
    if (endpoint.disabled_at) {
      throw new ConflictError('The webhook is disabled; enable it (PATCH with "enabled": true) before redelivering.', { disabledReason: endpoint.disabled_reason });
    }
    const delivery = await findDelivery(trx, endpoint.id, deliveryId, { lock: true });
    if (!delivery) throw new NotFoundError('No delivery with that id for this webhook.');
    await requeueDelivery(trx, delivery.id);
    await enqueueDeliveries(trx, [delivery.id], { trigger: 'manual' });
    return (await findDelivery(trx, endpoint.id, delivery.id)) as DeliveryRow;
  });
  return (await withAttempts(db, [row]))[0] as Delivery;
}
