import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { problemResponses } from '../../plugins/errors.js';
import { callerOf, principalOf, requireRole } from '../auth/auth.guards.js';
import type { CaseArchive } from '../cases/case-retention.repository.js';
import { caseParamsSchema } from '../cases/cases.schemas.js';
import { inquiryView } from '../cases/cases.service.js';
import type { RunRow, ScheduleRow } from './retention.repository.js';
import {
  type ArchiveDocument,
  archiveSchema,
  dryRunSchema,
  erasureBodySchema,
  erasureResultSchema,
  legalHoldBodySchema,
  legalHoldResultSchema,
  retentionPeriodsSchema,
  retentionScheduleSchema,
  type RetentionScheduleView,
  runListSchema,
  runsQuerySchema,
  type RunView,
} from './retention.schemas.js';
import { caseArchive, dryRun, eraseCase, getSchedule, listRuns, setLegalHold, setSchedule } from './retention.service.js';

const TAGS = ['Retention'];

function scheduleView({ current, history }: { current: ScheduleRow | null; history: ScheduleRow[] }): RetentionScheduleView {
  const version = (row: ScheduleRow) => ({
    version: row.version,
    anonymiseContactAfterDays: row.anonymiseContactAfterDays,
    deleteCaseAfterDays: row.deleteCaseAfterDays,
    setAt: row.createdAt.toISOString(),
    setBy: row.createdBy ? { id: row.createdBy, name: row.createdByName ?? '' } : null,
  });
  return {
    version: current?.version ?? null,
    anonymiseContactAfterDays: current?.anonymiseContactAfterDays ?? null,
    deleteCaseAfterDays: current?.deleteCaseAfterDays ?? null,
    setAt: current ? current.createdAt.toISOString() : null,
    setBy: current?.createdBy ? { id: current.createdBy, name: current.createdByName ?? '' } : null,
    history: history.map(version),
  };
}

function runView(run: RunRow): RunView {
  return {
    id: run.id,
    scheduleVersion: run.scheduleVersion,
    trigger: run.trigger,
    status: run.status,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    durationMs: run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null,
    anonymised: run.anonymised,
    deleted: run.deleted,
    failed: run.failed,
    errors: run.errors,
  };
}

function archiveView(archive: CaseArchive, at: Date): ArchiveDocument {
  const { kase, inquiry } = archive;
  return {
    archivedAt: at.toISOString(),
    case: {
      id: kase.id,
      reference: kase.reference,
      status: kase.status,
      leadDepartment: kase.leadDepartment,
      dueDate: kase.dueDate,
      routingVersion: kase.routingVersion,
      matchedRuleIds: kase.matchedRuleIds,
      createdAt: kase.createdAt.toISOString(),
      updatedAt: kase.updatedAt.toISOString(),
      closedAt: kase.closedAt?.toISOString() ?? null,
      personalDataErasedAt: archive.erasedAt?.toISOString() ?? null,
      legalHold: archive.legalHold
        ? { reason: archive.legalHold.reason, since: archive.legalHold.since.toISOString(), by: archive.legalHold.byUserId }
        : null,
    },
    inquiry: inquiryView(inquiry),
    assignments: archive.assignments.map((a) => ({
      id: a.id,
      department: a.department,
      role: a.role,
      status: a.status,
      assignee: a.assigneeId ? { id: a.assigneeId, name: a.assigneeName } : null,
      priority: a.priority,
      dueDate: a.dueDate,
      queuedAt: a.queuedAt.toISOString(),
      createdAt: a.createdAt.toISOString(),
      updatedAt: a.updatedAt.toISOString(),
    })),
    notes: archive.notes.map((n) => ({
      id: n.id,
      visibility: n.visibility,
      department: n.department,
      body: n.body,
      author: { id: n.authorId, name: n.authorName, role: n.authorRole },
      createdAt: n.createdAt.toISOString(),
    })),
    events: archive.events.map((e) => ({
      id: String(e.id),
      type: e.type,
      at: e.createdAt.toISOString(),
      department: e.department,
      actor: { id: e.actorId, name: e.actorName, role: e.actorRole },
      data: e.data,
    })),
  };
}

/**
 * Retention and erasure: admins only, every route. The role is checked before the input
 * (preValidation), so nobody else learns even what a valid request would look like.
 */
