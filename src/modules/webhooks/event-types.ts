// The one place that says which case events become which webhook events, and what a
// webhook tells about them. Case event `type` strings are written by the intake and the
// case endpoints; when those names change, this mapping changes with them.

export const WEBHOOK_EVENT_TYPES = [
  'case.created',
  'case.assignment.changed',
  'case.transferred',
  'case.involved',
  'case.resolved',
  'case.note.enterprise',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export interface CaseEventForWebhooks {
  type: string;
  department: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
}

// Case events that change an assignment (src/modules/cases/case-work.service.ts, and a
// re-route in src/modules/routing/reroute.service.ts).
const ASSIGNMENT_EVENTS = new Set(['claimed', 'status_changed', 'assignee_changed', 'priority_changed', 'rerouted']);

function text(data: Record<string, unknown>, key: string): string | undefined {
  const value = data[key];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** The webhook events a case event produces (none for most internal events such as `routed`). */
export function webhookTypesFor(event: Pick<CaseEventForWebhooks, 'type' | 'data'>): WebhookEventType[] {
  switch (event.type) {
    case 'created':
      return ['case.created'];
    case 'transferred':
      return ['case.transferred'];
    case 'involved':
      return ['case.involved'];
    case 'case_status_changed':
      // Written whenever the status the enterprise sees changes; only reaching `resolved` is announced.
      return event.data.after === 'resolved' && event.data.before !== 'resolved' ? ['case.resolved'] : [];
    case 'note_added':
      // Department and case notes stay inside the municipality.
      return event.data.visibility === 'enterprise' ? ['case.note.enterprise'] : [];
  }
  return ASSIGNMENT_EVENTS.has(event.type) ? ['case.assignment.changed'] : [];
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
      const department = event.department ?? text(event.data, 'department');
      const assignment = snapshot.assignments.find((a) => a.department === department && a.status !== 'transferred');
      return { ...base, department, assignmentStatus: assignment?.status };
    }
    case 'case.transferred':
      return { ...base, from: text(event.data, 'from') ?? event.department ?? undefined, to: text(event.data, 'to') };
    case 'case.involved':
      return { ...base, department: text(event.data, 'department') ?? event.department ?? undefined, involvedDepartments };
    case 'case.resolved':
      return { ...base, resolvedAt: event.createdAt.toISOString() };
    case 'case.note.enterprise':
      return { ...base, note: { body: text(event.data, 'body') ?? '', createdAt: event.createdAt.toISOString() } };
  }
}

/** The JSON body of a delivery, as Standard Webhooks lays it out. */
export function webhookBody(type: WebhookEventType, event: CaseEventForWebhooks, snapshot: CaseSnapshot) {
  return { type, timestamp: event.createdAt.toISOString(), data: webhookData(type, event, snapshot) };
}
