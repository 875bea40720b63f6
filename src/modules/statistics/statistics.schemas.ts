import { z } from 'zod';
import { GROUP_BY } from '../../domain/statistics.js';

const timestamp = z.iso.datetime({ offset: true });
const isoDate = z.iso.date().describe('A date, YYYY-MM-DD');

/** The longest period one request may ask for. */
export const MAX_PERIOD_YEARS = 5;

function addYears(date: string, years: number): string {
  return `${String(Number(date.slice(0, 4)) + years).padStart(4, '0')}${date.slice(4)}`;
}

const period = {
  from: isoDate.describe('The first day of the period (Danish dates)'),
  to: isoDate.describe('The last day of the period, at most five years after `from`'),
};

/** A period that is one: `from` not after `to`, and at most five years long. Each problem names its parameter. */
function checkPeriod(query: { from: string; to: string }, ctx: z.RefinementCtx): void {
  if (query.from > query.to) ctx.addIssue({ code: 'custom', path: ['from'], message: 'Must not be after `to`' });
  else if (query.to > addYears(query.from, MAX_PERIOD_YEARS)) ctx.addIssue({ code: 'custom', path: ['to'], message: `Must be at most ${MAX_PERIOD_YEARS} years after \`from\`` });
}

export const statisticsQuerySchema = z
  .object({
    ...period,
    groupBy: z.enum(GROUP_BY).default('month').describe('One row per lead department, per topic, or per month of the period'),
  })
  .superRefine(checkPeriod);

export const routingStatisticsQuerySchema = z.object(period).superRefine(checkPeriod);

const spreadSchema = z
  .object({
    median: z.number().nullable(),
    p90: z.number().nullable().describe('90th percentile'),
  })
  .describe('Working days; null when no case of the group has reached that point')
  .meta({ id: 'DaysSpread' });

export const statisticsRowSchema = z
  .object({
    key: z.string().describe('The department code, the topic code or the month (YYYY-MM)'),
    received: z.number().int().describe('Cases received in the period'),
    resolved: z.number().int().describe('Cases resolved in the period (by their last resolution)'),
    openAtEnd: z.number().int().describe('Cases received by the end of the period and not resolved by then'),
    pickUpDays: spreadSchema.describe("From receipt to the lead department's first claim, for the cases received in the period"),
    firstAnswerDays: spreadSchema.describe('From receipt to the first note to the enterprise or the case becoming resolved'),
    resolutionDays: spreadSchema.describe('From receipt to resolution'),
    withinTarget: z.number().min(0).max(1).nullable().describe('Share of the cases received whose first answer came by the date promised on the receipt; cases whose date has not yet come and have no answer are left out'),
    multiDepartment: z.number().int().describe('Cases received that more than one department had a part in'),
    transfers: z.number().int().describe('Transfers on the cases received'),
    involvements: z.number().int().describe('Departments brought in after intake on the cases received'),
  })
  .meta({ id: 'StatisticsRow' });

export const statisticsSchema = z
  .object({
    from: isoDate,
    to: isoDate,
    groupBy: z.enum(GROUP_BY),
    generatedAt: timestamp.nullable().describe('When the snapshot the figures come from was made; null before the first'),
    rows: z.array(statisticsRowSchema),
  })
  .meta({ id: 'Statistics' });

export const routingStatisticsSchema = z
  .object({
    from: isoDate,
    to: isoDate,
    generatedAt: timestamp.nullable(),
    rules: z.array(
      z.object({
        ruleId: z.string().nullable().describe('The rule that chose the lead at intake; null for the fallback department'),
        ruleName: z.string().nullable(),
        department: z.string().describe('The lead department the rule chose'),
        led: z.number().int().describe('Cases received in the period that the rule gave this lead'),
        transferredAway: z.number().int().describe('Of those, cases whose lead that department later handed to another'),
        transferredTo: z.array(z.object({ department: z.string(), cases: z.number().int() })).describe('Where they went, most first'),
      }),
    ),
  })
  .meta({ id: 'RoutingStatistics' });

export const snapshotResultSchema = z
  .object({
    generatedAt: timestamp,
    cases: z.number().int().describe('Cases in the snapshot'),
    durationMs: z.number().int(),
  })
  .meta({ id: 'StatisticsSnapshot' });

const publicCount = z.number().int().nullable().describe('Null when suppressed (a count from 1 to 4, or a cell that would reveal one)');

export const publicStatisticsSchema = z
  .object({
    generatedAt: timestamp.nullable().describe('When the snapshot was made; null before the first'),
    suppressionThreshold: z.number().int().describe('Counts from 1 below this are never published'),
    months: z.array(z.string()),
    topics: z.array(z.object({ code: z.string(), name: z.object({ da: z.string(), en: z.string() }) })),
    cells: z.array(
      z.object({
        month: z.string().describe('YYYY-MM, or `all` for the total over the months'),
        topic: z.string().describe('A public topic, or `all` for the total over the public topics (a case with two public topics counts under each)'),
        received: publicCount,
        resolved: publicCount,
        medianFirstAnswerDays: z.number().nullable().describe('Median working days to the first answer of the cases received; null for fewer than five answered'),
        withinTarget: z.number().nullable().describe('Share answered by the promised date; null when the cases within or outside it are from 1 to 4'),
      }),
    ),
  })
  .meta({ id: 'PublicStatistics' });

export const csvSchema = z.string().describe('RFC 4180 CSV, UTF-8, with a header row');

export const dataPackageSchema = z.looseObject({}).describe('A Frictionless tabular data package describing `statistics.csv`');
