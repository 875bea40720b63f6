import type { Transaction } from 'kysely';
import type { NotificationOutcomeEvent } from '../../domain/case-events.js';
import type { DB } from '../../db/schema.js';
import { appendCaseEvent } from './events.repository.js';

/**
 * Records in the case's history that a message to the enterprise was sent or failed: the
 * notifications module reports here, since only this module writes case events. Made by
 * the service itself, so without an actor.
 */
export async function recordCaseNotification(trx: Transaction<DB>, caseId: string, event: NotificationOutcomeEvent): Promise<void> {
  await appendCaseEvent(trx, { ...event, caseId, actorId: null, actorRole: 'system' });
}
