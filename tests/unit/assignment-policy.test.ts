import { chooseCaseworker, isAvailable, type Member, simulatePolicy } from '../../src/domain/assignment-policy.js';

const now = new Date('2026-12-01T10:00:00Z');
const member = (userId: string, fields: Partial<Member> = {}): Member => ({ userId, availability: null, lastTurn: null, open: 0, ...fields });
const roundRobin = { mode: 'round-robin' as const, maxOpenPerCaseworker: null, noAnswerHours: null };

test('round robin gives the next assignment to whoever had their turn longest ago, never-had first', () => {
  const members = [member('a', { lastTurn: 3 }), member('b', { lastTurn: 1 }), member('c')];
  expect(chooseCaseworker(roundRobin, members, now)?.assigneeId).toBe('c');
  expect(chooseCaseworker(roundRobin, members.slice(0, 2), now)?.assigneeId).toBe('b');
});

test('least loaded takes the fewest open, ties by longest since the last turn', () => {
  const policy = { ...roundRobin, mode: 'least-loaded' as const };
  const members = [member('a', { open: 2, lastTurn: 1 }), member('b', { open: 1, lastTurn: 5 }), member('c', { open: 1, lastTurn: 4 })];
  expect(chooseCaseworker(policy, members, now)?.assigneeId).toBe('c');
});

test('pull chooses nobody; the cap and exclusion pass people over', () => {
  expect(chooseCaseworker({ ...roundRobin, mode: 'pull' }, [member('a')], now)).toBeNull();
  const capped = { ...roundRobin, maxOpenPerCaseworker: 2 };
  expect(chooseCaseworker(capped, [member('a', { open: 2 }), member('b', { open: 1, lastTurn: 9 })], now)?.assigneeId).toBe('b');
  expect(chooseCaseworker(capped, [member('a', { open: 2 })], now)).toBeNull();
  expect(chooseCaseworker(roundRobin, [member('a'), member('b', { lastTurn: 1 })], now, 'a')?.assigneeId).toBe('b');
});

test("an absent caseworker's turn goes to an available cover, and is skipped without one", () => {
  const away = { available: false, until: null, coverUserId: 'b' };
  const members = [member('a', { availability: away }), member('b', { lastTurn: 2 })];
  expect(chooseCaseworker(roundRobin, members, now)).toEqual({ assigneeId: 'b', slotUserId: 'a', coverFor: 'a', openBefore: 0 });
  const noCover = [member('a', { availability: { ...away, coverUserId: null } }), member('b', { lastTurn: 2 })];
  expect(chooseCaseworker(roundRobin, noCover, now)).toMatchObject({ assigneeId: 'b', coverFor: null });
});

test('an absence ends at its until', () => {
  expect(isAvailable({ available: false, until: new Date('2026-12-01T09:00:00Z'), coverUserId: null }, now)).toBe(true);
  expect(isAvailable({ available: false, until: new Date('2026-12-01T11:00:00Z'), coverUserId: null }, now)).toBe(false);
  expect(isAvailable(null, now)).toBe(true);
});

test('a simulation shares past assignments by the policy and frees places as they closed', () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 30, 9, minute));
  const past = [0, 1, 2, 3].map((i) => ({ assignmentId: `x${i}`, caseId: `c${i}`, queuedAt: at(i), closedAt: i === 0 ? at(2) : null, assigneeId: 'a' }));
  const result = simulatePolicy({ ...roundRobin, maxOpenPerCaseworker: 1 }, [{ userId: 'a', availability: null }, { userId: 'b', availability: null }], past, now);
  // a, b, then a again once x0 closed, then nobody: both are at the cap.
  expect(result.map((r) => r.simulatedAssigneeId)).toEqual(['a', 'b', 'a', null]);
});
