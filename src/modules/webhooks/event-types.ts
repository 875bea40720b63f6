import { type CaseEvent, CaseEventType } from '../../domain/case-events.js';

// The one place that says which case events (the catalogue, src/domain/case-events.ts)
// become which webhook events, and what a webhook tells about them.

export const WEBHOOK_EVENT_TYPES = [
  'case.created',
  'case.assignment.changed',
  'case.transferred',
  'case.involved',
  'case.resolved',
  'case.note.enterprise',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** A case event of the catalogue, as appended, for the webhooks it produces. */
export type CaseEventForWebhooks = CaseEvent & { createdAt: Date };

/**
 * The webhook events a case event produces. Exhaustive over the catalogue: an event
 * added there does not compile until it is decided here whether integrators hear of it.
 */
export function webhookTypesFor(event: CaseEvent): WebhookEventType[] {
  switch (event.type) {
    case CaseEventType.created:
      return ['case.created'];
    case CaseEventType.transferred:
      return ['case.transferred'];
    case CaseEventType.involved:
      return ['case.involved'];
    case CaseEventType.case_status_changed:
      // Written whenever the status the enterprise sees changes; only reaching `resolved` is announced.
      return event.data.after === 'resolved' && event.data.before !== 'resolved' ? ['case.resolved'] : [];
    case CaseEventType.note_added:
      // Department and case notes stay inside the municipality.
      return event.data.visibility === 'enterprise' ? ['case.note.enterprise'] : [];
    case CaseEventType.claimed:
    case CaseEventType.status_changed:
    case CaseEventType.assignee_changed:
    case CaseEventType.priority_changed:
    case CaseEventType.rerouted:
      return ['case.assignment.changed'];
    case CaseEventType.routed:
      // Internal: the created event already tells the lead department.
      return [];
    case CaseEventType.assigned:
      // Who in the department works on it is internal, and the assignment stays queued.
      return [];
    case CaseEventType.notification_sent:
    case CaseEventType.notification_failed:
      // The municipality's own mail to the enterprise; an integrator tells its client itself.
      return [];
    case CaseEventType.personal_data_erased:
    case CaseEventType.legal_hold_changed:
      // The municipality's record keeping; an erasure rewrites the stored deliveries instead.
      return [];
  }
}

/** What the webhook payload may tell about the case: nothing of the inquiry beyond its reference. */
export interface CaseSnapshot {
  caseId: string;
  reference: string;
  status: string;
  leadDepartment: string;
  assignments: Array<{ department: string; role: string; status: string }>;
}

/**
 * The `data` of a webhook: the case's id, reference and enterprise-facing status, and the
 * few facts of this event. Reasons, assignees and internal notes are left out on purpose:
 * they are the municipality's working material, not the integrator's.
 */
export function webhookData(type: WebhookEventType, event: CaseEventForWebhooks, snapshot: CaseSnapshot): Record<string, unknown> {
  const active = snapshot.assignments.filter((a) => a.status !== 'transferred');
  const base = {
    caseId: snapshot.caseId,
    reference: snapshot.reference,
    status: snapshot.status,
    leadDepartment: snapshot.leadDepartment,
  };
  const involvedDepartments = active.filter((a) => a.role === 'involved').map((a) => a.department).sort();
  switch (type) {
    case 'case.created':
      return { ...base, involvedDepartments };
    case 'case.assignment.changed': {
      const department = event.department ?? undefined;
      const assignment = snapshot.assignments.find((a) => a.department === department && a.status !== 'transferred');
      return { ...base, department, assignmentStatus: assignment?.status };
    }
    case 'case.transferred':
      return event.type === CaseEventType.transferred ? { ...base, from: event.data.from, to: event.data.to } : base;
    case 'case.involved':
      return event.type === CaseEventType.involved ? { ...base, department: event.data.department, involvedDepartments } : base;
    case 'case.resolved':
      return { ...base, resolvedAt: event.createdAt.toISOString() };
    case 'case.note.enterprise':
      return { ...base, note: { body: event.type === CaseEventType.note_added ? (event.data.body ?? '') : '', createdAt: event.createdAt.toISOString() } };
  }
}

/** The JSON body of a delivery, as Standard Webhooks lays it out. */
export function webhookBody(type: WebhookEventType, event: CaseEventForWebhooks, snapshot: CaseSnapshot) {
  return { type, timestamp: event.createdAt.toISOString(), data: webhookData(type, event, snapshot) };
}
