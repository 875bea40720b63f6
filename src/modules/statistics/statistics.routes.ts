import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { SUPPRESSION_THRESHOLD } from '../../domain/statistics-public.js';
import { problemResponses } from '../../plugins/errors.js';
import { requireRole } from '../auth/auth.guards.js';
import { PublicFiguresCache } from './public-figures-cache.js';
import { publicDataPackage, routingCsv, statisticsCsv } from './statistics.csv.js';
import {
  csvSchema,
  dataPackageSchema,
  publicStatisticsSchema,
  routingStatisticsQuerySchema,
  routingStatisticsSchema,
  snapshotResultSchema,
  statisticsQuerySchema,
  statisticsSchema,
} from './statistics.schemas.js';
import { refreshSnapshot, routingReport, type StatisticsDeps, statisticsReport } from './statistics.service.js';

const tags = ['Statistics'];
const coordinators = requireRole('coordinator', 'admin');
const admins = requireRole('admin');
const guarded = [401, 403, 503] as const;
const CSV = 'text/csv; charset=utf-8';

/** Whether the caller asked for CSV by its Accept header (the `.csv` paths ask by their name). */
function wantsCsv(request: FastifyRequest): boolean {
  return /(^|,)\s*text\/csv/i.test(request.headers.accept ?? '');
}

function sendCsv(reply: FastifyReply, body: string, filename: string): FastifyReply {
  return reply.type(CSV).header('content-disposition', `attachment; filename="${filename}"`).send(body);
}

const iso = (date: Date | null) => (date === null ? null : date.toISOString());

const statisticsRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps: StatisticsDeps = { db: app.db, calendar: app.intake.calendar };
  const publicCopy = new PublicFiguresCache(app.db);
  const csvDescription = 'The same figures as CSV: ask with `Accept: text/csv`, or use the path ending in `.csv`.';

  const report = async (query: z.infer<typeof statisticsQuerySchema>) => {
    const result = await statisticsReport(app.db, { from: query.from, to: query.to }, query.groupBy);
    return { ...result, generatedAt: iso(result.generatedAt) };
  };
  const routing = async (query: z.infer<typeof routingStatisticsQuerySchema>) => {
    const result = await routingReport(app.db, query);
    return { ...result, generatedAt: iso(result.generatedAt) };
  };

  for (const csvPath of [false, true]) {
    app.get(
      csvPath ? '/v1/statistics.csv' : '/v1/statistics',
      {
        preHandler: coordinators,
        schema: {
          operationId: csvPath ? 'getStatisticsCsv' : 'getStatistics',
          tags,
          summary: csvPath ? 'The statistics of a period as CSV' : 'The statistics of a period, by department, topic or month',
          description: `Figures from the last snapshot (see \`POST /v1/statistics/snapshot\`), durations in Danish working days. Definitions: docs/statistics.md. ${csvDescription}`,
          querystring: statisticsQuerySchema,
          ...(csvPath ? { produces: ['text/csv'] } : {}),
          response: { 200: csvPath ? csvSchema : statisticsSchema, ...problemResponses(400, ...guarded) },
        },
      },
      async (request, reply) => {
        const body = await report(request.query);
        reply.header('vary', 'accept');
        if (csvPath || wantsCsv(request)) return sendCsv(reply, statisticsCsv(body), `statistics-${body.groupBy}-${body.from}-${body.to}.csv`);
        return body;
      },
    );

    app.get(
      csvPath ? '/v1/statistics/routing.csv' : '/v1/statistics/routing',
      {
        preHandler: coordinators,
        schema: {
          operationId: csvPath ? 'getRoutingStatisticsCsv' : 'getRoutingStatistics',
          tags,
          summary: csvPath ? 'Per routing rule, as CSV' : 'Per routing rule: the cases it led and those its department handed over, and to where',
          description: `Over the cases received in the period, from the last snapshot. Shows which rules the caseworkers keep overruling. ${csvDescription}`,
          querystring: routingStatisticsQuerySchema,
          ...(csvPath ? { produces: ['text/csv'] } : {}),
          response: { 200: csvPath ? csvSchema : routingStatisticsSchema, ...problemResponses(400, ...guarded) },
        },
      },
      async (request, reply) => {
        const body = await routing(request.query);
        reply.header('vary', 'accept');
        if (csvPath || wantsCsv(request)) return sendCsv(reply, routingCsv(body), `routing-statistics-${body.from}-${body.to}.csv`);
        return body;
      },
    );

    app.get(
      csvPath ? '/v1/public/statistics.csv' : '/v1/public/statistics',
      {
        schema: {
          operationId: csvPath ? 'getPublicStatisticsCsv' : 'getPublicStatistics',
          tags: ['Public'],
          security: [],
          summary: csvPath ? 'The public figures as CSV (described by /v1/public/datapackage.json)' : 'The public figures: per month and per public topic',
          description: `Received, resolved, median working days to the first answer and share answered within target, from the last snapshot. Counts from 1 to ${SUPPRESSION_THRESHOLD - 1} are suppressed, with further cells suppressed so totals cannot reveal them. ${csvDescription}`,
          ...(csvPath ? { produces: ['text/csv'] } : {}),
          response: { 200: csvPath ? csvSchema : publicStatisticsSchema, ...problemResponses(503) },
        },
      },
      async (request, reply) => {
        const copy = await publicCopy.get();
        reply.header('vary', 'accept').header('cache-control', 'public, max-age=300');
        if (csvPath || wantsCsv(request)) return reply.type(CSV).send(copy.csv);
        return reply.type('application/json; charset=utf-8').send(copy.json);
      },
    );
  }

  app.get(
    '/v1/public/datapackage.json',
    {
      schema: {
        operationId: 'getPublicDataPackage',
        tags: ['Public'],
        security: [],
        summary: 'The Frictionless data package describing /v1/public/statistics.csv',
        response: { 200: dataPackageSchema, ...problemResponses(503) },
      },
    },
    async (_request, reply) => {
      const { figures } = await publicCopy.get();
      reply.header('cache-control', 'public, max-age=300');
      return publicDataPackage(figures, `${app.config.MUNICIPALITY_NAME}: inquiries from social enterprises`);
    },
  );

  app.post(
    '/v1/statistics/snapshot',
    {
      preHandler: admins,
      schema: {
        operationId: 'refreshStatisticsSnapshot',
        tags,
        summary: 'Refresh the statistics snapshot now',
        description: 'Reads every case once and replaces the snapshot the statistics are answered from; answers when it is done. A nightly job does the same.',
        response: { 200: snapshotResultSchema, ...problemResponses(...guarded) },
      },
    },
    async (request) => {
      const result = await refreshSnapshot(deps);
      request.log.info({ cases: result.cases, durationMs: result.durationMs }, 'statistics snapshot refreshed');
      return { ...result, generatedAt: result.generatedAt.toISOString() };
    },
  );
};

export default statisticsRoutes;
