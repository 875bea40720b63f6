import {
  allowedTransitions,
  AssigneeRuleError,
  type AssignmentFacts,
  type AssignmentStatus,
  canTransfer,
  deriveCaseStatus,
  IllegalTransitionError,
  planAssignmentChange,
  summariseCase,
} from '../../src/domain/case-state.js';

const me = 'user-me';
const colleague = 'user-colleague';

describe('assignment transitions', () => {
  test.each<[AssignmentStatus, AssignmentStatus[]]>([
    ['queued', ['in_progress']],
    ['in_progress', ['waiting', 'done', 'queued']],
    ['waiting', ['in_progress', 'done']],
    ['done', ['in_progress']],
    ['transferred', []],
  ])('from %s the allowed next statuses are %p', (from, to) => {
    expect([...allowedTransitions(from)].sort()).toEqual([...to].sort());
  });

  test('an illegal transition names the allowed ones', () => {
    expect(() => planAssignmentChange({ status: 'queued', assigneeId: null }, { status: 'done' }, me)).toThrow(
      new IllegalTransitionError('queued', 'done'),
    );
    try {
      planAssignmentChange({ status: 'waiting', assigneeId: me }, { status: 'queued' }, me);
    } catch (error) {
      expect(error).toBeInstanceOf(IllegalTransitionError);
      expect((error as IllegalTransitionError).allowed).toEqual(['in_progress', 'done']);
      expect((error as Error).message).toMatch(/allowed: in_progress, done/);
    }
  });

  test('a transferred assignment never changes again', () => {
    for (const status of ['queued', 'in_progress', 'waiting', 'done'] as const) {
      expect(() => planAssignmentChange({ status: 'transferred', assigneeId: me }, { status }, me)).toThrow(IllegalTransitionError);
    }
    expect(() => planAssignmentChange({ status: 'transferred', assigneeId: me }, {}, me)).toThrow(/cannot change any more/);
  });

  test('only unfinished work can be transferred', () => {
    expect(['queued', 'in_progress', 'waiting', 'done', 'transferred'].filter((s) => canTransfer(s as AssignmentStatus))).toEqual([
      'queued',
      'in_progress',
      'waiting',
    ]);
  });
});

describe('planning an assignment change', () => {
  test('starting a queued assignment without naming anyone gives it to the caseworker who starts it', () => {
    expect(planAssignmentChange({ status: 'queued', assigneeId: null }, { status: 'in_progress' }, me)).toEqual({
      status: 'in_progress',
      assigneeId: me,
    });
  });

  test('starting a queued assignment needs an assignee when the actor cannot hold one', () => {
    expect(() => planAssignmentChange({ status: 'queued', assigneeId: null }, { status: 'in_progress' }, null)).toThrow(AssigneeRuleError);
  });

  test('assigning someone to a queued assignment starts it for them', () => {
    expect(planAssignmentChange({ status: 'queued', assigneeId: null }, { assigneeId: colleague }, null)).toEqual({
      status: 'in_progress',
      assigneeId: colleague,
    });
  });

  test('releasing clears the assignee, whether asked by status or by clearing the assignee', () => {
    const started = { status: 'in_progress' as const, assigneeId: me };
    expect(planAssignmentChange(started, { status: 'queued' }, me)).toEqual({ status: 'queued', assigneeId: null });
    expect(planAssignmentChange(started, { assigneeId: null }, me)).toEqual({ status: 'queued', assigneeId: null });
  });

  test('a queued assignment cannot be given an assignee while staying queued', () => {
    expect(() => planAssignmentChange({ status: 'in_progress', assigneeId: me }, { status: 'queued', assigneeId: colleague }, me)).toThrow(
      AssigneeRuleError,
    );
  });

  test('an assignment in progress or waiting can be handed to a colleague and keeps its status', () => {
    expect(planAssignmentChange({ status: 'waiting', assigneeId: me }, { assigneeId: colleague }, null)).toEqual({
      status: 'waiting',
      assigneeId: colleague,
    });
  });

  test('an assignment in progress cannot lose its assignee without being released', () => {
    expect(() => planAssignmentChange({ status: 'in_progress', assigneeId: me }, { status: 'waiting', assigneeId: null }, me)).toThrow(
      AssigneeRuleError,
    );
  });

  test('finishing keeps the assignee; a done assignment keeps it until reopened', () => {
    expect(planAssignmentChange({ status: 'waiting', assigneeId: me }, { status: 'done' }, colleague)).toEqual({ status: 'done', assigneeId: me });
    expect(() => planAssignmentChange({ status: 'done', assigneeId: me }, { assigneeId: colleague }, null)).toThrow(AssigneeRuleError);
    expect(planAssignmentChange({ status: 'done', assigneeId: me }, { status: 'in_progress', assigneeId: colleague }, null)).toEqual({
      status: 'in_progress',
      assigneeId: colleague,
    });
  });

  test('reopening a done assignment goes back to whoever finished it', () => {
    expect(planAssignmentChange({ status: 'done', assigneeId: colleague }, { status: 'in_progress' }, me)).toEqual({
      status: 'in_progress',
      assigneeId: colleague,
    });
  });

  test('asking for what already is changes nothing', () => {
    const state = { status: 'in_progress' as const, assigneeId: me };
    expect(planAssignmentChange(state, { status: 'in_progress' }, me)).toEqual(state);
    expect(planAssignmentChange(state, {}, me)).toEqual(state);
  });
});

