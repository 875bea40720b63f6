import { toCsv } from '../../domain/csv.js';
import type { PublicFigures } from '../../domain/statistics-public.js';
import type { RoutingReport, StatisticsReport } from './statistics.service.js';

// The reports as CSV: the JSON's fields flattened, in the same order, so a spreadsheet
// and the API say the same.

export function statisticsCsv(report: Pick<StatisticsReport, 'groupBy' | 'rows'>): string {
  return toCsv(
    [
      report.groupBy,
      'received',
      'resolved',
      'openAtEnd',
      'pickUpDaysMedian',
      'pickUpDaysP90',
      'firstAnswerDaysMedian',
      'firstAnswerDaysP90',
      'resolutionDaysMedian',
      'resolutionDaysP90',
      'withinTarget',
      'multiDepartment',
      'transfers',
      'involvements',
    ],
    report.rows.map((row) => [
      row.key,
      row.received,
      row.resolved,
      row.openAtEnd,
      row.pickUpDays.median,
      row.pickUpDays.p90,
      row.firstAnswerDays.median,
      row.firstAnswerDays.p90,
      row.resolutionDays.median,
      row.resolutionDays.p90,
      row.withinTarget,
      row.multiDepartment,
      row.transfers,
      row.involvements,
    ]),
  );
}

export function routingCsv(report: Pick<RoutingReport, 'rules'>): string {
  return toCsv(
    ['ruleId', 'ruleName', 'department', 'led', 'transferredAway', 'transferredTo'],
    report.rules.map((rule) => [
      rule.ruleId,
      rule.ruleName,
      rule.department,
      rule.led,
      rule.transferredAway,
      rule.transferredTo.map((to) => `${to.department}:${to.cases}`).join(';'),
    ]),
  );
}

export const PUBLIC_CSV_FIELDS = ['month', 'topic', 'received', 'resolved', 'medianFirstAnswerDays', 'withinTarget'] as const;

export function publicCsv(figures: PublicFigures): string {
  return toCsv(
    PUBLIC_CSV_FIELDS,
    figures.cells.map((cell) => [cell.month, cell.topic, cell.received, cell.resolved, cell.medianFirstAnswerDays, cell.withinTarget]),
  );
}

/** The Frictionless tabular data package that describes the public CSV beside it. */
export function publicDataPackage(figures: PublicFigures, title: string) {
  return {
    profile: 'tabular-data-package',
    name: 'case-intake-statistics',
    title,
    description:
      'Inquiries from social enterprises per month and per public topic: received, resolved, median working days to the first answer, and the share answered by the promised date. Counts from 1 to 4 are suppressed, with further cells suppressed so that totals do not reveal them; suppressed values are empty.',
    created: figures.generatedAt ?? undefined,
    licenses: [{ name: 'CC0-1.0', title: 'Creative Commons Zero v1.0 Universal', path: 'https://creativecommons.org/publicdomain/zero/1.0/' }],
    resources: [
      {
        name: 'statistics',
        path: 'statistics.csv',
        profile: 'tabular-data-resource',
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true },
        schema: {
          fields: [
            { name: 'month', type: 'string', description: 'YYYY-MM, or `all` for the total over the months', constraints: { required: true, pattern: '^([0-9]{4}-[0-9]{2}|all)$' } },
            {
              name: 'topic',
              type: 'string',
              description: 'A public topic code, or `all` for the total over the public topics (a case with two public topics counts under each)',
              constraints: { required: true, enum: [...figures.topics.map((topic) => topic.code), 'all'] },
            },
            { name: 'received', type: 'integer', description: 'Cases received in the month', constraints: { minimum: 0 } },
            { name: 'resolved', type: 'integer', description: 'Cases resolved in the month', constraints: { minimum: 0 } },
            { name: 'medianFirstAnswerDays', type: 'number', description: 'Median Danish working days from receipt to the first answer, of the cases received', constraints: { minimum: 0 } },
            { name: 'withinTarget', type: 'number', description: 'Share of the cases received answered by the date promised on the receipt', constraints: { minimum: 0, maximum: 1 } },
          ],
          missingValues: [''],
          primaryKey: ['month', 'topic'],
        },
      },
    ],
  };
}
