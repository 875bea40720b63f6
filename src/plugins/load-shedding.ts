import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { poolStats } from '../db/database.js';
import { ServiceUnavailableError } from '../errors.js';

export interface LoadSheddingOptions {
  /** Waiting database requests beyond which new requests are refused; 0 = never. */
  maxDatabaseQueue: number;
  maxEventLoopDelayMs: number;
}

const exempt = new Set(['/healthz', '/readyz']);

/**
 * Refuses work the service cannot do in reasonable time, instead of queueing it until
 * clients time out: a request that would wait behind a long queue for a database
 * connection gets 503 with Retry-After at once, so accepted requests keep a bounded
 * latency under overload. Health checks are never shed.
 */
async function loadShedding(app: FastifyInstance, options: LoadSheddingOptions): Promise<void> {
  if (options.maxEventLoopDelayMs > 0) {
    await app.register(underPressure, {
      maxEventLoopDelay: options.maxEventLoopDelayMs,
      exposeStatusRoute: false,
      pressureHandler: (request) => {
        if (exempt.has(request.routeOptions.url ?? '')) return;
        throw new ServiceUnavailableError('The service is overloaded; try again shortly.', 2);
      },
    });
  }
  if (options.maxDatabaseQueue > 0) {
    app.addHook('onRequest', async (request) => {
      if (exempt.has(request.routeOptions.url ?? '')) return;
      const stats = poolStats(app.db);
      if (stats && stats.waiting >= options.maxDatabaseQueue) {
        throw new ServiceUnavailableError('The service is overloaded; try again shortly.', 1);
      }
    });
  }
}

export default fp(loadShedding, { name: 'load-shedding', dependencies: ['db', 'errors'] });
