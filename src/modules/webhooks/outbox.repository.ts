import { type RawBuilder, sql, type Transaction } from 'kysely';
import type { CaseEvent } from '../../domain/case-events.js';
import type { DB } from '../../db/schema.js';
import { type CaseEventForWebhooks, type CaseSnapshot, webhookBody, webhookTypesFor, type WebhookEventType } from './event-types.js';
import { enqueueDeliveries } from './job-queue.js';

export type AppendedCaseEvent = CaseEventForWebhooks & {
  id: string;
  caseId: string;
};

export interface Recipient {
  caseId: string;
  endpointId: string;
  events: string[];
  disabled: boolean;
}

/** The webhook event types these case events announce, each once. */
export function announcedTypes(events: readonly CaseEvent[]): WebhookEventType[] {
  return [...new Set(events.flatMap((event) => webhookTypesFor(event)))];
}

/**
 * Endpoints that subscribe to any of `types` and may see each of `cases` (rows of `id`
 * and `submitted_by`), as a JSON array: an admin's endpoints see every case, an
 * integrator's only the cases whose inquiry it submitted. An expression, so that the
 * statement appending the events reads it too.
 */
export function recipientsAmong(cases: RawBuilder<unknown>, types: readonly WebhookEventType[]): RawBuilder<Recipient[]> {
  return sql<Recipient[]>`(
    SELECT coalesce(json_agg(json_build_object('caseId', c.id, 'endpointId', e.id, 'events', e.events, 'disabled', e.disabled_at IS NOT NULL)), '[]')
    FROM ${cases} AS c
    JOIN webhook_endpoints e ON e.events && ${types}::text[]
    JOIN users u ON u.id = e.owner_id AND u.active
    WHERE u.role = 'admin' OR (u.role = 'integrator' AND u.id = c.submitted_by))`;
}

/**
 * Whether any endpoint would hear of these event types on a new case submitted by
 * `submittedBy` (null from the web form): `recipientsAmong` as a yes or no, read before
 * the case exists. Disabled endpoints count, as they get their deliveries recorded.
 */
export function anyRecipientOfNewCase(submittedBy: string | null, types: readonly WebhookEventType[]): RawBuilder<boolean> {
  if (types.length === 0) return sql<boolean>`false`;
  return sql<boolean>`EXISTS (
    SELECT 1 FROM webhook_endpoints e JOIN users u ON u.id = e.owner_id AND u.active
    WHERE e.events && ${types}::text[]
      AND (u.role = 'admin' OR (u.role = 'integrator' AND u.id = ${submittedBy}::uuid)))`;
}

/** `recipientsAmong` the cases with these ids. */
export function recipientsOf(caseIds: readonly string[], types: readonly WebhookEventType[]): RawBuilder<Recipient[]> {
  // One case (every change to a case) by equality: a prepared statement's generic plan
  // guesses ten elements for an array, which can cost it the plan (prepared-statements.ts).
  const which = caseIds.length === 1 ? sql`c.id = ${caseIds[0]}` : sql`c.id = ANY(${caseIds}::uuid[])`;
  const cases = sql`(SELECT c.id, i.submitted_by FROM cases c JOIN inquiries i ON i.id = c.inquiry_id WHERE ${which})`;
  return recipientsAmong(cases, types);
}

async function findSnapshots(trx: Transaction<DB>, caseIds: string[]): Promise<Map<string, CaseSnapshot>> {
  const { rows } = await sql<CaseSnapshot>`
    SELECT c.id AS "caseId", c.reference, c.status, c.lead_department AS "leadDepartment",
           coalesce(json_agg(json_build_object('department', a.department_code, 'role', a.role, 'status', a.status)
                             ORDER BY a.created_at) FILTER (WHERE a.id IS NOT NULL), '[]') AS assignments
    FROM cases c LEFT JOIN assignments a ON a.case_id = c.id
    WHERE c.id = ANY(${caseIds}::uuid[])
    GROUP BY c.id`.execute(trx);
  return new Map(rows.map((row) => [row.caseId, row]));
}

/**
 * The outbox: for case events just appended in `trx`, writes one delivery per subscribed
 * endpoint that may see the case (`recipientsOf`, read with the events), and queues its
 * job, all in the same transaction. A disabled endpoint gets its deliveries recorded as
 * failed, so they can be redelivered once it is enabled again.
 */
export async function writeWebhookOutbox(trx: Transaction<DB>, events: AppendedCaseEvent[], recipients: Recipient[]): Promise<void> {
  if (recipients.length === 0) return;
  const announced = events.flatMap((event) => webhookTypesFor(event).map((type) => ({ event, type })));
  const snapshots = await findSnapshots(trx, [...new Set(announced.map(({ event }) => event.caseId))]);
  const rows = announced.flatMap(({ event, type }) => {
    const snapshot = snapshots.get(event.caseId);
    if (!snapshot) return [];
    const payload = JSON.stringify(webhookBody(type, event, snapshot));
    return recipients
      .filter((r) => r.caseId === event.caseId && r.events.includes(type))
      .map((r) => ({
        endpoint_id: r.endpointId,
        case_id: event.caseId,
        case_event_id: event.id,
        event_type: type,
        payload,
        status: r.disabled ? ('failed' as const) : ('pending' as const),
        last_error: r.disabled ? 'The endpoint was disabled when the event happened.' : null,
      }));
  });
  if (rows.length === 0) return;
  const inserted = await trx.insertInto('webhook_deliveries').values(rows).returning(['id', 'status']).execute();
  await enqueueDeliveries(
    trx,
    inserted.filter((row) => row.status === 'pending').map((row) => row.id),
  );
}
