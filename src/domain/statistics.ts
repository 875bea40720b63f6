import { danishDate, type IsoDate, type WorkingDayCalendar } from './working-days.js';

/**
 * The statistics of the municipality's case work, computed from case histories. Pure: the
 * snapshot job feeds it each case's events and stores the facts it returns; the API reads
 * those facts back and aggregates them here, so every figure has one definition. The
 * definitions are written out in docs/statistics.md.
 */

/** The event types the statistics read; the others (notifications, priorities, notes inside the municipality…) do not change a figure. */
export const STATISTICS_EVENT_TYPES = [
  'routed',
  'claimed',
  'status_changed',
  'transferred',
  'involved',
  'note_added',
  'case_status_changed',
  'rerouted',
] as const;

/** One event of a case's history as the statistics see it. */
export interface HistoryEvent {
  type: string;
  at: Date;
  department: string | null;
  data: Record<string, unknown>;
}

export interface CaseHistory {
  caseId: string;
  receivedAt: Date;
  /** The date promised to the enterprise for the first answer. */
  expectedResponseBy: IsoDate;
  topics: readonly string[];
  /** The case's lead department now. */
  leadDepartment: string;
  /** Oldest first. */
  events: readonly HistoryEvent[];
}

/** What the statistics need to know about one case, as the snapshot stores it. */
export interface CaseFacts {
  caseId: string;
  receivedOn: IsoDate;
  expectedResponseBy: IsoDate;
  leadDepartment: string;
  topics: string[];
  pickUpDays: number | null;
  firstAnsweredOn: IsoDate | null;
  firstAnswerDays: number | null;
  /** When the case last became resolved, if it is resolved now. */
  resolvedOn: IsoDate | null;
  resolutionDays: number | null;
  /** Answered by the promised date; null while that cannot be known yet. */
  withinTarget: boolean | null;
  /** How many departments ever had a part in the case. */
  departments: number;
  transfers: number;
  involvements: number;
  /** The routing decision at intake: the lead it chose and the rule that chose it (null for the fallback). */
  routedLead: string | null;
  leadRuleId: string | null;
  routingVersion: number | null;
  /** Where the lead part went when the department the routing chose handed it over; null when it never did. */
  transferredAwayTo: string | null;
}

const HOUR = 3_600_000;
const dayOfHour = new Map<number, IsoDate>();

/**
 * The Danish date of an instant, remembered per hour: Denmark's offset from UTC is whole
 * hours, so a Danish day starts and ends on a UTC hour, and a snapshot asks for the dates
 * of millions of events that fall in a few thousand hours.
 */
