import fc from 'fast-check';
import { parseCronItems } from 'graphile-worker';
import { REFRESH_STATISTICS_CRON } from '../../src/modules/statistics/statistics.tasks.js';
import {
  type CaseFacts,
  type CaseHistory,
  caseFacts,
  type GroupBy,
  type HistoryEvent,
  type Period,
  routingRows,
  statisticsRows,
} from '../../src/domain/statistics.js';
import { danishDate, WorkingDayCalendar } from '../../src/domain/working-days.js';

const calendar = new WorkingDayCalendar(['06-05', '12-24', '12-31']);
const DEPARTMENTS = ['jobcenter', 'business-service', 'social', 'technical'];
const TOPICS = ['hiring', 'flex-jobs', 'premises'];
const HOUR = 3_600_000;
const ASSIGNMENT = '00000000-0000-4000-8000-000000000001';
const PERSON = '00000000-0000-4000-8000-000000000002';

// ---------------------------------------------------------------------------------------
// Random case histories, built the way the cases module writes them.

type Step =
  | { kind: 'claim'; lead: boolean }
  | { kind: 'start-by-hand' }
  | { kind: 'note'; visibility: 'enterprise' | 'case' | 'department' }
  | { kind: 'transfer'; lead: boolean; to: number }
  | { kind: 'involve'; department: number }
  | { kind: 'resolve' }
  | { kind: 'reopen' };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('claim' as const), lead: fc.boolean() }),
  fc.record({ kind: fc.constant('start-by-hand' as const) }),
  fc.record({ kind: fc.constant('note' as const), visibility: fc.constantFrom('enterprise' as const, 'case' as const, 'department' as const) }),
  fc.record({ kind: fc.constant('transfer' as const), lead: fc.boolean(), to: fc.nat(3) }),
  fc.record({ kind: fc.constant('involve' as const), department: fc.nat(3) }),
  fc.record({ kind: fc.constant('resolve' as const) }),
  fc.record({ kind: fc.constant('reopen' as const) }),
);

const historyArb: fc.Arbitrary<CaseHistory> = fc
  .record({
    caseId: fc.uuid(),
    receivedAt: fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2026, 10, 29) }),
    responseDays: fc.integer({ min: 1, max: 10 }),
    topics: fc.subarray(TOPICS, { minLength: 1 }),
    lead: fc.nat(3),
    involved: fc.subarray(DEPARTMENTS),
    rule: fc.constantFrom('hiring-rule', 'premises-rule', null),
    steps: fc.array(fc.tuple(fc.integer({ min: 0, max: 120 }), stepArb), { maxLength: 12 }),
  })
  .map(({ caseId, receivedAt, responseDays, topics, lead: leadIndex, involved, rule, steps }) => {
    let lead = DEPARTMENTS[leadIndex] as string;
    const others = involved.filter((d) => d !== lead);
    let at = receivedAt;
    const events: HistoryEvent[] = [
      { type: 'created', at: new Date(at), department: null, data: { reference: 'KOL-2026-000001', channel: 'web', topics } },
      { type: 'routed', at: new Date(at), department: lead, data: { routingVersion: 1, lead, involved: others, leadRuleId: rule, matchedRuleIds: [] } },
    ];
    const push = (type: string, department: string | null, data: Record<string, unknown>) => events.push({ type, at: new Date(at), department, data });
    for (const [gapHours, step] of steps) {
      at += gapHours * HOUR;
      switch (step.kind) {
        case 'claim': {
          const department = step.lead ? lead : (others[0] ?? lead);
          push('claimed', department, { assignmentId: ASSIGNMENT, before: { status: 'queued', assigneeId: null }, after: { status: 'in_progress', assigneeId: PERSON } });
          break;
        }
        case 'start-by-hand':
          push('status_changed', lead, {
            assignmentId: ASSIGNMENT,
            before: { status: 'queued', assigneeId: null, priority: 0 },
            after: { status: 'in_progress', assigneeId: PERSON, priority: 0 },
          });
          break;
        case 'note':
          push('note_added', lead, { noteId: ASSIGNMENT, visibility: step.visibility });
          break;
        case 'transfer': {
          const to = DEPARTMENTS[step.to] as string;
          if (step.lead) {
            if (to === lead) break;
            push('transferred', lead, {
              from: lead,
              to,
              reason: 'r',
              role: 'lead',
              assignmentId: ASSIGNMENT,
              before: { status: 'queued', assigneeId: null },
              after: { status: 'transferred' },
              lead: { before: lead, after: to },
            });
            lead = to;
          } else {
            const from = others[0];
            if (!from || from === to) break;
            push('transferred', from, { from, to, reason: 'r', role: 'involved', assignmentId: ASSIGNMENT, before: { status: 'queued', assigneeId: null }, after: { status: 'transferred' } });
          }
          break;
        }
        case 'involve': {
          const department = DEPARTMENTS[step.department] as string;
          push('involved', department, { department, reason: 'r', dueDate: '2026-01-01' });
          break;
        }
        case 'resolve':
          push('case_status_changed', null, { before: 'in_progress', after: 'resolved' });
          break;
        case 'reopen':
          push('case_status_changed', null, { before: 'resolved', after: 'in_progress' });
          break;
      }
    }
    return {
      caseId,
      receivedAt: new Date(receivedAt),
      expectedResponseBy: calendar.addWorkingDays(danishDate(new Date(receivedAt)), responseDays),
      topics,
      leadDepartment: lead,
      events,
    };
  });

