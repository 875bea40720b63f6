import { sql, type Transaction } from 'kysely';
import type { CaseEvent } from '../../domain/case-events.js';
import { notificationKindFor } from '../../domain/notifications.js';
import type { DB } from '../../db/schema.js';

// Messages go out through the job queue (graphile-worker, like webhook deliveries): the job
// is added in the transaction that appends the event, so a change that rolls back sends
// nothing and one that commits is sure to be told.

export const NOTIFICATION_TASK = 'send-notification';

export interface NotificationJob {
  /** The case event the message tells of. */
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
 * Queues the message each event sends, if any (`notificationKindFor`), in the caller's
 * transaction. `sealedTrackingToken` goes with the receipt.
 */
export async function enqueueNotifications(
  trx: Transaction<DB>,
  events: readonly AppendedEvent[],
  { sealedTrackingToken }: { sealedTrackingToken?: string | undefined } = {},
): Promise<void> {
  const jobs: NotificationJob[] = events
    .filter((event) => notificationKindFor(event) !== null)
    .map((event) => ({
      eventId: event.id,
      ...(notificationKindFor(event) === 'receipt' && sealedTrackingToken ? { trackingToken: sealedTrackingToken } : {}),
    }));
  if (jobs.length === 0) return;
  await sql`
    SELECT FROM graphile_worker.add_jobs((
      SELECT array_agg(ROW(
        ${NOTIFICATION_TASK}::text, j.job, NULL::text, NULL::timestamptz, ${MAX_NOTIFICATION_ATTEMPTS}::int,
        'notification:' || (j.job->>'eventId'), NULL::int, NULL::text[])::graphile_worker.job_spec)
      FROM json_array_elements(${JSON.stringify(jobs)}::json) AS j(job)))`.execute(trx);
}
