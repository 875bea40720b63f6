import type { Principal } from '../../../src/domain/principal.js';
import type { AssignmentView } from '../../../src/modules/cases/cases.schemas.js';
import { assignmentActions, targetOf } from '../../../src/modules/staff/case-page.service.js';

// Which buttons the case page offers on an assignment: the API's rules, seen from the page.

const jonas: Principal = { userId: '00000000-0000-4000-8000-000000000001', tokenId: null, name: 'Jonas', role: 'caseworker', departments: ['jobcenter'] };
const karen: Principal = { ...jonas, userId: '00000000-0000-4000-8000-000000000002', name: 'Karen' };
const coordinator: Principal = { userId: '00000000-0000-4000-8000-000000000003', tokenId: null, name: 'Coordinator', role: 'coordinator', departments: [] };

function assignment(status: AssignmentView['status'], assignee: Principal | null, department = 'jobcenter'): AssignmentView {
  return {
    id: '00000000-0000-4000-8000-0000000000aa',
    department,
    role: 'lead',
    status,
    assignee: assignee && { id: assignee.userId, name: assignee.name },
    priority: 0,
    dueDate: '2026-12-04',
    overdue: false,
    queuedAt: '2026-11-29T10:00:00.000Z',
    createdAt: '2026-11-29T10:00:00.000Z',
    updatedAt: '2026-11-29T10:00:00.000Z',
    allowedTransitions: [],
  };
}

test('a caseworker takes a queued assignment of their department and moves their own along', () => {
  expect(assignmentActions(jonas, assignment('queued', null))).toEqual(['claim']);
  expect(assignmentActions(jonas, assignment('in_progress', jonas))).toEqual(['wait', 'done', 'release']);
  expect(assignmentActions(jonas, assignment('waiting', jonas))).toEqual(['resume', 'done']);
  expect(assignmentActions(jonas, assignment('done', jonas))).toEqual(['reopen']);
  expect(assignmentActions(jonas, assignment('transferred', jonas))).toEqual([]);
});

test('a colleague\'s assignment and another department\'s are not the caseworker\'s to change', () => {
  expect(assignmentActions(karen, assignment('in_progress', jonas))).toEqual([]);
  expect(assignmentActions(jonas, assignment('queued', null, 'social'))).toEqual([]);
});

test('a coordinator moves anyone\'s assignment but does not take one from a queue', () => {
  expect(assignmentActions(coordinator, assignment('in_progress', jonas))).toEqual(['wait', 'done', 'release']);
  expect(assignmentActions(coordinator, assignment('queued', null))).toEqual([]);
});

test('each action asks the service for the status it leads to', () => {
  expect(['claim', 'wait', 'resume', 'done', 'release', 'reopen'].map((a) => targetOf(a as Parameters<typeof targetOf>[0]))).toEqual([
    'in_progress',
    'waiting',
    'in_progress',
    'done',
    'queued',
    'in_progress',
  ]);
});