// ---------------------------------------------------------------------------------------
// The reference: each figure computed the plain way, from the definitions in docs/statistics.md.

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function referenceWorkingDays(from: string, to: string): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (calendar.isWorkingDay(day)) count++;
  return count;
}

function leadBefore(events: readonly HistoryEvent[], index: number): string | null {
  let lead: string | null = null;
  for (const event of events.slice(0, index)) {
    if (event.type === 'routed') lead = event.data.lead as string;
    if (event.type === 'transferred' && event.data.lead) lead = (event.data.lead as { after: string }).after;
  }
  return lead;
}

function referenceFacts(history: CaseHistory, asOf: Date): CaseFacts {
  const { events } = history;
  const receivedOn = danishDate(history.receivedAt);
  const dateOf = (event: HistoryEvent | undefined) => (event ? danishDate(event.at) : null);
  const pickUp = events.find(
    (event, i) =>
      event.department === leadBefore(events, i) &&
      (event.type === 'claimed' || (event.type === 'status_changed' && (event.data.before as { status: string }).status === 'queued')),
  );
  const firstNote = events.find((event) => event.type === 'note_added' && event.data.visibility === 'enterprise');
  const firstResolved = events.find((event) => event.type === 'case_status_changed' && event.data.after === 'resolved');
  const statusChanges = events.filter((event) => event.type === 'case_status_changed');
  const last = statusChanges[statusChanges.length - 1];
  const resolvedOn = last?.data.after === 'resolved' ? dateOf(last) : null;
  const answers = [dateOf(firstNote), dateOf(firstResolved)].filter((d): d is string => d !== null).sort();
  const firstAnsweredOn = answers[0] ?? null;
  const routed = events.find((event) => event.type === 'routed');
  const routedLead = (routed?.data.lead as string | undefined) ?? null;
  const away = events.find((event) => event.type === 'transferred' && event.data.role === 'lead' && event.data.from === routedLead);
  const departments = new Set<string>([history.leadDepartment]);
  if (routed) [routed.data.lead as string, ...(routed.data.involved as string[])].forEach((d) => departments.add(d));
  events.filter((event) => event.type === 'transferred').forEach((event) => departments.add(event.data.to as string));
  events.filter((event) => event.type === 'involved').forEach((event) => departments.add(event.data.department as string));
  const daysTo = (date: string | null) => (date === null ? null : referenceWorkingDays(receivedOn, date));
  return {
    caseId: history.caseId,
    receivedOn,
    expectedResponseBy: history.expectedResponseBy,
    leadDepartment: history.leadDepartment,
    topics: [...history.topics],
    pickUpDays: daysTo(dateOf(pickUp)),
    firstAnsweredOn,
    firstAnswerDays: daysTo(firstAnsweredOn),
    resolvedOn,
    resolutionDays: daysTo(resolvedOn),
    withinTarget:
      firstAnsweredOn !== null ? firstAnsweredOn <= history.expectedResponseBy : danishDate(asOf) > history.expectedResponseBy ? false : null,
    departments: departments.size,
    transfers: events.filter((event) => event.type === 'transferred').length,
    involvements: events.filter((event) => event.type === 'involved').length,
    routedLead,
    leadRuleId: (routed?.data.leadRuleId as string | null | undefined) ?? null,
    routingVersion: (routed?.data.routingVersion as number | undefined) ?? null,
    transferredAwayTo: (away?.data.to as string | undefined) ?? null,
  };
}

