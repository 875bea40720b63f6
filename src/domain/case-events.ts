import { z } from 'zod';
import { ASSIGNMENT_TRIGGERS } from './assignment-policy.js';
import { ASSIGNMENT_STATUSES, CASE_STATUSES } from './case-state.js';

/**
 * The case event catalogue: every event a case's history can hold, with the schema of
 * its `data`. It is the one definition that the case commands write, the access rules
 * and the webhook mapping read (each with an exhaustive switch, so an event added here
 * does not compile until every reader has decided about it), and the OpenAPI document
 * publishes. Event names are spelled here only; code refers to them as `CaseEventType.x`.
 *
 * Events are facts: once written they are never changed, so a payload only ever gains
 * optional fields.
 */

const department = z.string().describe('Department code');
const userId = z.uuid().nullable();
const assignmentStatus = z.enum(ASSIGNMENT_STATUSES);
const caseStatus = z.enum(CASE_STATUSES);
const role = z.enum(['lead', 'involved']);

const routingDecision = {
  routingVersion: z.number().int().describe('The routing table version that decided'),
  lead: department,
  involved: z.array(department),
  matchedRuleIds: z.array(z.string()).describe('Every rule that matched, in table order'),
};

const assignmentState = z.object({
  status: assignmentStatus,
  assigneeId: userId,
  priority: z.number().int(),
});

const assignmentChange = z
  .object({
    assignmentId: z.uuid(),
    before: assignmentState,
    after: assignmentState,
  })
  .describe('One assignment before and after the change');

/** The messages the enterprise's contact is sent (src/domain/notifications.ts says which event sends which). */
export const NOTIFICATION_KINDS = ['receipt', 'case_in_progress', 'case_waiting_for_you', 'case_resolved', 'enterprise_note'] as const;

/** The message about one case that a caseworker is sent: a new assignment in their department. */
export const CASE_STAFF_NOTIFICATION_KINDS = ['new_assignment'] as const;

const notificationKind = z
  .enum([...NOTIFICATION_KINDS, ...CASE_STAFF_NOTIFICATION_KINDS])
  .describe('Which message: see docs/notifications.md. `new_assignment` went to a caseworker, the others to the enterprise\'s contact');
const notification = {
  kind: notificationKind,
  channel: z.enum(['email']).describe('How it was sent'),
  recipient: z.string().describe('The address masked (`k***@example.dk`): the domain and a hint, never the whole address'),
  eventId: z.string().describe('The event the message tells of; its id is also the message\'s `Message-ID`'),
};

const payloads = {
  created: z
    .object({
      reference: z.string(),
      channel: z.enum(['web', 'api']).describe('The web form or the API'),
      topics: z.array(z.string()),
    })
    .describe('The inquiry arrived and the case was opened'),
  routed: z
    .object({ ...routingDecision, leadRuleId: z.string().nullable().describe('The rule that chose the lead; null for the fallback') })
    .describe('The routing table chose the lead and involved departments; `department` is the lead'),
  claimed: z
    .object({
      assignmentId: z.uuid(),
      before: z.object({ status: z.literal('queued'), assigneeId: z.null() }),
      after: z.object({ status: z.literal('in_progress'), assigneeId: z.uuid() }),
    })
    .describe("A caseworker took the department's assignment from its queue"),
  status_changed: assignmentChange.describe("An assignment moved to another status (it may also have changed hands)"),
  assignee_changed: assignmentChange.describe('An assignment was given to someone else, or released'),
  priority_changed: assignmentChange.describe("An assignment's priority changed"),
  transferred: z
    .object({
      from: department,
      to: department,
      reason: z.string(),
      role,
      assignmentId: z.uuid().describe('The assignment that ended as transferred'),
      before: z.object({ status: assignmentStatus, assigneeId: userId }),
      after: z.object({ status: z.literal('transferred') }),
      lead: z.object({ before: department, after: department }).optional().describe('When the lead moved with it'),
    })
    .describe("A department handed its part of the case to another; `department` is the one handing over"),
  involved: z
    .object({ department, reason: z.string(), dueDate: z.iso.date() })
    .describe('Another department was brought onto the case'),
  note_added: z
    .object({
      noteId: z.uuid(),
      visibility: z.enum(['enterprise', 'case', 'department']),
      body: z.string().optional().describe('Only for notes to the enterprise: their text'),
    })
    .describe('A note was written; see `note` beside the event for what the reader may see of it'),
  case_status_changed: z
    .object({ before: caseStatus, after: caseStatus })
    .describe('The status the enterprise sees changed, following the assignments'),
  rerouted: z
    .object({
      before: z.object(routingDecision),
      after: z.object({ ...routingDecision, leadRuleId: z.string().nullable() }),
      added: z.array(department).describe('Departments that got a queued assignment'),
      transferred: z.array(department).describe('Departments whose unstarted assignment ended'),
      kept: z.array(department).describe('Departments whose started work stays'),
      reason: z.string().optional(),
    })
    .describe('The case was routed again with the table published now'),
  assigned: z
    .object({
      assignmentId: z.uuid(),
      assigneeId: z.uuid().describe('Who received it; it stays queued until they start it'),
      trigger: z.enum(ASSIGNMENT_TRIGGERS).describe('What made the work: a new case, a transfer, an involvement, a release, a no-answer timeout, or the queue handed out later'),
      reason: z
        .object({
          policy: z.number().int().describe("The revision of the department's assignment policy that chose"),
          mode: z.enum(['round-robin', 'least-loaded']),
          openBefore: z.number().int().describe("The receiver's open assignments in the department before this one"),
          coverFor: z.uuid().optional().describe('The absent caseworker whose turn it was, when the receiver covers for them'),
        })
        .describe('Why this caseworker'),
    })
    .describe("The department's assignment policy gave a queued assignment to a caseworker"),
  notification_sent: z
    .object(notification)
    .describe("A message to the enterprise's contact, or to a caseworker about a new assignment, was accepted by the mail server"),
  notification_failed: z
    .object({
      ...notification,
      code: z.number().int().nullable().describe('The mail server\'s reply code (5xx), or null when there was none'),
      reason: z.string().describe("Why it failed: the mail server's reply or the error"),
    })
    .describe("A message to the enterprise's contact, or to a caseworker about a new assignment, could not be sent and will not be retried"),
  personal_data_erased: z
    .object({
      trigger: z.enum(['request', 'schedule']).describe('An erasure asked for by an admin, or the retention schedule'),
      reason: z.string().describe("Why: the request's reason, or the schedule that was due"),
      scheduleVersion: z.number().int().optional().describe('The retention schedule version that made it due (`schedule` only)'),
      fields: z
        .array(z.string())
        .describe('What was erased: `contact.name`, `contact.email`, `contact.phone`, `subject`, `description`, `notes`'),
      notes: z.enum(['enterprise', 'all']).describe('Whose note texts were replaced: those to the enterprise, or every note'),
      notesReplaced: z.number().int().describe('How many note texts were replaced'),
    })
    .describe("The contact's personal data and the free text were erased (a tombstone: who, what, why; never the values)"),
  legal_hold_changed: z
    .object({
      hold: z.boolean().describe('Whether the case is held now'),
      reason: z.string(),
    })
    .describe('The case was put under legal hold (no retention action touches it) or released from it'),
} as const;

