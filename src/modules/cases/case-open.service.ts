import type { Kysely, RawBuilder, Transaction } from 'kysely';
import { type CaseEvent, CaseEventType } from '../../domain/case-events.js';
import { sendsMail } from '../../domain/notifications.js';
import type { RoutingDecision } from '../../domain/routing.js';
import type { DB } from '../../db/schema.js';
import { outboxOfAppended } from '../notifications/notification-jobs.js';
import { assignOpenedCase } from './case-auto-assign.repository.js';
import { insertCase, type NewCase, type OpeningEvent } from './case-open.repository.js';
import { announceEvents } from './events.repository.js';

export interface CaseOpening {
  /** The inquiries module's statement writing the inquiry, when a condition holds if one is given (see `insertCase`). */
  insertInquiry: (onlyIf?: RawBuilder<boolean>) => RawBuilder<unknown>;
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

/** The case's first events: `created`, and `routed` with the decision. */
function openingEvents(opening: CaseOpening): OpeningEvent[] {
  const { decision } = opening;
  const actor = { actorId: opening.actor?.userId ?? null, actorRole: opening.actor?.role ?? 'enterprise' };
  return [
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
  ];
}

function newCase(opening: CaseOpening, alone: boolean): NewCase {
  const { decision } = opening;
  const events = openingEvents(opening);
  // Which webhooks or messages an event produces does not depend on the reference the statement adds.
  const notifying = events.filter((event) => sendsMail(event as unknown as CaseEvent)).map((event) => event.type);
  return {
    insertInquiry: opening.insertInquiry,
    alone,
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
    events,
    insertOutbox: notifying.length > 0 ? outboxOfAppended(notifying, opening.sealedTrackingToken, [decision.lead, ...decision.involved]) : null,
  };
}

/**
 * Opens the case of a new inquiry, inside the intake's transaction: the case, a queued
 * assignment for the lead and each involved department, its `created` and `routed` events,
 * and the webhook deliveries announcing them; then, in departments whose assignment policy
 * hands out work, the caseworkers it chooses.
 */
export async function openCase(trx: Transaction<DB>, opening: CaseOpening): Promise<OpenCaseResult> {
  const written = await insertCase(trx, newCase(opening, false));
  if (!written) throw new Error('The statement opening the case returned no case');
  await announceEvents(trx, written.appended, written.recipients, { outboxWritten: true });
  if (written.autoDepartments.length > 0) {
    // Only where a department's policy hands out work: one more statement, the choice.
    const assigned = await assignOpenedCase(trx, written.caseId, written.autoDepartments, new Date());
    await announceEvents(trx, assigned, []);
  }
  return { inquiryId: written.inquiryId, caseId: written.caseId, reference: written.reference };
}

/**
 * Opens the case of a new inquiry by one statement outside any transaction, when that is
 * all there is to write: inquiry, case, assignments, events and messages are written by
 * it (atomically, as any single statement), and no webhook endpoint hears of the case and
 * no department hands out its work, which would take statements of their own. One round
 * trip instead of three (BEGIN and COMMIT). Null when it wrote nothing because more was
 * needed: then `openCase` in a transaction.
 */
export async function openCaseAlone(db: Kysely<DB>, opening: CaseOpening): Promise<OpenCaseResult | null> {
  const written = await insertCase(db, newCase(opening, true));
  if (!written) return null;
  return { inquiryId: written.inquiryId, caseId: written.caseId, reference: written.reference };
}
