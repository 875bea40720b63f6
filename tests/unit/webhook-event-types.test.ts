import { CASE_EVENT_TYPES, type CaseEvent } from '../../src/domain/case-events.js';
import { type CaseSnapshot, webhookBody, webhookTypesFor } from '../../src/modules/webhooks/event-types.js';

// Events with just the fields each case needs; the catalogue's full payloads are checked where they are written.
const caseEvent = (type: string, data: Record<string, unknown>, department: string | null = null) => ({ type, data, department }) as CaseEvent;

describe('which case events become webhooks', () => {
  test.each([
    ['created', {}, ['case.created']],
    ['routed', {}, []],
    ['claimed', {}, ['case.assignment.changed']],
    ['status_changed', {}, ['case.assignment.changed']],
    ['assignee_changed', {}, ['case.assignment.changed']],
    ['priority_changed', {}, ['case.assignment.changed']],
    ['rerouted', {}, ['case.assignment.changed']],
    ['transferred', {}, ['case.transferred']],
    ['involved', {}, ['case.involved']],
    ['case_status_changed', { before: 'in_progress', after: 'resolved' }, ['case.resolved']],
    ['case_status_changed', { before: 'received', after: 'in_progress' }, []],
    ['case_status_changed', { before: 'resolved', after: 'in_progress' }, []],
    ['note_added', { visibility: 'enterprise' }, ['case.note.enterprise']],
    ['note_added', { visibility: 'case' }, []],
    ['note_added', { visibility: 'department' }, []],
  ])('%s %j → %j', (type, data, expected) => {
    expect(webhookTypesFor(caseEvent(type, data))).toEqual(expected);
  });

  test('every event of the catalogue is decided', () => {
    for (const type of CASE_EVENT_TYPES) expect(Array.isArray(webhookTypesFor(caseEvent(type, {})))).toBe(true);
  });
});

describe('what a webhook tells', () => {
  const snapshot: CaseSnapshot = {
    caseId: '6f7c3c9e-2b0a-4f7e-9a55-0d8f5f8e2a11',
    reference: 'KOL-2026-000042',
    status: 'in_progress',
    leadDepartment: 'business-service',
    assignments: [
      { department: 'jobcenter', role: 'lead', status: 'transferred' },
      { department: 'business-service', role: 'lead', status: 'in_progress' },
      { department: 'social', role: 'involved', status: 'queued' },
    ],
  };
  const at = new Date('2026-11-26T10:00:00Z');
  const event = (type: string, data: Record<string, unknown>, department: string | null = null) => ({ ...caseEvent(type, data, department), createdAt: at });

  test('a transfer names the departments but not the reason', () => {
    const body = webhookBody('case.transferred', event('transferred', { from: 'jobcenter', to: 'business-service', reason: 'Fejlsendt: handler om lån' }), snapshot);
    expect(body).toEqual({
      type: 'case.transferred',
      timestamp: '2026-11-26T10:00:00.000Z',
      data: { caseId: snapshot.caseId, reference: 'KOL-2026-000042', status: 'in_progress', leadDepartment: 'business-service', from: 'jobcenter', to: 'business-service' },
    });
    expect(JSON.stringify(body)).not.toContain('lån');
  });

  test('an assignment change tells the department and its status, not the assignee', () => {
    const body = webhookBody('case.assignment.changed', event('claimed', { assigneeId: 'u-1', assigneeName: 'Karen' }, 'business-service'), snapshot);
    expect(body.data).toMatchObject({ department: 'business-service', assignmentStatus: 'in_progress' });
    expect(JSON.stringify(body)).not.toMatch(/Karen|u-1/);
  });

  test('an enterprise note carries its text; involved departments are listed', () => {
    expect(webhookBody('case.note.enterprise', event('note_added', { visibility: 'enterprise', body: 'Vi ringer i morgen.' }), snapshot).data).toMatchObject({
      note: { body: 'Vi ringer i morgen.', createdAt: '2026-11-26T10:00:00.000Z' },
    });
    expect(webhookBody('case.involved', event('involved', { department: 'social' }), snapshot).data).toMatchObject({
      department: 'social',
      involvedDepartments: ['social'],
    });
  });
});
