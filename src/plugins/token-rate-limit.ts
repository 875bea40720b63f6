import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.js';

const WINDOW_SECONDS = 60;
const POLICY = 'per-token';

/**
 * Per-token rate limit for authenticated requests (API_RATE_LIMIT per minute), on top of
 * @fastify/rate-limit's store. Every authenticated response says where the caller stands,
 * in the RateLimit-Policy and RateLimit fields of the IETF draft
 * (draft-ietf-httpapi-ratelimit-headers) and the older RateLimit-Limit/-Remaining/-Reset
 * trio many clients read; over the limit the answer is 429 with Retry-After.
 * Anonymous requests are left to the public per-address limit of the routes that have one.
 */
async function tokenRateLimitPlugin(app: FastifyInstance): Promise<void> {
  const max = app.config.API_RATE_LIMIT;
  if (max === 0) return;
  const check = app.createRateLimit({
    max,
    timeWindow: WINDOW_SECONDS * 1000,
    keyGenerator: (request) => `token:${request.principal?.tokenId ?? ''}`,
  });

  // Runs after the auth hook (registered earlier), so the token is already resolved.
  app.addHook('onRequest', async (request, reply) => {
    if (!request.principal) return;
    const limit = await check(request);
    if (limit.isAllowed) return;
    const { remaining, ttlInSeconds } = limit;
    const reset = Math.max(1, ttlInSeconds);
    reply.headers({
      'ratelimit-policy': `"${POLICY}";q=${max};w=${WINDOW_SECONDS}`,
      ratelimit: `"${POLICY}";r=${remaining};t=${reset}`,
      'ratelimit-limit': String(max),
      'ratelimit-remaining': String(remaining),
      'ratelimit-reset': String(reset),
    });
    if (limit.isExceeded) {
      throw new AppError(
        429,
        'too-many-requests',
        'Too many requests',
        `At most ${max} requests per minute with one token; try again in ${reset} s.`,
        {},
        { 'retry-after': String(reset) },
      );
    }
  });
}

export default fp(tokenRateLimitPlugin, { name: 'token-rate-limit', dependencies: ['auth', '@fastify/rate-limit'] });
