import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { ROLES } from '../../domain/principal.js';
import { problemResponses } from '../../plugins/errors.js';
import { principalOf, requireRole } from '../auth/auth.guards.js';
import {
  availabilityInputSchema,
  availabilityParamsSchema,
  availabilitySchema,
  departmentParamsSchema,
  policyInputSchema,
  policySchema,
  simulationInputSchema,
  simulationSchema,
} from './assignment.schemas.js';
import { getAvailability, getPolicy, type HandOut, putPolicy, setAvailability, simulate } from './assignment.service.js';

export interface AssignmentRoutesOptions {
  /** Hands out queued work once someone is eligible (the cases module's, given by app.ts). */
  handOut: HandOut;
}

const assignmentRoutes: FastifyPluginAsyncZod<AssignmentRoutesOptions> = async (app, { handOut }) => {
  const coordinators = requireRole('coordinator', 'admin');
  const staff = requireRole(...ROLES.filter((role) => role !== 'integrator'));
  const tags = ['Assignment'];

  app.get(
    '/v1/departments/:department/assignment-policy',
    {
      preHandler: coordinators,
      schema: {
        operationId: 'getAssignmentPolicy',
        tags,
        summary: "The department's assignment policy (coordinators, admins)",
        params: departmentParamsSchema,
        response: { 200: policySchema, ...problemResponses(400, 401, 403, 404, 503) },
      },
    },
    async (request) => getPolicy(app.db, request.params.department),
  );

  app.put(
    '/v1/departments/:department/assignment-policy',
    {
      preHandler: coordinators,
      schema: {
        operationId: 'putAssignmentPolicy',
        tags,
        summary: "Set the department's assignment policy (coordinators, admins)",
        description:
          'Under `round-robin` and `least-loaded` every new, transferred, involved or released assignment of the department is given to an eligible caseworker (an active, available member under the cap) in the same transaction; it stays queued until they start it. Work already waiting in the queue is handed out at once.',
        params: departmentParamsSchema,
        body: policyInputSchema,
        response: { 200: policySchema, ...problemResponses(400, 401, 403, 404, 503) },
      },
    },
    async (request) => putPolicy(app.db, handOut, principalOf(request), request.params.department, request.body),
  );

  app.post(
    '/v1/departments/:department/assignment-policy/simulate',
    {
      preHandler: coordinators,
      schema: {
        operationId: 'simulateAssignmentPolicy',
        tags,
        summary: "Who would have received the department's last 100 assignments under a policy (coordinators, admins)",
        description:
          "Replays the assignments oldest first with today's caseworkers and their availability; each counts as open until it really closed. Changes nothing.",
        params: departmentParamsSchema,
        body: simulationInputSchema,
        response: { 200: simulationSchema, ...problemResponses(400, 401, 403, 404, 503) },
      },
    },
    async (request) => simulate(app.db, request.params.department, request.body),
  );

  app.get(
    '/v1/users/:userId/availability',
    {
      preHandler: staff,
      schema: {
        operationId: 'getAvailability',
        tags,
        summary: "A user's availability for automatic assignment (the user, coordinators, admins)",
        params: availabilityParamsSchema,
        response: { 200: availabilitySchema, ...problemResponses(400, 401, 403, 404, 503) },
      },
    },
    async (request) => getAvailability(app.db, principalOf(request), request.params.userId),
  );

  app.put(
    '/v1/users/:userId/availability',
    {
      preHandler: staff,
      schema: {
        operationId: 'putAvailability',
        tags,
        summary: "Set a user's availability (the user, admins)",
        description:
          'An unavailable caseworker is given nothing; their cover, when named, receives their turns. A cover must be another active caseworker of every department of the user (422). Becoming available hands out the work waiting in the departments at once.',
        params: availabilityParamsSchema,
        body: availabilityInputSchema,
        response: { 200: availabilitySchema, ...problemResponses(400, 401, 403, 404, 422, 503) },
      },
    },
    async (request) => setAvailability(app.db, handOut, principalOf(request), request.params.userId, request.body),
  );
};

export default assignmentRoutes;