describe('the case status the enterprise sees', () => {
  test.each<[AssignmentStatus[], string]>([
    [['queued'], 'received'],
    [['queued', 'queued'], 'received'],
    [['in_progress', 'queued'], 'in_progress'],
    [['done', 'queued'], 'in_progress'],
    [['waiting', 'in_progress'], 'waiting_for_you'],
    [['waiting', 'queued'], 'waiting_for_you'],
    [['done', 'done'], 'resolved'],
    [['transferred', 'done'], 'resolved'],
    [['transferred', 'queued'], 'received'],
    [['transferred', 'in_progress'], 'in_progress'],
  ])('assignments %p make the case %s', (statuses, expected) => {
    expect(deriveCaseStatus(statuses)).toBe(expected);
  });
});

describe('summarising a case', () => {
  const assignment = (overrides: Partial<AssignmentFacts>): AssignmentFacts => ({
    department: 'jobcenter',
    role: 'lead',
    status: 'queued',
    dueDate: '2026-12-10',
    ...overrides,
  });

  test('the lead is the active lead assignment, after a transfer the new one', () => {
    const summary = summariseCase([
      assignment({ department: 'jobcenter', status: 'transferred' }),
      assignment({ department: 'social', status: 'queued' }),
      assignment({ department: 'business-service', role: 'involved', status: 'in_progress' }),
    ]);
    expect(summary).toEqual({ status: 'in_progress', leadDepartment: 'social', dueDate: '2026-12-10' });
  });

  test('the due date is the earliest among open assignments', () => {
    const summary = summariseCase([
      assignment({ dueDate: '2026-12-10', status: 'done' }),
      assignment({ department: 'social', role: 'involved', dueDate: '2026-12-04' }),
      assignment({ department: 'technical', role: 'involved', dueDate: '2026-12-08', status: 'waiting' }),
      assignment({ department: 'business-service', role: 'involved', dueDate: '2026-12-01', status: 'transferred' }),
    ]);
    expect(summary.dueDate).toBe('2026-12-04');
  });

  test('a resolved case keeps its lead due date', () => {
    const summary = summariseCase([
      assignment({ dueDate: '2026-12-10', status: 'done' }),
      assignment({ department: 'social', role: 'involved', dueDate: '2026-12-04', status: 'done' }),
    ]);
    expect(summary).toEqual({ status: 'resolved', leadDepartment: 'jobcenter', dueDate: '2026-12-10' });
  });

  test('a case without an active lead is a broken invariant', () => {
    expect(() => summariseCase([assignment({ status: 'transferred' })])).toThrow(/active lead/);
  });
});
