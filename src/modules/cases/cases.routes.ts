import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { formatEtag } from '../../domain/etag.js';
import { problemResponses } from '../../plugins/errors.js';
import { callerOf, requireRole } from '../auth/auth.guards.js';
import { departmentCodeSchema } from '../departments/departments.schemas.js';
import { ACCESS_LOG_READERS, CASE_READERS, CASE_WORKERS, QUEUE_MEMBERS } from './case-access.js';
import { addNote, type ChangedCase, changeAssignment, claimNext, involveDepartment, transferAssignment } from './case-work.service.js';
import {
  assignmentParamsSchema,
  assignmentPatchSchema,
  caseEventSchema,
  caseListQuerySchema,
  caseListSchema,
  caseParamsSchema,
  caseReadListSchema,
  caseReadQuerySchema,
  caseSchema,
  involveSchema,
  newNoteSchema,
  noteSchema,
  optionalIfMatchSchema,
  requiredIfMatchSchema,
  transferSchema,
} from './cases.schemas.js';
import { type CaseDeps, getCase, getCaseEvents, listCaseReads, listCases } from './cases.service.js';

declare module 'fastify' {
  interface FastifyInstance {
    casework: CaseDeps;
  }
}

/** Case data is personal data: never cached by a browser or proxy. */
function withEtag<T>(reply: FastifyReply, changed: ChangedCase<T>): T {
  reply.header('etag', changed.etag).header('cache-control', 'no-store');
  return changed.result;
}

const etagNote = 'The `ETag` response header carries the case\'s revision for a later `If-Match`.';

const casesRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = app.casework;
  const readers = requireRole(...CASE_READERS);
  const workers = requireRole(...CASE_WORKERS);

  app.get(
    '/v1/cases',
    {
      preHandler: readers,
      schema: {
        operationId: 'listCases',
        tags: ['Cases'],
        summary: 'Cases within your reach, due date first',
        description:
          'Caseworkers see the cases their departments have an assignment on, coordinators and admins all, integrators what they submitted. `department`, `status`, `assignee` and `overdue` describe one and the same assignment of the case: `?department=jobcenter&status=queued` is the jobcenter queue. Keyset pagination: pass `nextCursor` back as `cursor` with the same filters.',
        querystring: caseListQuerySchema,
        response: { 200: caseListSchema, ...problemResponses(400, 401, 403, 503) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return listCases(deps, callerOf(request), request.query);
    },
  );

  app.get(
    '/v1/cases/:caseId',
    {
      preHandler: readers,
      schema: {
        operationId: 'getCase',
        tags: ['Cases'],
        summary: 'The case: inquiry, assignments and the notes you may read',
        description: `Every read is recorded in the case's access log. ${etagNote}`,
        params: caseParamsSchema,
        response: { 200: caseSchema, ...problemResponses(400, 401, 403, 404, 503) },
      },
    },
    async (request, reply) => {
      const kase = await getCase(deps, callerOf(request), request.params.caseId);
      return withEtag(reply, { result: kase, etag: formatEtag(kase.revision) });
    },
  );

  app.get(
    '/v1/cases/:caseId/events',
    {
      preHandler: readers,
      schema: {
        operationId: 'listCaseEvents',
        tags: ['Cases'],
        summary: 'The case\'s history, oldest first',
        description: 'Every change with who, when, and before/after where it applies. Events about notes you may not read are left out.',
        params: caseParamsSchema,
        response: { 200: z.array(caseEventSchema), ...problemResponses(400, 401, 403, 404, 503) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return getCaseEvents(deps, callerOf(request), request.params.caseId);
    },
  );

  app.post(
    '/v1/departments/:department/claim',
    {
      preHandler: requireRole(...QUEUE_MEMBERS),
      schema: {
        operationId: 'claimNext',
        tags: ['Cases'],
        summary: 'Take the next case from your department\'s queue',
        description: `Atomically assigns the next queued assignment of the department (highest priority, earliest due date, longest waiting) to you and starts it. Two callers never get the same assignment. 204 when the queue is empty. ${etagNote}`,
        params: z.object({ department: departmentCodeSchema }),
        response: {
          200: caseSchema,
          204: z.null().describe('The queue is empty'),
          ...problemResponses(400, 401, 403, 503),
        },
      },
    },
    async (request, reply) => {
      const claimed = await claimNext(deps, callerOf(request), request.params.department);
      if (!claimed) return reply.code(204).send(null);
      request.log.info({ caseId: claimed.result.id, department: request.params.department }, 'case claimed');
      return withEtag(reply, claimed);
    },
  );

  app.patch(
    '/v1/cases/:caseId/assignments/:department',
    {
      preHandler: workers,
      schema: {
        operationId: 'updateAssignment',
        tags: ['Cases'],
        summary: 'Change a department\'s assignment: status, assignee, priority',
        description:
          'Statuses: `queued` → `in_progress` ⇄ `waiting` → `done`; `in_progress` → `queued` releases (clears the assignee); `done` → `in_progress` reopens. Any other transition is 409 with `allowed`. Setting an assignee on a queued assignment starts it; clearing it releases. Caseworkers take, move and release their own; coordinators assign anyone in the department and set priority. Requires `If-Match` with the case\'s ETag: 428 without, 412 when stale.',
        params: assignmentParamsSchema,
        headers: requiredIfMatchSchema,
        body: assignmentPatchSchema,
        response: { 200: caseSchema, ...problemResponses(400, 401, 403, 404, 409, 412, 422, 428, 503) },
      },
    },
    async (request, reply) => {
      const { caseId, department } = request.params;
      const changed = await changeAssignment(deps, callerOf(request), caseId, department, request.body, request.headers['if-match']);
      return withEtag(reply, changed);
    },
  );

  app.post(
    '/v1/cases/:caseId/transfer',
    {
      preHandler: workers,
      schema: {
        operationId: 'transferAssignment',
        tags: ['Cases'],
        summary: 'Hand a department\'s part of the case to another department',
        description:
          'The `from` assignment becomes `transferred`; `to` gets a queued assignment with the same role (transferring the lead moves the lead), due date and priority. Refused (409) when `to` is already on the case. The reason is recorded in the history.',
        params: caseParamsSchema,
        headers: optionalIfMatchSchema,
        body: transferSchema,
        response: { 200: caseSchema, ...problemResponses(400, 401, 403, 404, 409, 412, 422, 503) },
      },
    },
    async (request, reply) => {
      const changed = await transferAssignment(deps, callerOf(request), request.params.caseId, request.body, request.headers['if-match']);
      request.log.info({ caseId: request.params.caseId, from: request.body.from, to: request.body.to }, 'assignment transferred');
      return withEtag(reply, changed);
    },
  );

  app.post(
    '/v1/cases/:caseId/involve',
    {
      preHandler: workers,
      schema: {
        operationId: 'involveDepartment',
        tags: ['Cases'],
        summary: 'Bring another department onto the case',
        description: 'Adds a queued, involved assignment, due within the response time of the case\'s topics from today. Refused (409) when the department is already on the case.',
        params: caseParamsSchema,
        headers: optionalIfMatchSchema,
        body: involveSchema,
        response: { 200: caseSchema, ...problemResponses(400, 401, 403, 404, 409, 412, 422, 503) },
      },
    },
    async (request, reply) => {
      const changed = await involveDepartment(deps, callerOf(request), request.params.caseId, request.body, request.headers['if-match']);
      request.log.info({ caseId: request.params.caseId, department: request.body.department }, 'department involved');
      return withEtag(reply, changed);
    },
  );

  app.post(
    '/v1/cases/:caseId/notes',
    {
      preHandler: workers,
      schema: {
        operationId: 'addNote',
        tags: ['Cases'],
        summary: 'Add a note',
        description:
          '`department` notes are read only by that department, coordinators and admins; `case` notes by everyone who can see the case; `enterprise` notes also appear on the enterprise\'s status page and are written by the lead department or a coordinator. Notes are never edited or deleted: a correction is a new note.',
        params: caseParamsSchema,
        headers: optionalIfMatchSchema,
        body: newNoteSchema,
        response: { 201: noteSchema, ...problemResponses(400, 401, 403, 404, 412, 422, 503) },
      },
    },
    async (request, reply) => {
      const added = await addNote(deps, callerOf(request), request.params.caseId, request.body, request.headers['if-match']);
      return reply.code(201).send(withEtag(reply, added));
    },
  );

  app.get(
    '/v1/cases/:caseId/access-log',
    {
      preHandler: requireRole(...ACCESS_LOG_READERS),
      schema: {
        operationId: 'listCaseReads',
        tags: ['Cases'],
        summary: 'Who was shown the case, newest first (admins)',
        description: 'Every response that showed the case\'s personal data: who, with which token, through which operation, when.',
        params: caseParamsSchema,
        querystring: caseReadQuerySchema,
        response: { 200: caseReadListSchema, ...problemResponses(400, 401, 403, 404, 503) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return listCaseReads(deps, callerOf(request), request.params.caseId, request.query);
    },
  );
};

export default casesRoutes;
