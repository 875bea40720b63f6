import { messagesFor } from '../../../src/pages/messages.js';
import type { CaseEventView } from '../../../src/modules/cases/cases.schemas.js';
import { describeEvent } from '../../../src/modules/staff/views/case-page.js';

// The case page's history says why the policy chose the caseworker it did.

const event = (reason: Record<string, unknown>) =>
  ({
    id: '1',
    type: 'assigned',
    at: '2026-11-29T10:00:00+01:00',
    department: 'jobcenter',
    data: { assignmentId: 'a', assigneeId: 'b', trigger: 'intake', reason },
  }) as unknown as CaseEventView;

test('an automatic assignment is told with its mode, the load before and whether it covered for someone', () => {
  const da = { t: messagesFor('da').staff.casePage, departmentName: () => 'Jobcenter' };
  const en = { t: messagesFor('en').staff.casePage, departmentName: () => 'Jobcentre' };
  expect(describeEvent(da, event({ policy: 1, mode: 'round-robin', openBefore: 3 }))).toBe(
    'Opgaven i Jobcenter blev givet automatisk til en sagsbehandler (på skift; 3 åbne opgaver før).',
  );
  expect(describeEvent(en, event({ policy: 2, mode: 'least-loaded', openBefore: 0, coverFor: 'c' }))).toBe(
    'The Jobcentre assignment was given out automatically (fewest open assignments; 0 open before; covering for an absent colleague).',
  );
});
