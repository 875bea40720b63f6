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
