import type { CaseStatus } from './case-state.js';
import { type CaseEvent, CaseEventType, type NOTIFICATION_KINDS } from './case-events.js';

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type Language = 'da' | 'en';

const STATUS_MESSAGES: Record<CaseStatus, NotificationKind | null> = {
  received: null,
  in_progress: 'case_in_progress',
  waiting_for_you: 'case_waiting_for_you',
  resolved: 'case_resolved',
};

/**
 * The message a case event sends to the enterprise's contact, if any. Exhaustive over the
 * catalogue: an event added there does not compile until it is decided here whether the
 * enterprise is told of it by mail.
 */
export function notificationKindFor(event: CaseEvent): NotificationKind | null {
  switch (event.type) {
    case CaseEventType.created:
      return 'receipt';
    case CaseEventType.case_status_changed:
      // `received` is only ever the first status, which the receipt already tells.
      return event.data.before === event.data.after ? null : STATUS_MESSAGES[event.data.after];
    case CaseEventType.note_added:
      // Department and case notes stay inside the municipality.
      return event.data.visibility === 'enterprise' ? 'enterprise_note' : null;
    case CaseEventType.routed:
    case CaseEventType.claimed:
    case CaseEventType.status_changed:
    case CaseEventType.assignee_changed:
    case CaseEventType.priority_changed:
    case CaseEventType.transferred:
    case CaseEventType.involved:
    case CaseEventType.rerouted:
    case CaseEventType.assigned:
      // The municipality's inner workings: the enterprise hears of their effect on the status.
      return null;
    case CaseEventType.notification_sent:
    case CaseEventType.notification_failed:
      // The record of a message is never a reason for another.
      return null;
    case CaseEventType.personal_data_erased:
    case CaseEventType.legal_hold_changed:
      // Record keeping; after an erasure there is nobody to write to.
      return null;
  }
}

/**
 * An address as the case history may keep it: the first character of the local part and
 * the domain (`k***@example.dk`). Enough to tell which of two addresses was used, not
 * enough to write to it.
 */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${address.slice(0, 1)}***${address.slice(at)}`;
}

/** The `Message-ID` of the message for a case event: the same on every attempt, so a receiver can spot a repeat. */
export function messageIdFor(eventId: string, publicBaseUrl: string): string {
  return `<case-event-${eventId}@${new URL(publicBaseUrl).hostname}>`;
}

const ADDRESS = /[^\s<>@"'(),;:]+@[A-Za-z0-9.-]+/g;

/** Text from a mail server (its reply often names the address) with every address in it masked, for the case history. */
export function maskAddressesIn(text: string): string {
  return text.replace(ADDRESS, (address) => maskAddress(address));
}

/** How a member of staff hears of new assignments in their departments (`PUT /v1/me/notifications`). */
export const NEW_ASSIGNMENTS_PREFERENCES = ['immediately', 'daily', 'off'] as const;
export type NewAssignmentsPreference = (typeof NEW_ASSIGNMENTS_PREFERENCES)[number];

/**
 * What a user who has not chosen gets: the daily digest. Told of new work once a day
 * without being asked, and nobody gets a mail per case they did not ask for.
 */
export const DEFAULT_NEW_ASSIGNMENTS: NewAssignmentsPreference = 'daily';

/** The messages staff are sent (recorded in `staff_notifications_sent`, and a new assignment also in the case's history). */
export type StaffNotificationKind = 'new_assignment' | 'assignment_digest' | 'overdue_reminder';

/** A department's new assignment that an event made, to tell the department's caseworkers of. */
export interface NewAssignment {
  department: string;
  role: 'lead' | 'involved';
}

/**
 * The assignments a case event created, one per department. Exhaustive over the
 * catalogue like `notificationKindFor`: an event added there does not compile until it is
 * decided whether it brings a department new work.
 */
export function newAssignmentsOf(event: CaseEvent): NewAssignment[] {
  switch (event.type) {
    case CaseEventType.routed:
      // The intake: a queued assignment for the lead and each involved department.
      return [{ department: event.data.lead, role: 'lead' }, ...event.data.involved.map((department) => ({ department, role: 'involved' as const }))];
    case CaseEventType.transferred:
      return [{ department: event.data.to, role: event.data.role }];
    case CaseEventType.involved:
      return [{ department: event.data.department, role: 'involved' }];
    case CaseEventType.rerouted:
      return event.data.added.map((department) => ({ department, role: department === event.data.after.lead ? ('lead' as const) : ('involved' as const) }));
    case CaseEventType.created:
    case CaseEventType.claimed:
    case CaseEventType.status_changed:
    case CaseEventType.assignee_changed:
    case CaseEventType.priority_changed:
    case CaseEventType.note_added:
    case CaseEventType.case_status_changed:
    case CaseEventType.notification_sent:
    case CaseEventType.notification_failed:
    case CaseEventType.personal_data_erased:
    case CaseEventType.legal_hold_changed:
      // Work that already had a department (a release puts it back in the same queue), or no work at all.
      return [];
    case CaseEventType.assigned:
      // The department's new work was told of by the event that made it (routed,
      // transferred, involved); this one gives it to one of its caseworkers.
      return [];
  }
}

/** Whether the event sends any message: to the enterprise, or to the caseworkers of a department given new work. */
export function sendsMail(event: CaseEvent): boolean {
  return notificationKindFor(event) !== null || newAssignmentsOf(event).length > 0;
}

/** The `Message-ID` of a message to a member of staff: one per user and subject, the same on every attempt. */
export function staffMessageIdFor(key: string, userId: string, publicBaseUrl: string): string {
  return `<staff-${key.replace(/[^A-Za-z0-9.-]/g, '.')}.${userId}@${new URL(publicBaseUrl).hostname}>`;
}
