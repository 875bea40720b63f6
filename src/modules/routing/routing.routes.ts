import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../plugins/errors.js';
import { callerOf, principalOf, requireRole } from '../auth/auth.guards.js';
import { rerouteCase } from './reroute.service.js';
import {
  caseParamsSchema,
  createDraftSchema,
  diffQuerySchema,
  diffSchema,
  goldenCaseInputSchema,
  goldenCaseSchema,
  publishBodySchema,
  publishResultSchema,
  rerouteBodySchema,
  rerouteResultSchema,
  simulateBodySchema,
  simulationSchema,
  tableInputSchema,
  tableSchema,
  tableSummarySchema,
  versionParamsSchema,
} from './routing.schemas.js';
import {
  type RoutingDeps,
  createDraft,
  createGoldenCase,
  diffTables,
  getTable,
  listGoldenCaseViews,
  listTableSummaries,
  publishDraft,
  removeGoldenCase,
  replaceDraft,
  simulate,
} from './routing.service.js';

const tags = ['Routing'];
const coordinators = requireRole('coordinator', 'admin');
/** Statuses every route here can answer with besides its own. */
const guarded = [401, 403, 503] as const;

// Tables of a thousand rules are larger than the default body limit.
const TABLE_BODY_LIMIT = 4 * 1024 * 1024;

/** For bodies whose fields are all optional: a request without a body means `{}`. */
function withoutBodyAsEmpty<T extends z.ZodType>(schema: T) {
  return z.preprocess((body) => body ?? {}, schema);
}

const routingRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps: RoutingDeps = { db: app.db, routing: app.intake.routing };

  app.get(
    '/v1/routing/tables',
    {
      preHandler: coordinators,
      schema: {
        operationId: 'listRoutingTables',
        tags,
        summary: 'Every routing table version, newest first',
        response: { 200: z.array(tableSummarySchema), ...problemResponses(...guarded) },
      },
    },
    async () => listTableSummaries(app.db),
  );

  app.post(
    '/v1/routing/tables',
    {
      preHandler: coordinators,
      schema: {
        operationId: 'createRoutingDraft',
        tags,
        summary: 'Create a draft, empty or copied from any version',
        body: createDraftSchema,
        response: { 201: tableSchema, ...problemResponses(400, ...guarded) },
      },
    },
    async (request, reply) => {
      const { view, etag } = await createDraft(app.db, request.body, principalOf(request));
      request.log.info({ version: view.version, copiedFrom: view.copiedFrom }, 'routing draft created');
      return reply.code(201).header('location', `/v1/routing/tables/${view.version}`).header('etag', etag).send(view);
    },
  );

  app.get(
    '/v1/routing/tables/:version',
    {
      preHandler: coordinators,
      schema: {
        operationId: 'getRoutingTable',
        tags,
        summary: 'A version with its rules, the analysis warnings and its history',
        description: 'The `ETag` header can be sent back as `If-Match` when replacing a draft, so two editors do not overwrite each other.',
        params: versionParamsSchema,
        response: { 200: tableSchema.describe('The table'), ...problemResponses(400, 404, ...guarded) },
      },
    },
    async (request, reply) => {
      const { view, etag } = await getTable(app.db, request.params.version);
      return reply.header('etag', etag).send(view);
    },
  );

  app.put(
    '/v1/routing/tables/:version',
    {
      preHandler: coordinators,
      bodyLimit: TABLE_BODY_LIMIT,
      schema: {
        operationId: 'replaceRoutingDraft',
        tags,
        summary: "Replace a draft's rules and fallback department",
        description:
          'Validated on save: unknown topics or departments, inverted ranges, malformed postcodes, empty keywords and duplicate rule ids are 400 with the path of each (`body.rules.3.when.postcodes.0.from`). Published and retired versions never change (409). With `If-Match`, a draft changed since it was read is 412.',
        params: versionParamsSchema,
        headers: z.object({ 'if-match': z.string().max(100).optional() }),
        body: tableInputSchema,
        response: { 200: tableSchema, ...problemResponses(400, 404, 409, 412, 413, ...guarded) },
      },
    },
    async (request, reply) => {
      const { view, etag } = await replaceDraft(app.db, request.params.version, request.body, principalOf(request), request.headers['if-match']);
      request.log.info({ version: view.version, rules: view.ruleCount }, 'routing draft edited');
      return reply.header('etag', etag).send(view);
    },
  );

  app.post(
    '/v1/routing/tables/:version/publish',
    {
      preHandler: coordinators,
      schema: {
        operationId: 'publishRoutingTable',
        tags,
        summary: 'Publish a draft atomically; the published version is retired',
        description:
          'The body may be left out. Runs every golden case against the draft first. When any routes differently, 422 `golden-cases-failed` lists each with `expected` and `actual`, unless the body has `force: true` and a `reason` (recorded). A draft that refers to a topic or department that no longer exists is 422 `routing-table-invalid`. Every running process switches to the new table within a second.',
        params: versionParamsSchema,
        body: withoutBodyAsEmpty(publishBodySchema),
        response: { 200: publishResultSchema, ...problemResponses(400, 404, 409, 422, ...guarded) },
      },
    },
    async (request) => {
      const result = await publishDraft(deps, request.params.version, request.body, principalOf(request));
      request.log.info(
        { version: result.table.version, retired: result.retiredVersion, forced: result.table.publishForced },
        'routing table published',
      );
      return result;
    },
  );

  app.get(
    '/v1/routing/tables/:version/diff',
    {
      preHandler: coordinators,
      schema: {
        operationId: 'diffRoutingTables',
        tags,
        summary: 'Rules added, removed and changed between two versions',
        params: versionParamsSchema,
        querystring: diffQuerySchema,
        response: { 200: diffSchema, ...problemResponses(400, 404, ...guarded) },
      },
    },
    async (request) => diffTables(app.db, request.params.version, request.query.against),
  );

  app.post(
    '/v1/routing/simulate',
    {
      preHandler: coordinators,
      schema: {
        operationId: 'simulateRouting',
        tags,
        summary: 'Route an inquiry without creating a case, and see why',
        description: 'Against the published version, or any `version` (drafts included). Lists every rule: matched or not, the first condition that failed, and what it did.',
        body: simulateBodySchema,
        response: { 200: simulationSchema, ...problemResponses(400, 404, ...guarded) },
      },
    },
    async (request) => simulate(deps, request.body.inquiry, request.body.version),
  );

  app.get(
    '/v1/routing/golden-cases',
    {
      preHandler: coordinators,
      schema: {
        operationId: 'listGoldenCases',
        tags,
        summary: 'Example inquiries with the routing they must get, each checked against the published table',
        response: { 200: z.array(goldenCaseSchema), ...problemResponses(...guarded) },
      },
    },
    async () => listGoldenCaseViews(deps),
  );

  app.post(
    '/v1/routing/golden-cases',
    {
      preHandler: coordinators,
      schema: {
        operationId: 'createGoldenCase',
        tags,
        summary: 'Add a golden case; every later publish must route it as expected',
        body: goldenCaseInputSchema,
        response: { 201: goldenCaseSchema, ...problemResponses(400, ...guarded) },
      },
    },
    async (request, reply) => {
      const golden = await createGoldenCase(deps, request.body, principalOf(request));
      return reply.code(201).header('location', `/v1/routing/golden-cases/${golden.id}`).send(golden);
    },
  );

  app.delete(
    '/v1/routing/golden-cases/:id',
    {
      preHandler: coordinators,
      schema: {
        operationId: 'deleteGoldenCase',
        tags,
        summary: 'Remove a golden case',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null().describe('Removed'), ...problemResponses(400, 404, ...guarded) },
      },
    },
    async (request, reply) => {
      await removeGoldenCase(app.db, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/v1/cases/:caseId/reroute',
    {
      preHandler: coordinators,
      schema: {
        operationId: 'rerouteCase',
        tags,
        summary: 'Route an open case again with the published table',
        description:
          'Departments the new decision adds get a queued assignment; a department it drops loses its assignment only while it is still queued (work in progress, waiting or done stays). Records a `rerouted` event with both decisions. A resolved case is 409.',
        params: caseParamsSchema,
        body: withoutBodyAsEmpty(rerouteBodySchema),
        response: { 200: rerouteResultSchema, ...problemResponses(400, 404, 409, ...guarded) },
      },
    },
    async (request) => {
      const result = await rerouteCase(
        { ...deps, casework: app.casework },
        request.params.caseId,
        callerOf(request),
        request.body.reason,
      );
      request.log.info({ caseId: result.caseId, changed: result.changed, lead: result.after.lead }, 'case rerouted');
      return result;
    },
  );
};

export default routingRoutes;
