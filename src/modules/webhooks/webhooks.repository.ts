import { type Selectable, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB, WebhookAttemptTrigger, WebhookDeliveryStatus, WebhookEndpointsTable } from '../../db/schema.js';
import { ERASED_TEXT } from '../../domain/retention.js';

export type EndpointRow = Selectable<WebhookEndpointsTable>;

/** Whose endpoints a query may see: all (admin) or one owner's. */
export type EndpointScope = { all: true } | { ownerId: string };

export async function countEndpointsOf(db: Database, ownerId: string): Promise<number> {
  const row = await db
    .selectFrom('webhook_endpoints')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('owner_id', '=', ownerId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertEndpoint(
  db: Database,
  endpoint: { ownerId: string; url: string; events: string[]; description: string | null; secret: string },
): Promise<EndpointRow> {
  return db
    .insertInto('webhook_endpoints')
    .values({ owner_id: endpoint.ownerId, url: endpoint.url, events: endpoint.events, description: endpoint.description, secret: endpoint.secret })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listEndpoints(db: Database, scope: EndpointScope): Promise<EndpointRow[]> {
  let query = db.selectFrom('webhook_endpoints').selectAll().orderBy('created_at').orderBy('id');
  if ('ownerId' in scope) query = query.where('owner_id', '=', scope.ownerId);
  return query.execute();
}

export async function findEndpoint(db: Database, id: string, scope: EndpointScope, { lock = false } = {}): Promise<EndpointRow | null> {
  let query = db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id);
  if ('ownerId' in scope) query = query.where('owner_id', '=', scope.ownerId);
  if (lock) query = query.forUpdate();
  return (await query.executeTakeFirst()) ?? null;
}

export async function updateEndpoint(
  trx: Transaction<DB>,
  id: string,
  changes: Partial<Pick<EndpointRow, 'url' | 'events' | 'description' | 'secret' | 'previous_secret' | 'previous_secret_expires_at' | 'disabled_at' | 'disabled_reason'>>,
): Promise<EndpointRow> {
  return trx
    .updateTable('webhook_endpoints')
    .set({ ...changes, updated_at: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface StoredSecrets {
  id: string;
  secret: string;
  previousSecret: string | null;
}

/**
 * The next endpoints after `afterId` (in id order) with a secret not yet encrypted under
 * the key whose values start with `currentPrefix`, locked until the transaction ends.
 */
export async function lockSecretsToReseal(trx: Transaction<DB>, currentPrefix: string, afterId: string | null, limit: number): Promise<StoredSecrets[]> {
  let query = trx
    .selectFrom('webhook_endpoints')
    .select(['id', 'secret', 'previous_secret as previousSecret'])
    .where((eb) =>
      eb.or([
        sql<boolean>`NOT starts_with(secret, ${currentPrefix})`,
        eb.and([eb('previous_secret', 'is not', null), sql<boolean>`NOT starts_with(previous_secret, ${currentPrefix})`]),
      ]),
    )
    .orderBy('id')
    .limit(limit)
    .forUpdate();
  if (afterId !== null) query = query.where('id', '>', afterId);
  return query.execute();
}

/** Replaces the stored form of an endpoint's secrets; not a change of the endpoint (updated_at stays). */
export async function storeSecrets(trx: Transaction<DB>, secrets: StoredSecrets): Promise<void> {
  await trx
    .updateTable('webhook_endpoints')
    .set({ secret: secrets.secret, previous_secret: secrets.previousSecret })
    .where('id', '=', secrets.id)
    .execute();
}

export async function deleteEndpoint(db: Database, id: string, scope: EndpointScope): Promise<boolean> {
  let query = db.deleteFrom('webhook_endpoints').where('id', '=', id);
  if ('ownerId' in scope) query = query.where('owner_id', '=', scope.ownerId);
  const result = await query.executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export interface DeliveryRow {
  id: string;
  seq: string;
  endpointId: string;
  caseId: string;
  eventType: string;
  status: WebhookDeliveryStatus;
  attemptCount: number;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  deliveredAt: Date | null;
  lastError: string | null;
  createdAt: Date;
}

function selectDeliveries(db: Database) {
  return db
    .selectFrom('webhook_deliveries')
    .select([
      'id',
      'seq',
      'endpoint_id as endpointId',
      'case_id as caseId',
      'event_type as eventType',
      'status',
      'attempt_count as attemptCount',
      'next_attempt_at as nextAttemptAt',
      'last_attempt_at as lastAttemptAt',
      'delivered_at as deliveredAt',
      'last_error as lastError',
      'created_at as createdAt',
    ]);
}

/** One page of an endpoint's deliveries, newest first, after the cursor's sequence number. */
export async function listDeliveries(
  db: Database,
  endpointId: string,
  { limit, beforeSeq, status }: { limit: number; beforeSeq?: string; status?: WebhookDeliveryStatus },
): Promise<DeliveryRow[]> {
  let query = selectDeliveries(db).where('endpoint_id', '=', endpointId).orderBy('seq', 'desc').limit(limit);
  if (beforeSeq !== undefined) query = query.where('seq', '<', beforeSeq);
  if (status) query = query.where('status', '=', status);
  return query.execute();
}

export async function findDelivery(db: Database, endpointId: string, deliveryId: string, { lock = false } = {}): Promise<DeliveryRow | null> {
  let query = selectDeliveries(db).where('endpoint_id', '=', endpointId).where('id', '=', deliveryId);
  if (lock) query = query.forUpdate();
  return (await query.executeTakeFirst()) ?? null;
}

export interface AttemptRow {
  deliveryId: string;
  attemptedAt: Date;
  trigger: WebhookAttemptTrigger;
  succeeded: boolean;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  responseExcerpt: string | null;
}

/** The attempts of the given deliveries, newest first, at most `perDelivery` of each. */
export async function listAttempts(db: Database, deliveryIds: string[], perDelivery: number): Promise<AttemptRow[]> {
  if (deliveryIds.length === 0) return [];
  const { rows } = await sql<AttemptRow>`
    SELECT a.delivery_id AS "deliveryId", a.attempted_at AS "attemptedAt", a.trigger, a.succeeded,
           a.status_code AS "statusCode", a.duration_ms AS "durationMs", a.error, a.response_excerpt AS "responseExcerpt"
    FROM unnest(${deliveryIds}::uuid[]) AS d(id)
    CROSS JOIN LATERAL (
      SELECT * FROM webhook_attempts WHERE delivery_id = d.id ORDER BY id DESC LIMIT ${perDelivery}
    ) a`.execute(db);
  return rows;
}

/** Puts a delivery back in line for a fresh run through the retry schedule. */
export async function requeueDelivery(trx: Transaction<DB>, deliveryId: string): Promise<void> {
  await trx
    .updateTable('webhook_deliveries')
    .set({ status: 'pending', failed_in_row: 0, first_failed_at: null, next_attempt_at: sql`now()` })
    .where('id', '=', deliveryId)
    .execute();
}

// ---- used by the delivery worker ----

export interface DeliveryTarget {
  id: string;
  endpointId: string;
  status: WebhookDeliveryStatus;
  eventType: string;
  payload: unknown;
  failedInRow: number;
  firstFailedAt: Date | null;
  url: string;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
  endpointDisabled: boolean;
}

export async function findDeliveryTarget(db: Database, deliveryId: string): Promise<DeliveryTarget | null> {
  const row = await db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
    .select([
      'd.id',
      'd.endpoint_id as endpointId',
      'd.status',
      'd.event_type as eventType',
      'd.payload',
      'd.failed_in_row as failedInRow',
      'd.first_failed_at as firstFailedAt',
      'e.url',
      'e.secret',
      'e.previous_secret as previousSecret',
      'e.previous_secret_expires_at as previousSecretExpiresAt',
      sql<boolean>`e.disabled_at IS NOT NULL`.as('endpointDisabled'),
    ])
    .where('d.id', '=', deliveryId)
    .executeTakeFirst();
  return row ?? null;
}

export async function insertAttempt(
  trx: Transaction<DB>,
  attempt: Omit<AttemptRow, 'attemptedAt'> & { endpointId: string; attemptedAt: Date },
): Promise<void> {
  await trx
    .insertInto('webhook_attempts')
    .values({
      delivery_id: attempt.deliveryId,
      endpoint_id: attempt.endpointId,
      attempted_at: attempt.attemptedAt,
      trigger: attempt.trigger,
      succeeded: attempt.succeeded,
      status_code: attempt.statusCode,
      duration_ms: attempt.durationMs,
      error: attempt.error,
      response_excerpt: attempt.responseExcerpt,
    })
    .execute();
}

export async function markDelivered(trx: Transaction<DB>, deliveryId: string, at: Date): Promise<void> {
  await trx
    .updateTable('webhook_deliveries')
    .set((eb) => ({
      status: 'delivered',
      attempt_count: eb('attempt_count', '+', 1),
      failed_in_row: 0,
      first_failed_at: null,
      next_attempt_at: null,
      last_attempt_at: at,
      delivered_at: at,
      last_error: null,
    }))
    .where('id', '=', deliveryId)
    .execute();
}

/** Records a failed attempt; `nextAttemptAt` null means the schedule is used up. */
export async function markAttemptFailed(
  trx: Transaction<DB>,
  deliveryId: string,
  { at, error, nextAttemptAt, firstFailedAt }: { at: Date; error: string; nextAttemptAt: Date | null; firstFailedAt: Date },
): Promise<void> {
  await trx
    .updateTable('webhook_deliveries')
    .set((eb) => ({
      status: nextAttemptAt ? 'pending' : 'failed',
      attempt_count: eb('attempt_count', '+', 1),
      failed_in_row: eb('failed_in_row', '+', 1),
      first_failed_at: firstFailedAt,
      next_attempt_at: nextAttemptAt,
      last_attempt_at: at,
      last_error: error,
    }))
    .where('id', '=', deliveryId)
    .execute();
}

export async function markDeliveryFailed(db: Database, deliveryId: string, error: string): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({ status: 'failed', next_attempt_at: null, last_error: error })
    .where('id', '=', deliveryId)
    .where('status', '=', 'pending')
    .execute();
}

export async function hasSucceededSince(db: Database, endpointId: string, since: Date): Promise<boolean> {
  const row = await db
    .selectFrom('webhook_attempts')
    .select('id')
    .where('endpoint_id', '=', endpointId)
    .where('succeeded', '=', true)
    .where('attempted_at', '>=', since)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Disables an endpoint that is still enabled; the reason is shown to its owner and admins. */
export async function disableEndpoint(trx: Transaction<DB>, endpointId: string, reason: string): Promise<void> {
  await trx
    .updateTable('webhook_endpoints')
    .set({ disabled_at: sql`now()`, disabled_reason: reason, updated_at: sql`now()` })
    .where('id', '=', endpointId)
    .where('disabled_at', 'is', null)
    .execute();
}

// ---- used by retention ----

/**
 * Rewrites the stored deliveries of these cases as erased, so that a redelivery sends the
 * erased form: a note's text is replaced, and the contact's values (`jsonPattern`, see
 * `erasurePattern`, escaped as inside JSON strings) wherever else they appear. The
 * receivers' answers to earlier attempts may quote what was sent: their excerpts go.
 * The signature is made when a delivery is sent, so a rewritten payload is signed as it is.
 */
export async function eraseDeliveryPayloads(
  trx: Transaction<DB>,
  targets: ReadonlyArray<{ caseId: string; jsonPattern: string | null }>,
): Promise<void> {
  if (targets.length === 0) return;
  const list = JSON.stringify(targets);
  await sql`
    WITH t AS (SELECT * FROM jsonb_to_recordset(${list}::jsonb) AS t("caseId" uuid, "jsonPattern" text)),
    erased AS (
      SELECT d.id,
             CASE WHEN d.payload #> '{data,note,body}' IS NOT NULL
                  THEN jsonb_set(d.payload, '{data,note,body}', to_jsonb(${ERASED_TEXT}::text)) ELSE d.payload END AS payload,
             t."jsonPattern" AS pattern
      FROM webhook_deliveries d JOIN t ON d.case_id = t."caseId"
      WHERE d.case_id = ANY(${targets.map((t) => t.caseId)}::uuid[]) AND (d.payload #> '{data,note,body}' IS NOT NULL OR (t."jsonPattern" IS NOT NULL AND d.payload::text ~* t."jsonPattern"))
    )
    UPDATE webhook_deliveries d
    SET payload = CASE WHEN erased.pattern IS NULL THEN erased.payload
                       ELSE regexp_replace(erased.payload::text, erased.pattern, ${ERASED_TEXT}, 'gi')::jsonb END
    FROM erased WHERE d.id = erased.id`.execute(trx);
  await sql`
    UPDATE webhook_attempts a SET response_excerpt = NULL
    FROM webhook_deliveries d
    WHERE a.delivery_id = d.id AND d.case_id = ANY(${targets.map((t) => t.caseId)}::uuid[]) AND a.response_excerpt IS NOT NULL`.execute(trx);
}
