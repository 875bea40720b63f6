import { CASE_EVENT_TYPES, type CaseEvent } from '../../src/domain/case-events.js';
import { newAssignmentsOf, sendsMail, staffMessageIdFor } from '../../src/domain/notifications.js';
import { renderDigest, renderNewAssignment, renderOverdueReminder } from '../../src/modules/notifications/staff-templates.js';
import { scheduledAt } from '../../src/modules/notifications/notifications.tasks.js';

const of = (event: unknown) => newAssignmentsOf(event as CaseEvent);

test('which events give departments new work to tell their caseworkers of', () => {
  expect(of({ type: 'routed', data: { lead: 'jobcenter', involved: ['social', 'technical'] } })).toEqual([
    { department: 'jobcenter', role: 'lead' },
    { department: 'social', role: 'involved' },
    { department: 'technical', role: 'involved' },
  ]);
  expect(of({ type: 'transferred', data: { from: 'jobcenter', to: 'social', role: 'lead' } })).toEqual([{ department: 'social', role: 'lead' }]);
  expect(of({ type: 'involved', data: { department: 'technical' } })).toEqual([{ department: 'technical', role: 'involved' }]);
  expect(of({ type: 'rerouted', data: { added: ['social', 'technical'], after: { lead: 'social' } } })).toEqual([
    { department: 'social', role: 'lead' },
    { department: 'technical', role: 'involved' },
  ]);
  for (const type of ['created', 'claimed', 'assignee_changed', 'note_added', 'case_status_changed', 'notification_sent']) expect(of({ type, data: {} })).toEqual([]);
  for (const type of CASE_EVENT_TYPES) {
    expect(() => of({ type, data: { lead: 'a', involved: [], to: 'b', role: 'lead', department: 'c', added: [], after: { lead: 'a' } } })).not.toThrow();
  }
});

test('an event sends mail when it tells the enterprise something or gives a department work', () => {
  const sends = (event: unknown) => sendsMail(event as CaseEvent);
  expect(sends({ type: 'created', data: {} })).toBe(true);
  expect(sends({ type: 'routed', data: { lead: 'jobcenter', involved: [] } })).toBe(true);
  expect(sends({ type: 'claimed', data: {} })).toBe(false);
  expect(sends({ type: 'rerouted', data: { added: [], after: { lead: 'jobcenter' } } })).toBe(false);
});

test('a message to staff has one Message-ID per user and subject, fit for the header', () => {
  expect(staffMessageIdFor('assignment:42:business-service', 'u-1', 'https://intake.kommune.dk')).toBe('<staff-assignment.42.business-service.u-1@intake.kommune.dk>');
  expect(staffMessageIdFor('digest:2026-12-01', 'u-1', 'https://intake.kommune.dk')).toBe('<staff-digest.2026-12-01.u-1@intake.kommune.dk>');
});

const hostile = { reference: 'KOL-2026-000001', department: 'Jobcenter & <b>Erhverv</b>', role: 'lead' as const, answerBy: '2026-12-10' };

test('every value is escaped in the HTML of each message to staff, and the two bodies say the same', () => {
  const messages = [
    renderNewAssignment('da', { ...hostile, origin: 'transfer', staffUrl: 'https://x.dk/staff?a="b"' }),
    renderDigest('da', { assignments: [hostile], staffUrl: 'https://x.dk/staff' }),
    renderOverdueReminder('da', { assignments: [hostile, { ...hostile, reference: 'KOL-2026-000002' }], staffUrl: 'https://x.dk/staff' }),
  ];
  for (const message of messages) {
    expect(message.html).not.toContain('<b>');
    expect(message.html).toContain('Jobcenter &amp; &lt;b&gt;Erhverv&lt;/b&gt;');
    expect(message.text).toContain('Jobcenter & <b>Erhverv</b>');
    expect(message.text).toContain('10. december 2026');
  }
  expect(messages[0]?.html).toContain('href="https://x.dk/staff?a=&quot;b&quot;"');
  expect(messages[2]?.subject).toBe('Du har 2 opgaver over svarfristen');
});

test('each message to staff has an English template too', () => {
  expect(renderNewAssignment('en', { ...hostile, origin: 'intake', staffUrl: 'https://x.dk/staff' }).subject).toBe('New assignment for Jobcenter & <b>Erhverv</b>: KOL-2026-000001');
  expect(renderDigest('en', { assignments: [hostile], staffUrl: 'https://x.dk/staff' }).text).toContain('10 December 2026');
  expect(renderOverdueReminder('en', { assignments: [hostile], staffUrl: 'https://x.dk/staff' }).subject).toBe('You have 1 overdue assignment');
});

test('the daily task takes its day from the hour the queue scheduled it for, so a late or repeated run sends that day\'s mail', () => {
  expect(scheduledAt({ _cron: { ts: '2026-12-01T06:00:00.000Z', backfilled: true } })).toEqual(new Date('2026-12-01T06:00:00Z'));
  const before = Date.now();
  for (const payload of [{}, null, { _cron: { ts: 'yesterday' } }]) expect(scheduledAt(payload).getTime()).toBeGreaterThanOrEqual(before);
});
