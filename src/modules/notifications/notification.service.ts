import type { FastifyBaseLogger } from 'fastify';
import type { Transaction } from 'kysely';
import { CaseEventType, type NotificationOutcomeEvent } from '../../domain/case-events.js';
import type { KeyRing } from '../../domain/key-ring.js';
import { maskAddress, maskAddressesIn, messageIdFor, notificationKindFor } from '../../domain/notifications.js';
import { ERASED_EMAIL } from '../../domain/retention.js';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { Lang } from '../../pages/messages.js';
import { pageHref } from '../../pages/page-href.js';
import type { MailTransport, SendOutcome } from './mail-transport.js';
import type { NotificationJob } from './notification-jobs.js';
import { findMailContext, insertSentRecord } from './notifications.repository.js';
import { renderMessage } from './templates.js';

/**
 * Appends a `notification_sent`/`notification_failed` event to the case's history in
 * `trx`. The cases module, which alone writes case events, provides it (see
 * `recordCaseNotification`); it is handed in so that this module need not import it.
 */
export type RecordOutcome = (trx: Transaction<DB>, caseId: string, event: NotificationOutcomeEvent) => Promise<void>;

export interface NotificationDeps {
  db: Database;
  transport: MailTransport;
  keys: KeyRing;
  from: string;
  publicBaseUrl: string;
  recordOutcome: RecordOutcome;
  log: FastifyBaseLogger;
}

/** Thrown for a temporary failure, so that the job queue tries again with its backoff. */
export class TemporaryMailError extends Error {
  override name = 'TemporaryMailError';
}

/** The enterprise's status page, in the language of its inquiry. */
function trackingUrl(publicBaseUrl: string, reference: string, token: string, lang: Lang): string {
  return `${publicBaseUrl}${pageHref(`/status/${encodeURIComponent(reference)}`, { token, lang })}`;
}

/**
 * Sends the message of one case event, at least once and, but for one window, at most
 * once: a message already recorded is not sent again, and the record is written right
 * after the mail server accepts it. A crash between the two sends it again on the next
 * run, with the same `Message-ID`. A temporary failure throws (the queue retries) until
 * the last attempt, which records it as failed like a permanent one.
 */
export async function sendNotification(deps: NotificationDeps, job: NotificationJob, attempt: { last: boolean }): Promise<void> {
  const context = await findMailContext(deps.db, job.eventId);
  // An erased contact has no address left: messages of its case are dropped unsent.
  if (!context || context.recorded || context.contactEmail === ERASED_EMAIL) return;
  const kind = notificationKindFor(context.event);
  if (!kind) return;

  const language = context.language;
  const token = job.trackingToken ? deps.keys.open(job.trackingToken) : null;
  const message = renderMessage(kind, language, {
    reference: context.reference,
    leadDepartment: context.leadDepartment[language],
    answerBy: context.answerBy,
    trackingUrl: token ? trackingUrl(deps.publicBaseUrl, context.reference, token, language) : null,
    noteBody: context.event.type === CaseEventType.note_added ? (context.event.data.body ?? null) : null,
  });
  const outcome: SendOutcome = await deps.transport.send({
    ...message,
    from: deps.from,
    to: context.contactEmail,
    messageId: messageIdFor(context.eventId, deps.publicBaseUrl),
    language,
  });
  const logged = { caseId: context.caseId, eventId: context.eventId, kind, transport: deps.transport.name };
  if (outcome.status === 'temporary' && !attempt.last) {
    deps.log.warn({ ...logged, code: outcome.code }, 'notification not sent; will retry');
    throw new TemporaryMailError(outcome.reason);
  }

  // The server's reply goes into the history and the record, with any address in it masked.
  const reason = outcome.status === 'accepted' ? null : maskAddressesIn(outcome.reason);
  const common = { kind, channel: 'email' as const, recipient: maskAddress(context.contactEmail), eventId: context.eventId };
  const event: NotificationOutcomeEvent =
    outcome.status === 'accepted'
      ? { type: CaseEventType.notification_sent, data: common }
      : { type: CaseEventType.notification_failed, data: { ...common, code: outcome.code, reason: reason ?? '' } };
  await deps.db.transaction().execute(async (trx) => {
    const first = await insertSentRecord(trx, {
      eventId: context.eventId,
      caseId: context.caseId,
      kind,
      outcome: outcome.status === 'accepted' ? 'sent' : 'failed',
      smtpCode: outcome.status === 'accepted' ? null : outcome.code,
      error: reason,
    });
    if (first) await deps.recordOutcome(trx, context.caseId, event);
  });
  if (outcome.status === 'accepted') deps.log.info(logged, 'notification sent');
  else deps.log.warn({ ...logged, code: outcome.code }, 'notification failed for good');
}
