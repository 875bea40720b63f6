import { GROUP_BY, type GroupBy, type Period } from './statistics.js';
import type { IsoDate } from './working-days.js';

// The period and grouping a person asks the statistics for, read from a form: each
// problem named by its field, so the page can say it beside the field. The same limits
// as the statistics API's.

export const MAX_PERIOD_YEARS = 5;

/** The share of a rule's cases transferred away from which it counts as overruled often, and the fewest such cases. */
export const OVERRULED_SHARE = 0.25;
export const OVERRULED_MIN_CASES = 2;

export type StatisticsQueryField = 'from' | 'to' | 'groupBy';
export type StatisticsQueryProblem = 'invalidDate' | 'fromAfterTo' | 'tooLong' | 'unknownGroupBy';

export interface StatisticsQuery extends Period {
  groupBy: GroupBy;
}

export type StatisticsQueryResult = { ok: true; query: StatisticsQuery } | { ok: false; problems: Partial<Record<StatisticsQueryField, StatisticsQueryProblem>> };

function isIsoDate(value: string): boolean {
  // Year 0 is no date to PostgreSQL (there is no year 0 in its calendar).
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || value.startsWith('0000')) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function addYears(date: IsoDate, years: number): IsoDate {
  return `${String(Number(date.slice(0, 4)) + years).padStart(4, '0')}${date.slice(4)}`;
}

/** The last twelve months by month: from the first day of the month eleven months ago to today. */
export function defaultStatisticsQuery(today: IsoDate): StatisticsQuery {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7)) - 11;
  const first = new Date(Date.UTC(year, month - 1, 1)).toISOString().slice(0, 10);
  return { from: first, to: today, groupBy: 'month' };
}

/** Reads the form's fields; a field left out takes the default's value. */
export function readStatisticsQuery(raw: { from?: string | undefined; to?: string | undefined; groupBy?: string | undefined }, today: IsoDate): StatisticsQueryResult {
  const fallback = defaultStatisticsQuery(today);
  const from = raw.from?.trim() || fallback.from;
  const to = raw.to?.trim() || fallback.to;
  const groupBy = raw.groupBy?.trim() || fallback.groupBy;
  const problems: Partial<Record<StatisticsQueryField, StatisticsQueryProblem>> = {};
  if (!isIsoDate(from)) problems.from = 'invalidDate';
  if (!isIsoDate(to)) problems.to = 'invalidDate';
  if (!problems.from && !problems.to) {
    if (from > to) problems.from = 'fromAfterTo';
    else if (to > addYears(from, MAX_PERIOD_YEARS)) problems.to = 'tooLong';
  }
  if (!(GROUP_BY as readonly string[]).includes(groupBy)) problems.groupBy = 'unknownGroupBy';
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, query: { from, to, groupBy: groupBy as GroupBy } };
}

/** Whether the caseworkers keep overruling a rule: enough of its cases were handed to another department. */
export function isOftenOverruled({ led, transferredAway }: { led: number; transferredAway: number }): boolean {
  return transferredAway >= OVERRULED_MIN_CASES && led > 0 && transferredAway / led >= OVERRULED_SHARE;
}
