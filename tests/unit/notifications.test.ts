import { CASE_EVENT_TYPES, type CaseEvent } from '../../src/domain/case-events.js';
import { maskAddress, maskAddressesIn, notificationKindFor } from '../../src/domain/notifications.js';
import { renderMessage } from '../../src/modules/notifications/templates.js';

test('which events send the enterprise a message', () => {
  const kind = (event: unknown) => notificationKindFor(event as CaseEvent);
  expect(kind({ type: 'created', data: {} })).toBe('receipt');
  expect(kind({ type: 'case_status_changed', data: { before: 'received', after: 'in_progress' } })).toBe('case_in_progress');
  expect(kind({ type: 'case_status_changed', data: { before: 'in_progress', after: 'waiting_for_you' } })).toBe('case_waiting_for_you');
  expect(kind({ type: 'case_status_changed', data: { before: 'in_progress', after: 'resolved' } })).toBe('case_resolved');
  expect(kind({ type: 'note_added', data: { visibility: 'enterprise', body: 'x' } })).toBe('enterprise_note');
  expect(kind({ type: 'note_added', data: { visibility: 'department' } })).toBeNull();
  expect(kind({ type: 'note_added', data: { visibility: 'case' } })).toBeNull();
  for (const type of ['routed', 'claimed', 'transferred', 'notification_sent', 'notification_failed']) expect(kind({ type, data: {} })).toBeNull();
  for (const type of CASE_EVENT_TYPES) expect(() => kind({ type, data: { before: 'received', after: 'received', visibility: 'case' } })).not.toThrow();
});

test('addresses are masked to a hint and the domain, also inside a server reply', () => {
  expect(maskAddress('mette@example.dk')).toBe('m***@example.dk');
  expect(maskAddressesIn('5.1.1 <mette.hansen@example.dk>: Recipient address rejected')).toBe('5.1.1 <m***@example.dk>: Recipient address rejected');
});

test('every value is escaped in the HTML body and kept as written in the text body', () => {
  const message = renderMessage('enterprise_note', 'da', {
    reference: 'KOL-2026-000001',
    leadDepartment: 'Jobcenter & <Erhverv>',
    answerBy: '2026-12-10',
    trackingUrl: null,
    noteBody: '<script>alert(1)</script>\nLinje 2',
  });
  expect(message.html).not.toContain('<script>');
  expect(message.html).toContain('&lt;script&gt;');
  expect(message.html).toContain('Jobcenter &amp; &lt;Erhverv&gt;');
  expect(message.text).toContain('> <script>alert(1)</script>\n> Linje 2');
});

test('the receipt gives the answer date in the language of the inquiry', () => {
  const values = { reference: 'KOL-2026-000001', leadDepartment: 'Jobcenter', answerBy: '2026-12-10', trackingUrl: 'https://x.dk/status/KOL-2026-000001?token=t', noteBody: null };
  expect(renderMessage('receipt', 'da', values).text).toContain('10. december 2026');
  expect(renderMessage('receipt', 'en', values).text).toContain('10 December 2026');
});
