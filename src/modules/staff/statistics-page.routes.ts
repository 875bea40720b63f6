import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { readStatisticsQuery, type StatisticsQuery } from '../../domain/statistics-query.js';
import { danishDate } from '../../domain/working-days.js';
import { ForbiddenError } from '../../errors.js';
import { LANGUAGES, type Messages, messagesFor } from '../../pages/messages.js';
import { pageHelmet, sendPage } from '../../pages/respond.js';
import { routingCsv, statisticsCsv } from '../statistics/statistics.csv.js';
import { refreshSnapshot, routingReport, statisticsReport } from '../statistics/statistics.service.js';
import { findDepartmentNames, findTopicNames } from './case-page.repository.js';
import { signedInWithRole, type StaffContext } from './staff-context.js';
import { staffFormSchema } from './staff.schemas.js';
import { staffHref } from './views/staff-pages.js';
import { ROUTING_CSV_PATH, SNAPSHOT_PATH, STATISTICS_CSV_PATH, STATISTICS_PATH, statisticsPage, type StatisticsFigures } from './views/statistics-page.js';

// The statistics page and its CSV downloads, for coordinators and admins. The figures are
// the statistics API's, from the same services; the CSV is offered here too because the
// API's wants a bearer token, which a signed-in browser does not have.

const COORDINATORS = ['coordinator', 'admin'] as const;

/** Read as text, so that any value gets the page back with the problem beside its field. */
const typed = z.string().max(40).optional().catch('?');
const querySchema = z.object({
  lang: z.enum(LANGUAGES).catch('da'),
  from: typed,
  to: typed,
  groupBy: typed,
  refreshed: z.enum(['1']).optional().catch(undefined),
});
type Query = z.infer<typeof querySchema>;

const CSV = 'text/csv; charset=utf-8';

function monthLabel(month: string, m: Messages, withYear: boolean): string {
  const date = new Date(`${month}-15T12:00:00Z`);
  if (!/^\d{4}-\d{2}$/.test(month) || Number.isNaN(date.getTime())) return month;
  return new Intl.DateTimeFormat(m.locale, { month: 'short', ...(withYear ? { year: 'numeric' } : {}), timeZone: 'UTC' }).format(date);
}

const statisticsPageRoutes: FastifyPluginAsyncZod<{ context: StaffContext }> = async (app, { context }) => {
  const { site, cookie } = context;

  /** The signed-in coordinator or admin; anyone else is told whom the statistics are for and led back to their work. */
  const coordinatorOf = (request: FastifyRequest) =>
    signedInWithRole(request, cookie, COORDINATORS, (m) => ({ texts: m.staff.statistics.forbidden, toMyWork: m.staff.statistics.toMyWork, path: STATISTICS_PATH }));

  /** The form's query, or the page again with 400 and each problem beside its field. */
  async function queryOr400(request: FastifyRequest, asked: Query, reply: FastifyReply): Promise<StatisticsQuery | null> {
    const { signedIn, session } = coordinatorOf(request);
    const { lang, from, to, groupBy } = asked;
    const read = readStatisticsQuery({ from, to, groupBy }, danishDate(new Date()));
    if (read.ok) return read.query;
    const m = messagesFor(lang);
    await sendPage(
      reply,
      400,
      statisticsPage({
        m,
        site,
        signedIn,
        values: { from: from ?? '', to: to ?? '', groupBy: groupBy ?? '' },
        problems: read.problems,
        labelOf: String,
        departmentName: String,
        mayRefresh: session.principal.role === 'admin',
        refreshed: false,
      }),
    );
    return null;
  }

  app.get(STATISTICS_PATH, { helmet: pageHelmet, schema: { hide: true, querystring: querySchema } }, async (request, reply) => {
    const { signedIn, session } = coordinatorOf(request);
    const query = await queryOr400(request, request.query, reply);
    if (query === null) return reply;
    const m = messagesFor(request.query.lang);
    const [figures, routing, departments] = await Promise.all([
      statisticsReport(app.db, query, query.groupBy),
      routingReport(app.db, query),
      findDepartmentNames(app.db),
    ]);
    const topics = query.groupBy === 'topic' ? await findTopicNames(app.db, figures.rows.map((row) => row.key)) : [];
    const named = (list: readonly { code: string; nameDa: string; nameEn: string }[]) => (code: string) => {
      const found = list.find((item) => item.code === code);
      return found ? (m.lang === 'da' ? found.nameDa : found.nameEn) : code;
    };
    const departmentName = named(departments);
    const labelOf = query.groupBy === 'month' ? (key: string) => monthLabel(key, m, true) : query.groupBy === 'department' ? departmentName : named(topics);
    // Under the bars a month is named without its year, so twelve fit; the table names it in full.
    const chartLabelOf = query.groupBy === 'month' ? (key: string) => monthLabel(key, m, false) : labelOf;
    const report: StatisticsFigures = {
      generatedAt: figures.generatedAt?.toISOString() ?? null,
      rows: figures.rows,
      rules: routing.rules,
    };
    return sendPage(
      reply,
      200,
      statisticsPage({
        m,
        site,
        signedIn,
        values: query,
        figures: { query, report },
        labelOf,
        chartLabelOf,
        departmentName,
        mayRefresh: session.principal.role === 'admin',
        refreshed: request.query.refreshed === '1',
      }),
    );
  });

  app.get(STATISTICS_CSV_PATH, { helmet: pageHelmet, schema: { hide: true, querystring: querySchema } }, async (request, reply) => {
    const query = await queryOr400(request, request.query, reply);
    if (query === null) return reply;
    const report = await statisticsReport(app.db, query, query.groupBy);
    return reply
      .type(CSV)
      .header('content-disposition', `attachment; filename="statistics-${query.groupBy}-${query.from}-${query.to}.csv"`)
      .send(statisticsCsv(report));
  });

  app.get(ROUTING_CSV_PATH, { helmet: pageHelmet, schema: { hide: true, querystring: querySchema } }, async (request, reply) => {
    const query = await queryOr400(request, request.query, reply);
    if (query === null) return reply;
    const report = await routingReport(app.db, query);
    return reply.type(CSV).header('content-disposition', `attachment; filename="routing-statistics-${query.from}-${query.to}.csv"`).send(routingCsv(report));
  });

  // The same refresh as POST /v1/statistics/snapshot, for admins; back to the page with a notice.
  app.post(SNAPSHOT_PATH, { helmet: pageHelmet, schema: { hide: true, body: staffFormSchema } }, async (request, reply) => {
    const { session } = coordinatorOf(request);
    if (session.principal.role !== 'admin') throw new ForbiddenError();
    const result = await refreshSnapshot({ db: app.db, calendar: app.intake.calendar });
    request.log.info({ cases: result.cases, durationMs: result.durationMs, channel: 'staff' }, 'statistics snapshot refreshed');
    return reply.redirect(staffHref(STATISTICS_PATH, request.body.lang, { refreshed: '1' }), 303);
  });
};

export default statisticsPageRoutes;