function referenceMedian(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return Math.round(median * 10) / 10;
}

function referenceP90(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = 0.9 * (sorted.length - 1);
  const below = sorted[Math.floor(rank)] as number;
  const above = sorted[Math.ceil(rank)] as number;
  return Math.round((below + (rank - Math.floor(rank)) * (above - below)) * 10) / 10;
}

function referenceRow(key: string, facts: CaseFacts[], from: string, to: string) {
  const inPeriod = (date: string | null) => date !== null && from <= date && date <= to;
  const cohort = facts.filter((f) => inPeriod(f.receivedOn));
  const decided = cohort.filter((f) => f.withinTarget !== null);
  const numbers = (pick: (f: CaseFacts) => number | null) => cohort.map(pick).filter((v): v is number => v !== null);
  return {
    key,
    received: cohort.length,
    resolved: facts.filter((f) => inPeriod(f.resolvedOn)).length,
    openAtEnd: facts.filter((f) => f.receivedOn <= to && !(f.resolvedOn !== null && f.resolvedOn <= to)).length,
    pickUpDays: { median: referenceMedian(numbers((f) => f.pickUpDays)), p90: referenceP90(numbers((f) => f.pickUpDays)) },
    firstAnswerDays: { median: referenceMedian(numbers((f) => f.firstAnswerDays)), p90: referenceP90(numbers((f) => f.firstAnswerDays)) },
    resolutionDays: { median: referenceMedian(numbers((f) => f.resolutionDays)), p90: referenceP90(numbers((f) => f.resolutionDays)) },
    withinTarget: decided.length === 0 ? null : Math.round((decided.filter((f) => f.withinTarget).length / decided.length) * 1000) / 1000,
    multiDepartment: cohort.filter((f) => f.departments >= 2).length,
    transfers: cohort.reduce((sum, f) => sum + f.transfers, 0),
    involvements: cohort.reduce((sum, f) => sum + f.involvements, 0),
  };
}

function referenceRows(facts: CaseFacts[], period: Period, groupBy: GroupBy) {
  if (groupBy === 'month') {
    const rows = [];
    for (let first = `${period.from.slice(0, 7)}-01`; first <= period.to; ) {
      const month = first.slice(0, 7);
      let last = first;
      while (addDays(last, 1).slice(0, 7) === month) last = addDays(last, 1);
      rows.push(referenceRow(month, facts, first < period.from ? period.from : first, last > period.to ? period.to : last));
      first = addDays(last, 1);
    }
    return rows;
  }
  const keyOf = (f: CaseFacts) => (groupBy === 'department' ? [f.leadDepartment] : f.topics);
  const keys = [...new Set(facts.flatMap(keyOf))].sort();
  return keys
    .map((key) => referenceRow(key, facts.filter((f) => keyOf(f).includes(key)), period.from, period.to))
    .filter((row) => row.received + row.resolved + row.openAtEnd > 0);
}

const periodArb = fc
  .tuple(fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2026, 11, 31) }), fc.integer({ min: 0, max: 500 }))
  .map(([start, length]) => ({ from: new Date(start).toISOString().slice(0, 10), to: new Date(start + length * 86_400_000).toISOString().slice(0, 10) }));

const AS_OF = new Date('2026-11-29T12:00:00Z');

