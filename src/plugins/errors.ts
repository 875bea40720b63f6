import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from '@fastify/type-provider-zod';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { AppError, type FieldError } from '../errors.js';

export const fieldErrorSchema = z.object({
  path: z.string().describe('Where the bad value is: body.enterprise.cvr, query.limit, headers.idempotency-key'),
  message: z.string(),
});

export const problemSchema = z
  .looseObject({
    type: z.string().describe('URI reference identifying the kind of problem'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    requestId: z.string(),
    errors: z.array(fieldErrorSchema).optional().describe('Every invalid field, for validation errors'),
  })
  .meta({ id: 'Problem', description: 'An RFC 9457 problem detail' });

const descriptions: Record<number, string> = {
  400: 'Invalid request; `errors` names every bad field',
  401: 'Missing or unknown bearer token',
  403: 'The token is known but not allowed to do this',
  404: 'Not found, or outside the caller\'s reach',
  409: 'Conflicts with the current state',
  412: 'The If-Match ETag is stale',
  413: 'The body is larger than allowed',
  414: 'A path parameter is longer than allowed',
  415: 'Unsupported content type',
  422: 'Well-formed but refused',
  428: 'An If-Match header is required',
  429: 'Too many requests; see Retry-After',
  503: 'Temporarily unavailable; see Retry-After',
};

/** Response schemas for the problem statuses a route can answer with. */
export function problemResponses(...statuses: number[]): Record<number, typeof problemSchema> {
  return Object.fromEntries(
    statuses.map((status) => [status, problemSchema.describe(descriptions[status] ?? 'Problem')]),
  );
}

const contextNames: Record<string, string> = { querystring: 'query', body: 'body', params: 'params', headers: 'headers' };

function problemType(slug: string): string {
  return `/problems/${slug}`;
}

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  requestId: string;
  [extension: string]: unknown;
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  problem: Omit<ProblemBody, 'requestId' | 'type'> & { slug: string },
  headers: Record<string, string> = {},
): FastifyReply {
  const { slug, ...rest } = problem;
  return reply
    .code(problem.status as number)
    .headers(headers)
    .type('application/problem+json; charset=utf-8')
    .send({ type: problemType(slug), ...rest, requestId: request.id });
}

// Connection-level failures of PostgreSQL: the request may succeed if retried shortly.
const unavailableCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006']);

export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && unavailableCodes.has(code)) return true;
  const message = (error as { message?: unknown }).message;
  return (
    typeof message === 'string' &&
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connect ECONNREFUSED|Client was closed/i.test(
      message,
    )
  );
}

/** SQLSTATE class 22: the database refused a value (bad encoding, out of range, invalid text). */
export function isDataException(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code) && (error as { severity?: unknown }).severity !== undefined;
}

function validationErrors(error: FastifyError): FieldError[] {
  const context = contextNames[(error as { validationContext?: string }).validationContext ?? 'body'] ?? 'body';
  return (error.validation ?? []).map((issue) => {
    const segments = issue.instancePath.split('/').filter(Boolean);
    // zod reports an unrecognised key at the parent; name the key itself.
    const params = issue.params as { keys?: string[] } | undefined;
    if (issue.keyword === 'unrecognized_keys' && params?.keys?.length) {
      return { path: [context, ...segments, params.keys.join(',')].join('.'), message: `Unknown field: ${params.keys.join(', ')}` };
    }
    return { path: [context, ...segments].join('.'), message: issue.message ?? 'Invalid value' };
  });
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Problems any route can answer with, whatever it declares itself: a bad token (the auth
 * hook runs everywhere), rate limiting, load shedding, and for routes that take input,
 * validation, size and media-type errors. Added to every route's response schemas so the
 * OpenAPI document tells the whole truth.
 */
function addCommonProblemResponses(route: RouteOptions): void {
  const schema = route.schema as (RouteOptions['schema'] & { hide?: boolean; response?: Record<string, unknown> }) | undefined;
  if (!schema?.response || schema.hide) return;
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  // Fastify parses any body sent with these methods, declared or not.
  const takesBody = methods.some((method) => BODY_METHODS.has(method));
  const takesInput = takesBody || schema.querystring !== undefined || schema.params !== undefined || schema.headers !== undefined;
  const statuses = [
    401,
    429,
    503,
    ...(takesInput ? [400] : []),
    ...(schema.params !== undefined ? [414] : []),
    ...(takesBody ? [413, 415] : []),
  ];
  for (const [status, problem] of Object.entries(problemResponses(...statuses))) {
    if (!(status in schema.response)) schema.response[status] = problem;
  }
}

/**
 * A part of the site that is not the API (the web pages) answers errors raised before
 * routing in its own form: a person gets a page, not a problem document.
 */
export interface FrameworkErrorPages {
  /** Whether the request's path (without the query) belongs to this part. */
  matches(path: string): boolean;
  render(status: 400 | 414, request: FastifyRequest, reply: FastifyReply): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Filled by the modules that serve something other than problem+json; see FrameworkErrorPages. */
    frameworkErrorPages: FrameworkErrorPages[];
  }
}

