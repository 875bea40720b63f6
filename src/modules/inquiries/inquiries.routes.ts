import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import type { RateLimitOptions } from '@fastify/rate-limit';
import { z } from 'zod';
import { caseReferencePattern } from '../../domain/reference.js';
import { AppError, NotFoundError } from '../../errors.js';
import { problemResponses } from '../../plugins/errors.js';
import { enterpriseStatusSchema, idempotencyKeyHeaderSchema, inquiryInputSchema, receiptSchema } from './inquiries.schemas.js';
import { enterpriseStatus, submitInquiry } from './inquiries.service.js';

/**
 * Per-address limit for anonymous submissions; a request with a valid token is exempt
 * (its token is already resolved by the auth hook when this runs, and invalid bodies count too).
 */
export function publicSubmissionRateLimit(perMinute: number): RateLimitOptions | false {
  if (perMinute === 0) return false;
  return {
    max: perMinute,
    timeWindow: 60_000,
    hook: 'preValidation',
    keyGenerator: (request) => request.ip,
    allowList: (request) => request.principal !== null,
    errorResponseBuilder: (_request, context) =>
      new AppError(
        429,
        'too-many-requests',
        'Too many requests',
        `At most ${context.max} submissions per minute from one address; try again in ${context.after}.`,
        {},
        { 'retry-after': String(Math.max(1, Math.ceil(context.ttl / 1000))) },
      ),
  };
}

const inquiriesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/inquiries',
    {
      config: { rateLimit: publicSubmissionRateLimit(app.config.PUBLIC_RATE_LIMIT) },
      schema: {
        operationId: 'submitInquiry',
        tags: ['Public'],
        // The token is optional: an integrator's token marks the channel as api.
        security: [{}, { bearerAuth: [] }],
        summary: 'Submit an inquiry from a social enterprise',
        description:
          'No token is needed; with an integrator token the channel is recorded as `api`. Send an `Idempotency-Key` to make retries safe: the same key and body return the original receipt, a different body is 422, and a duplicate that arrives while the first is running waits for it (409 if that takes more than a few seconds).',
        headers: idempotencyKeyHeaderSchema,
        body: inquiryInputSchema,
        response: {
          201: receiptSchema,
          ...problemResponses(400, 401, 409, 413, 415, 422, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const { receipt, replayed } = await submitInquiry(app.intake, request.body, {
        principal: request.principal,
        idempotencyKey: request.headers['idempotency-key'],
      });
      request.log.info({ caseId: receipt.caseId, lead: receipt.routing.lead, replayed }, replayed ? 'inquiry replayed' : 'inquiry received');
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).header('location', `/v1/cases/${receipt.caseId}`).send(receipt);
    },
  );

  app.get(
    '/v1/inquiries/:reference/status',
    {
      schema: {
        operationId: 'getEnterpriseStatus',
        tags: ['Public'],
        security: [],
        summary: "The enterprise's view of its case",
        description: 'Needs the tracking token from the receipt. A wrong or missing token is 404, like an unknown reference.',
        params: z.object({ reference: z.string().max(40).regex(caseReferencePattern, 'Not a case reference') }),
        querystring: z.object({ token: z.string().max(200).optional() }),
        response: { 200: enterpriseStatusSchema, ...problemResponses(400, 404, 503) },
      },
    },
    async (request, reply) => {
      reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
      const status = await enterpriseStatus(app.db, request.params.reference, request.query.token);
      if (!status) throw new NotFoundError('No case with that reference and token.');
      return status;
    },
  );
};

export default inquiriesRoutes;
