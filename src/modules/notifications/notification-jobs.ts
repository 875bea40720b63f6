import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import { type CaseEvent, CaseEventType } from '../../domain/case-events.js';
import { DEFAULT_NEW_ASSIGNMENTS, sendsMail } from '../../domain/notifications.js';
import type { DB } from '../../db/schema.js';

// Messages go out through the job queue (graphile-worker, like webhook deliveries). The
// transaction that appends an event writes its message to the notification outbox, so a
// change that rolls back sends nothing and one that commits is sure to be told; the
// worker's relay (notification-relay.ts) moves the outbox onto the queue in batches.

export const NOTIFICATION_TASK = 'send-notification';

/** The hourly task that sends caseworkers their daily mail in the digest hour (digest, overdue reminder). */
export const DAILY_STAFF_MAIL_TASK = 'send-daily-staff-mail';

export interface NotificationJob {
  /** The case event the messages tell of (to the enterprise, and to caseworkers of new assignments). */
  eventId: string;
  /**
   * The receipt's tracking token, encrypted under SECRETS_KEY: the only copy in clear is
   * the intake's answer (the case keeps a hash), so the receipt carries it to the worker.
   * The job row, and with it this, is deleted when the job ends.
   */
  trackingToken?: string;
}

/**
 * Temporary failures are retried by the queue with its exponential backoff (about
 * e^attempt seconds, capped near 6 hours): 20 attempts span about three days.
 */
export const MAX_NOTIFICATION_ATTEMPTS = 20;

/** A case event as appended: its id beside what the catalogue says of it. */
export type AppendedEvent = CaseEvent & { id: string };

/**
 * Writes the messages each event sends, if any (`sendsMail`: to the enterprise, or to the
 * caseworkers of a department given new work), to the outbox in the caller's transaction. (The receipt, which carries the tracking token, is written by
 * the intake's own statement: `outboxOfAppended`.)
 */
export async function enqueueNotifications(trx: Transaction<DB>, events: readonly AppendedEvent[]): Promise<void> {
  const sending = events.filter((event) => sendsMail(event));
  if (sending.length === 0) return;
  await trx
    .insertInto('notification_outbox')
    .values(sending.map((event) => ({ case_event_id: event.id, sealed_tracking_token: null })))
    .execute();
}

/**
 * Whether any active caseworker of these departments chose to hear of new assignments at
 * once: when nobody did (and by default nobody has), the intake's routing needs no job.
 */
function someoneWantsMailAtOnce(departments: readonly string[]): RawBuilder<boolean> {
  if (DEFAULT_NEW_ASSIGNMENTS === 'immediately') return sql<boolean>`true`;
  return sql<boolean>`EXISTS (
    SELECT 1 FROM notification_preferences p
    JOIN users u ON u.id = p.user_id AND u.active AND u.role = 'caseworker'
    JOIN user_departments ud ON ud.user_id = p.user_id
    WHERE p.new_assignments = 'immediately' AND ud.department_code = ANY(${departments}::text[]))`;
}

/**
 * The outbox rows of the events a statement appends (in its CTE `appended`), as one more
 * part of that statement: the intake writes its messages this way, without a round trip
 * of its own. `types` are the types of the appended events that send a message (see
 * `sendsMail`); the receipt (of `created`) carries the sealed tracking token. The routing
 * (`routed`) is written only when someone in `newWorkIn`, the departments it gives work,
 * wants to hear of it at once (the daily digest reads the assignments themselves).
 */
export function outboxOfAppended(types: readonly CaseEventType[], sealedTrackingToken: string, newWorkIn: readonly string[]): RawBuilder<unknown> {
  return sql`
    INSERT INTO notification_outbox (case_event_id, sealed_tracking_token)
    SELECT id, CASE WHEN type = ${CaseEventType.created} THEN ${sealedTrackingToken} END
    FROM appended WHERE type = ANY(${types}::text[])
      AND (type <> ${CaseEventType.routed} OR ${someoneWantsMailAtOnce(newWorkIn)})`;
}

/**
 * The outbox rows of the events a case change appends (in its CTE `appended`), as one more
 * part of the statement that saves the change, so that a change that tells the enterprise
 * costs no round trip of its own. `events` are the events in the order they are appended
 * (see `sendsMail`). An INSERT … VALUES draws its rows' ids in the order of its rows, so an
 * event's position among the appended ids is its position in `events`. Null when none
 * sends a message.
 */
export function outboxOfChange(events: readonly CaseEvent[]): RawBuilder<unknown> | null {
  const positions = events.flatMap((event, index) => (sendsMail(event) ? [index + 1] : []));
  if (positions.length === 0) return null;
  return sql`
    INSERT INTO notification_outbox (case_event_id, sealed_tracking_token)
    SELECT id, NULL FROM (SELECT id, row_number() OVER (ORDER BY id) AS position FROM appended) AS a
    WHERE position = ANY(${positions}::int[])`;
}

/**
 * Moves up to `limit` messages from the outbox onto the job queue, in one statement: the
 * rows taken (SKIP LOCKED, so relays on several processes share the work) are deleted
 * and their jobs added together, or neither. One NOTIFY per batch instead of one per
 * intake. Returns how many it moved.
 */
export async function relayOutbox(db: Kysely<DB>, limit: number): Promise<number> {
  const { rows } = await sql<{ moved: number }>`
    WITH taken AS (
      DELETE FROM notification_outbox
      WHERE case_event_id IN (
        SELECT case_event_id FROM notification_outbox ORDER BY case_event_id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING case_event_id, sealed_tracking_token
    ), batch AS (
      SELECT count(*)::int AS moved,
             array_agg(ROW(
               ${NOTIFICATION_TASK}::text,
               (jsonb_build_object('eventId', case_event_id::text)
                 || CASE WHEN sealed_tracking_token IS NULL THEN '{}'::jsonb
                         ELSE jsonb_build_object('trackingToken', sealed_tracking_token) END)::json,
               NULL::text, NULL::timestamptz, ${MAX_NOTIFICATION_ATTEMPTS}::int,
               'notification:' || case_event_id, NULL::int, NULL::text[])::graphile_worker.job_spec
             ORDER BY case_event_id) AS specs
      FROM taken
    )
    SELECT moved, (SELECT count(*) FROM graphile_worker.add_jobs(batch.specs)) AS added
    FROM batch WHERE moved > 0`.execute(db);
  return rows[0]?.moved ?? 0;
}