describe('statistics from case histories', () => {
  test('every fact of a case agrees with the plain reading of its history', () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        expect(caseFacts(history, calendar, AS_OF)).toEqual(referenceFacts(history, AS_OF));
      }),
      { numRuns: 500 },
    );
  });

  test('the figures of any period, grouped any way, agree with the reference computation', () => {
    fc.assert(
      fc.property(fc.array(historyArb, { maxLength: 30 }), periodArb, fc.constantFrom<GroupBy>('department', 'topic', 'month'), (histories, period, groupBy) => {
        const facts = histories.map((history) => caseFacts(history, calendar, AS_OF));
        expect(statisticsRows(facts, period, groupBy)).toEqual(referenceRows(facts, period, groupBy));
      }),
      { numRuns: 200 },
    );
  });

  test('per rule: the cases it led and those its department handed over, by where they went', () => {
    fc.assert(
      fc.property(fc.array(historyArb, { maxLength: 30 }), periodArb, (histories, period) => {
        const facts = histories.map((history) => caseFacts(history, calendar, AS_OF));
        const rows = routingRows(facts, period);
        const cohort = facts.filter((f) => f.receivedOn >= period.from && f.receivedOn <= period.to);
        expect(rows.reduce((sum, row) => sum + row.led, 0)).toBe(cohort.length);
        for (const row of rows) {
          const led = cohort.filter((f) => f.leadRuleId === row.ruleId && f.routedLead === row.department);
          expect(row.led).toBe(led.length);
          expect(row.transferredAway).toBe(led.filter((f) => f.transferredAwayTo !== null).length);
          expect(row.transferredTo.reduce((sum, to) => sum + to.cases, 0)).toBe(row.transferredAway);
        }
      }),
    );
  });

  test('a case received on a Friday, taken on Monday, answered on Tuesday and resolved on Thursday', () => {
    const at = (iso: string) => new Date(iso);
    const history: CaseHistory = {
      caseId: 'c1',
      receivedAt: at('2026-11-27T09:00:00+01:00'),
      expectedResponseBy: '2026-12-01',
      topics: ['hiring'],
      leadDepartment: 'jobcenter',
      events: [
        { type: 'routed', at: at('2026-11-27T09:00:00+01:00'), department: 'jobcenter', data: { routingVersion: 3, lead: 'jobcenter', involved: [], leadRuleId: 'hiring-rule' } },
        { type: 'claimed', at: at('2026-11-30T10:00:00+01:00'), department: 'jobcenter', data: { before: { status: 'queued' } } },
        { type: 'note_added', at: at('2026-12-01T23:30:00+01:00'), department: 'jobcenter', data: { visibility: 'enterprise' } },
        { type: 'case_status_changed', at: at('2026-12-03T12:00:00+01:00'), department: null, data: { before: 'in_progress', after: 'resolved' } },
      ],
    };
    expect(caseFacts(history, calendar, AS_OF)).toMatchObject({
      receivedOn: '2026-11-27',
      pickUpDays: 1,
      firstAnswerDays: 2,
      resolutionDays: 4,
      withinTarget: true,
      departments: 1,
    });
  });

  test('working days are counted as the due date is: the day of receipt does not count', () => {
    expect(calendar.workingDaysBetween('2026-11-27', '2026-11-27')).toBe(0);
    expect(calendar.workingDaysBetween('2026-11-27', '2026-11-30')).toBe(1);
    expect(calendar.workingDaysBetween('2026-12-23', '2027-01-04')).toBe(4); // 24, 25, 26, 31 Dec and 1 Jan closed
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 0, 1) }), fc.integer({ min: 0, max: 40 }), (start, n) => {
        const from = new Date(start).toISOString().slice(0, 10);
        expect(calendar.workingDaysBetween(from, calendar.addWorkingDays(from, n))).toBe(n);
      }),
    );
  });
});

test('the nightly snapshot job is a well-formed recurring job of the queue', () => {
  expect(() => parseCronItems([REFRESH_STATISTICS_CRON])).not.toThrow();
});