export type CaseEventType = keyof typeof payloads;

export const CASE_EVENT_TYPES = Object.keys(payloads) as CaseEventType[];

/** The event names as constants, for writers and switches: `CaseEventType.claimed`. */
export const CaseEventType = Object.fromEntries(CASE_EVENT_TYPES.map((type) => [type, type])) as { readonly [T in CaseEventType]: T };

export type CaseEventData<T extends CaseEventType> = z.infer<(typeof payloads)[T]>;

/** The schema of each event's `data`. */
export function caseEventPayload<T extends CaseEventType>(type: T): (typeof payloads)[T] {
  return payloads[type];
}

/** An event of the catalogue as a change names it; who made it and on which case are added when it is saved. */
export type CaseEvent = {
  [T in CaseEventType]: { type: T; department?: string | null; data: CaseEventData<T> };
}[CaseEventType];

export type CaseEventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;

/** The record of a message to the enterprise: sent, or given up on. */
export type NotificationOutcomeEvent = CaseEventOf<typeof CaseEventType.notification_sent> | CaseEventOf<typeof CaseEventType.notification_failed>;

/** Which assignment event a change of status, assignee or priority is, in that order of weight. */
export function assignmentChangeType(
  before: z.infer<typeof assignmentState>,
  after: z.infer<typeof assignmentState>,
): typeof CaseEventType.status_changed | typeof CaseEventType.assignee_changed | typeof CaseEventType.priority_changed {
  if (before.status !== after.status) return CaseEventType.status_changed;
  if (before.assigneeId !== after.assigneeId) return CaseEventType.assignee_changed;
  return CaseEventType.priority_changed;
}

/**
 * Whether the event belongs to the story the enterprise is told (the case opened, its
 * status, notes to it): what an integrator, who acts for enterprises, may follow.
 */
export function isEnterpriseLevel(type: CaseEventType): boolean {
  switch (type) {
    case CaseEventType.created:
    case CaseEventType.case_status_changed:
    case CaseEventType.note_added:
      return true;
    case CaseEventType.routed:
    case CaseEventType.claimed:
    case CaseEventType.status_changed:
    case CaseEventType.assignee_changed:
    case CaseEventType.priority_changed:
    case CaseEventType.transferred:
    case CaseEventType.involved:
    case CaseEventType.rerouted:
    case CaseEventType.assigned:
      return false;
    case CaseEventType.notification_sent:
    case CaseEventType.notification_failed:
      // The municipality's record of its own mail: the enterprise has the mail itself.
      return false;
    case CaseEventType.personal_data_erased:
    case CaseEventType.legal_hold_changed:
      // The municipality's record keeping.
      return false;
  }
}
