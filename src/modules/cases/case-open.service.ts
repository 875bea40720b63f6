import type { RawBuilder, Transaction } from 'kysely';
import { CaseEventType } from '../../domain/case-events.js';
import type { RoutingDecision } from '../../domain/routing.js';
import type { DB } from '../../db/schema.js';
import { insertCase } from './case-open.repository.js';
import { announceEvents } from './events.repository.js';

export interface CaseOpening {
  /** The inquiries module's statement writing the inquiry (see `insertCase`). */
  insertInquiry: RawBuilder<unknown>;
  channel: 'web' | 'api';
  /** Who submitted it: an API user, or the enterprise itself through the web form. */
  actor: { userId: string; role: string } | null;
  topics: string[];
  decision: RoutingDecision;
  receivedAt: Date;
  referencePrefix: string;
  referenceYear: number;
  trackingTokenHash: Buffer;
  /** The tracking token encrypted under SECRETS_KEY, for the receipt mail (see `NotificationJob`). */
  sealedTrackingToken: string;
  dueDate: string;
}

export interface OpenCaseResult {
  inquiryId: string;
  caseId: string;
  reference: string;
}

/**
 * Opens the case of a new inquiry, inside the intake's transaction: the case, a queued
 * assignment for the lead and each involved department, its `created` and `routed` events,
 * and the webhook deliveries announcing them.
 */
export async function openCase(trx: Transaction<DB>, opening: CaseOpening): Promise<OpenCaseResult> {
  const { decision } = opening;
  const actor = { actorId: opening.actor?.userId ?? null, actorRole: opening.actor?.role ?? 'enterprise' };
  const written = await insertCase(trx, {
    insertInquiry: opening.insertInquiry,
    submittedBy: opening.actor?.userId ?? null,
    openedAt: opening.receivedAt,
    referencePrefix: opening.referencePrefix,
    referenceYear: opening.referenceYear,
    leadDepartment: decision.lead,
    involvedDepartments: decision.involved,
    routingVersion: decision.version,
    matchedRuleIds: decision.matchedRuleIds,
    trackingTokenHash: opening.trackingTokenHash,
    dueDate: opening.dueDate,
    events: [
      { type: CaseEventType.created, ...actor, data: { channel: opening.channel, topics: opening.topics } },
      {
        type: CaseEventType.routed,
        ...actor,
        department: decision.lead,
        data: {
          routingVersion: decision.version,
          lead: decision.lead,
          involved: decision.involved,
          leadRuleId: decision.leadRuleId,
          matchedRuleIds: decision.matchedRuleIds,
        },
      },
    ],
  });
  await announceEvents(trx, written.appended, written.recipients, { sealedTrackingToken: opening.sealedTrackingToken });
  return { inquiryId: written.inquiryId, caseId: written.caseId, reference: written.reference };
}
