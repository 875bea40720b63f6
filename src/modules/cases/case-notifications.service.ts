import type { Transaction } from 'kysely';
import { type CaseEventOf, CaseEventType } from '../../domain/case-events.js';
import type { DB } from '../../db/schema.js';
import { appendCaseEvent } from './events.repository.js';

type NotificationOutcome = CaseEventOf<typeof CaseEventType.notification_sent> | CaseEventOf<typeof CaseEventType.notification_failed>;

/**
 * Records in the case's history that a message to the enterprise was sent or failed: the
 * notifications module reports here, since only this module writes case events. Made by
 * the service itself, so without an actor.
 */
export async function recordCaseNotification(trx: Transaction<DB>, caseId: string, event: NotificationOutcome): Promise<void> {
  if (event.type !== CaseEventType.notification_sent && event.type !== CaseEventType.notification_failed) {
    throw new Error(`Only notification outcomes are recorded here, not ${String((event as { type: unknown }).type)}`);
  }
  await appendCaseEvent(trx, { ...event, caseId, actorId: null, actorRole: 'system' });
}