function dayOf(instant: Date): IsoDate {
  const hour = Math.floor(instant.getTime() / HOUR);
  let date = dayOfHour.get(hour);
  if (date === undefined) {
    if (dayOfHour.size >= 200_000) dayOfHour.clear();
    date = danishDate(instant);
    dayOfHour.set(hour, date);
  }
  return date;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;

/** An assignment leaving the queue for work: a claim, or a status set by hand from `queued`. */
function takesFromQueue(event: HistoryEvent): boolean {
  if (event.type === 'claimed') return true;
  return event.type === 'status_changed' && field(field(event.data, 'before'), 'status') === 'queued';
}

/**
 * The facts of one case. `asOf` is the moment of the snapshot: a case not yet answered
 * counts as outside its target once its promised date has passed, and as undecided before.
 */
export function caseFacts(history: CaseHistory, calendar: WorkingDayCalendar, asOf: Date): CaseFacts {
  const receivedOn = dayOf(history.receivedAt);
  const days = (on: IsoDate | null) => (on === null ? null : calendar.workingDaysBetween(receivedOn, on));
  const departments = new Set<string>();
  let lead: string | null = null;
  let pickedUpOn: IsoDate | null = null;
  let firstAnsweredOn: IsoDate | null = null;
  let resolvedOn: IsoDate | null = null;
  let transfers = 0;
  let involvements = 0;
  let routedLead: string | null = null;
  let leadRuleId: string | null = null;
  let routingVersion: number | null = null;
  let transferredAwayTo: string | null = null;

  for (const event of history.events) {
    const on = dayOf(event.at);
    switch (event.type) {
      case 'routed': {
        lead = text(event.data.lead);
        routedLead ??= lead;
        leadRuleId = text(event.data.leadRuleId);
        routingVersion = typeof event.data.routingVersion === 'number' ? event.data.routingVersion : null;
        if (lead) departments.add(lead);
        for (const department of (event.data.involved as unknown[] | undefined) ?? []) if (typeof department === 'string') departments.add(department);
        break;
      }
      case 'rerouted': {
        const after = event.data.after;
        lead = text(field(after, 'lead')) ?? lead;
        for (const department of (event.data.added as unknown[] | undefined) ?? []) if (typeof department === 'string') departments.add(department);
        if (lead) departments.add(lead);
        break;
      }
      case 'transferred': {
        transfers += 1;
        const from = text(event.data.from);
        const to = text(event.data.to);
        if (to) departments.add(to);
        const leadAfter = text(field(event.data.lead, 'after'));
        if (event.data.role === 'lead' && from !== null && from === routedLead && transferredAwayTo === null) transferredAwayTo = to;
        if (leadAfter) lead = leadAfter;
        break;
      }
      case 'involved': {
        involvements += 1;
        const department = text(event.data.department);
        if (department) departments.add(department);
        break;
      }
      case 'claimed':
      case 'status_changed':
        if (pickedUpOn === null && lead !== null && event.department === lead && takesFromQueue(event)) pickedUpOn = on;
        break;
      case 'note_added':
        if (firstAnsweredOn === null && event.data.visibility === 'enterprise') firstAnsweredOn = on;
        break;
      case 'case_status_changed':
        if (event.data.after === 'resolved') {
          resolvedOn = on;
          firstAnsweredOn ??= on;
        } else {
          resolvedOn = null;
        }
        break;
    }
  }
  departments.add(history.leadDepartment);

  let withinTarget: boolean | null = null;
  if (firstAnsweredOn !== null) withinTarget = firstAnsweredOn <= history.expectedResponseBy;
  else if (dayOf(asOf) > history.expectedResponseBy) withinTarget = false;

  return {
    caseId: history.caseId,
    receivedOn,
    expectedResponseBy: history.expectedResponseBy,
    leadDepartment: history.leadDepartment,
    topics: [...history.topics],
    pickUpDays: days(pickedUpOn),
    firstAnsweredOn,
    firstAnswerDays: days(firstAnsweredOn),
    resolvedOn,
    resolutionDays: days(resolvedOn),
    withinTarget,
    departments: departments.size,
    transfers,
    involvements,
    routedLead,
    leadRuleId,
    routingVersion,
    transferredAwayTo,
  };
}

// ---------------------------------------------------------------------------------------
// Aggregation

export const GROUP_BY = ['department', 'topic', 'month'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

export interface Period {
  from: IsoDate;
  to: IsoDate;
}

export interface Spread {
  median: number | null;
  p90: number | null;
}

export interface StatisticsRow {
  key: string;
  received: number;
  resolved: number;
  openAtEnd: number;
  pickUpDays: Spread;
  firstAnswerDays: Spread;
  resolutionDays: Spread;
  withinTarget: number | null;
  multiDepartment: number;
  transfers: number;
  involvements: number;
}

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

/**
 * The p-quantile (0 ≤ p ≤ 1) by linear interpolation between the closest ranks (the
 * method of PostgreSQL's percentile_cont and of spreadsheets' PERCENTILE.INC); null for
 * no values.
 */
export function quantile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const below = sorted[lo] as number;
  const above = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  return below + (h - lo) * (above - below);
}

export function spread(values: readonly number[]): Spread {
  const median = quantile(values, 0.5);
  const p90 = quantile(values, 0.9);
  return { median: median === null ? null : round(median, 1), p90: p90 === null ? null : round(p90, 1) };
}

/** Share of true among the known; null when none is known. Three decimals. */
export function share(values: readonly (boolean | null)[]): number | null {
  const known = values.filter((value) => value !== null);
  if (known.length === 0) return null;
  return round(known.filter(Boolean).length / known.length, 3);
}

const within = (date: IsoDate | null, period: Period) => date !== null && date >= period.from && date <= period.to;

/** The facts a period's figures can depend on: received in it, resolved in it, or open at its end. */
export function isRelevant(facts: Pick<CaseFacts, 'receivedOn' | 'resolvedOn'>, period: Period): boolean {
  return facts.receivedOn <= period.to && (facts.receivedOn >= period.from || facts.resolvedOn === null || facts.resolvedOn >= period.from);
}

/** The figures of one group of cases over one period. */
export function figures(key: string, facts: readonly CaseFacts[], period: Period): StatisticsRow {
  const cohort = facts.filter((f) => within(f.receivedOn, period));
  const present = (values: (number | null)[]) => values.filter((value): value is number => value !== null);
  return {
    key,
    received: cohort.length,
    resolved: facts.filter((f) => within(f.resolvedOn, period)).length,
    openAtEnd: facts.filter((f) => f.receivedOn <= period.to && (f.resolvedOn === null || f.resolvedOn > period.to)).length,
    pickUpDays: spread(present(cohort.map((f) => f.pickUpDays))),
    firstAnswerDays: spread(present(cohort.map((f) => f.firstAnswerDays))),
    resolutionDays: spread(present(cohort.map((f) => f.resolutionDays))),
    withinTarget: share(cohort.map((f) => f.withinTarget)),
    multiDepartment: cohort.filter((f) => f.departments > 1).length,
    transfers: cohort.reduce((sum, f) => sum + f.transfers, 0),
    involvements: cohort.reduce((sum, f) => sum + f.involvements, 0),
  };
}

/** Every month touching the period, as YYYY-MM. */
export function monthsOf(period: Period): string[] {
  const months: string[] = [];
  let year = Number(period.from.slice(0, 4));
  let month = Number(period.from.slice(5, 7));
  const last = period.to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    if (key > last) break;
    months.push(key);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

function lastDayOfMonth(month: string): IsoDate {
  const year = Number(month.slice(0, 4));
  const index = Number(month.slice(5, 7));
  const day = new Date(Date.UTC(year, index, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
}

/** The part of the period inside the month. */
export function monthPeriod(month: string, period: Period): Period {
  const first = `${month}-01`;
  const last = lastDayOfMonth(month);
  return { from: first > period.from ? first : period.from, to: last < period.to ? last : period.to };
}

/**
 * The figures of the period, one row per group. By department, a case counts under its
 * lead department; by topic, under each of its topics; by month, every month of the
 * period is a row (empty ones too), each with the month as its own period.
 */
export function statisticsRows(facts: readonly CaseFacts[], period: Period, groupBy: GroupBy): StatisticsRow[] {
  const relevant = facts.filter((f) => isRelevant(f, period));
  if (groupBy === 'month') {
    return monthsOf(period).map((month) => {
      const part = monthPeriod(month, period);
      return figures(month, relevant.filter((f) => isRelevant(f, part)), part);
    });
  }
  const groups = new Map<string, CaseFacts[]>();
  for (const f of relevant) {
    for (const key of groupBy === 'department' ? [f.leadDepartment] : f.topics) {
      const group = groups.get(key) ?? [];
      group.push(f);
      groups.set(key, group);
    }
  }
  return [...groups.keys()].sort().map((key) => figures(key, groups.get(key) ?? [], period));
}

// ---------------------------------------------------------------------------------------
// Routing: which rules the caseworkers overrule

export interface RoutingRow {
  ruleId: string | null;
  department: string;
  led: number;
  transferredAway: number;
  transferredTo: { department: string; cases: number }[];
}

/**
 * Per rule that chose the lead at intake (null: the fallback department), over the cases
 * received in the period: how many it led, and how many the department it chose later
 * handed over to another, by receiving department.
 */
export function routingRows(facts: readonly CaseFacts[], period: Period): RoutingRow[] {
  const rows = new Map<string, RoutingRow & { to: Map<string, number> }>();
  for (const f of facts) {
    if (!within(f.receivedOn, period) || f.routedLead === null) continue;
    const key = JSON.stringify([f.leadRuleId, f.routedLead]);
    let row = rows.get(key);
    if (!row) {
      row = { ruleId: f.leadRuleId, department: f.routedLead, led: 0, transferredAway: 0, transferredTo: [], to: new Map() };
      rows.set(key, row);
    }
    row.led += 1;
    if (f.transferredAwayTo !== null) {
      row.transferredAway += 1;
      row.to.set(f.transferredAwayTo, (row.to.get(f.transferredAwayTo) ?? 0) + 1);
    }
  }
  return [...rows.values()]
    .map(({ to, ...row }) => ({
      ...row,
      transferredTo: [...to.entries()]
        .map(([department, cases]) => ({ department, cases }))
        .sort((a, b) => b.cases - a.cases || a.department.localeCompare(b.department)),
    }))
    .sort((a, b) => b.led - a.led || (a.ruleId ?? '').localeCompare(b.ruleId ?? '') || a.department.localeCompare(b.department));
}