/**
 * Errors Fastify raises before routing (a malformed or over-long URL), rendered as the
 * same problem+json as everything else, or as a page where a module asked for one.
 * Passed to Fastify as `frameworkErrors`.
 */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
  const path = request.url.split('?')[0] ?? '';
  const pages = request.server.frameworkErrorPages?.find((candidate) => candidate.matches(path));
  if (pages) {
    pages.render(status, request, reply);
    return;
  }
  if (status === 414) {
    sendProblem(request, reply, { slug: 'uri-too-long', title: 'URI too long', status: 414, detail: 'A path parameter is longer than allowed.', errors: [{ path: 'params', message: 'Too long' }] });
    return;
  }
  sendProblem(request, reply, { slug: 'validation-error', title: 'Invalid request', status: 400, detail: 'The URL is malformed.', errors: [{ path: 'params', message: 'Malformed URL' }] });
}

async function errorsPlugin(app: FastifyInstance): Promise<void> {
  app.decorate('frameworkErrorPages', [] as FrameworkErrorPages[]);
  app.addHook('onRoute', addCommonProblemResponses);
  app.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, {
      slug: 'not-found',
      title: 'Not found',
      status: 404,
      detail: `No route for ${request.method} ${request.url.split('?')[0]}`,
    }),
  );

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (error.status >= 500) request.log.warn({ err: error }, 'request failed');
      return sendProblem(
        request,
        reply,
        { slug: error.slug, title: error.title, status: error.status, detail: error.message, ...error.extensions },
        error.headers,
      );
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      return sendProblem(request, reply, {
        slug: 'validation-error',
        title: 'Invalid request',
        status: 400,
        detail: 'The request has invalid fields.',
        errors: validationErrors(error),
      });
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: { message: error.message, code: error.code } }, 'database unavailable');
      return sendProblem(
        request,
        reply,
        { slug: 'service-unavailable', title: 'Service unavailable', status: 503, detail: 'The database is unavailable; try again shortly.' },
        { 'retry-after': '2' },
      );
    }
    if (isDataException(error)) {
      // A value PostgreSQL cannot take (a NUL byte, an out-of-range number) that slipped
      // past validation is still the client's input, not our failure.
      request.log.warn({ err: { message: error.message, code: error.code } }, 'database rejected a value');
      return sendProblem(request, reply, { slug: 'validation-error', title: 'Invalid request', status: 400, detail: 'The request contains a value that cannot be stored.', errors: [{ path: 'request', message: 'Invalid value' }] });
    }
    switch (error.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendProblem(request, reply, { slug: 'payload-too-large', title: 'Payload too large', status: 413, detail: 'The request body is larger than allowed.', errors: [{ path: 'body', message: 'Too large' }] });
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendProblem(request, reply, { slug: 'unsupported-media-type', title: 'Unsupported media type', status: 415, detail: 'Send the body as application/json.', errors: [{ path: 'headers.content-type', message: 'Unsupported content type' }] });
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return sendProblem(request, reply, { slug: 'validation-error', title: 'Invalid request', status: 400, detail: 'The body is not valid JSON.', errors: [{ path: 'body', message: 'Invalid JSON' }] });
    }
    if (error.statusCode === 400 && error.message.includes('JSON')) {
      return sendProblem(request, reply, { slug: 'validation-error', title: 'Invalid request', status: 400, detail: 'The body is not valid JSON.', errors: [{ path: 'body', message: 'Invalid JSON' }] });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return sendProblem(request, reply, { slug: 'bad-request', title: 'Bad request', status, detail: error.message });
    }
    if (isResponseSerializationError(error)) request.log.error({ err: error, cause: error.cause }, 'response did not match its schema');
    else request.log.error({ err: error }, 'unhandled error');
    return sendProblem(request, reply, { slug: 'internal', title: 'Internal server error', status: 500, detail: 'Something went wrong on our side. The error is logged with this request id.' });
  });
}

export default fp(errorsPlugin, { name: 'errors' });