const retentionRoutes: FastifyPluginAsyncZod = async (app) => {
  const admins = requireRole('admin');

  app.get(
    '/v1/retention',
    {
      preValidation: admins,
      schema: {
        operationId: 'getRetentionSchedule',
        tags: TAGS,
        summary: 'The retention schedule in force, and its versions (admins)',
        response: { 200: retentionScheduleSchema, ...problemResponses(401, 403, 503) },
      },
    },
    async () => scheduleView(await getSchedule(app.db)),
  );

  app.put(
    '/v1/retention',
    {
      preValidation: admins,
      schema: {
        operationId: 'setRetentionSchedule',
        tags: TAGS,
        summary: 'Set the retention schedule: a new version (admins)',
        description:
          'Periods are days counted from the resolution of a case, 0 to 10958 (30 years), or null for never. Anonymising cannot come after deleting. The nightly run applies the version in force; see the dry run first.',
        body: retentionPeriodsSchema,
        response: { 200: retentionScheduleSchema, ...problemResponses(400, 401, 403, 503) },
      },
    },
    async (request) => scheduleView(await setSchedule(app.db, principalOf(request), request.body)),
  );

  app.post(
    '/v1/retention/dry-run',
    {
      preValidation: admins,
      schema: {
        operationId: 'dryRunRetention',
        tags: TAGS,
        summary: 'What a run of the schedule would do now, changing nothing (admins)',
        response: { 200: dryRunSchema, ...problemResponses(401, 403, 503) },
      },
    },
    async () => {
      const result = await dryRun(app.db);
      return {
        asOf: result.asOf.toISOString(),
        scheduleVersion: result.schedule?.version ?? null,
        anonymiseContactAfterDays: result.schedule?.anonymiseContactAfterDays ?? null,
        deleteCaseAfterDays: result.schedule?.deleteCaseAfterDays ?? null,
        delete: result.delete,
        anonymise: result.anonymise,
        held: result.held,
      };
    },
  );

  app.get(
    '/v1/retention/runs',
    {
      preValidation: admins,
      schema: {
        operationId: 'listRetentionRuns',
        tags: TAGS,
        summary: 'Runs of the schedule, newest first, with counts, duration and errors (admins)',
        querystring: runsQuerySchema,
        response: { 200: runListSchema, ...problemResponses(400, 401, 403, 503) },
      },
    },
    async (request) => ({ items: (await listRuns(app.db, request.query.limit)).map(runView) }),
  );

  app.put(
    '/v1/cases/:caseId/legal-hold',
    {
      preValidation: admins,
      schema: {
        operationId: 'setLegalHold',
        tags: TAGS,
        summary: 'Put a case under legal hold, or release it (admins)',
        description: 'No retention action (schedule or erasure) touches a held case. The change and its reason are a `legal_hold_changed` event.',
        params: caseParamsSchema,
        body: legalHoldBodySchema,
        response: { 200: legalHoldResultSchema, ...problemResponses(400, 401, 403, 404, 503) },
      },
    },
    async (request) => {
      const result = await setLegalHold(app.db, principalOf(request), request.params.caseId, request.body);
      return {
        caseId: result.caseId,
        reference: result.reference,
        legalHold: result.legalHold
          ? { reason: result.legalHold.reason, since: result.legalHold.since.toISOString(), by: result.legalHold.byUserId }
          : null,
      };
    },
  );

  app.get(
    '/v1/cases/:caseId/archive',
    {
      preValidation: admins,
      schema: {
        operationId: 'getCaseArchive',
        tags: TAGS,
        summary: 'The whole case as one JSON document, for the archive (admins)',
        description: 'The inquiry, assignments, every note and the whole history. The read is recorded in the access log.',
        params: caseParamsSchema,
        response: { 200: archiveSchema, ...problemResponses(400, 401, 403, 404, 503) },
      },
    },
    async (request, reply) => {
      const archive = await caseArchive(app.db, callerOf(request), request.params.caseId);
      reply.header('cache-control', 'no-store');
      reply.header('content-disposition', `attachment; filename="${archive.kase.reference}.json"`);
      return archiveView(archive, new Date());
    },
  );

  app.post(
    '/v1/cases/:caseId/erasure',
    {
      preValidation: admins,
      schema: {
        operationId: 'eraseCase',
        tags: TAGS,
        summary: "Erase the case's personal data now (admins)",
        description:
          "The contact's name, email and phone, the subject and description, and note texts (see `notes`) are replaced everywhere the service stores them: the inquiry, notes, the history's payloads, webhook deliveries kept for redelivery, mail records and idempotency records. A `personal_data_erased` event says who, what and why. Reference, dates, departments and topics stay. A held case: 409 naming the hold.",
        params: caseParamsSchema,
        body: erasureBodySchema,
        response: { 200: erasureResultSchema, ...problemResponses(400, 401, 403, 404, 409, 503) },
      },
    },
    async (request) => {
      const result = await eraseCase(app.db, principalOf(request), request.params.caseId, request.body);
      return { ...result, erasedAt: result.erasedAt.toISOString() };
    },
  );
};

export default retentionRoutes;
