import { randomUUID } from 'node:crypto';
import compress from '@fastify/compress';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from '@fastify/type-provider-zod';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from './config.js';
import { createDatabase, type Database } from './db/database.js';
import { compileProxyTrust } from './domain/proxy-trust.js';
import { WorkingDayCalendar } from './domain/working-days.js';
import assignmentRoutes from './modules/assignment/assignment.routes.js';
import authPlugin from './modules/auth/auth.plugin.js';
import { handOutQueued } from './modules/cases/case-assignment.service.js';
import casesRoutes from './modules/cases/cases.routes.js';
import healthRoutes from './modules/health/health.routes.js';
import inquiriesRoutes from './modules/inquiries/inquiries.routes.js';
import notificationsRoutes from './modules/notifications/notifications.routes.js';
import type { IntakeDeps } from './modules/inquiries/inquiries.service.js';
import type { CaseDeps } from './modules/cases/cases.service.js';
import { PublishedRoutingTable } from './modules/routing/published-table.js';
import retentionRoutes from './modules/retention/retention.routes.js';
import routingRoutes from './modules/routing/routing.routes.js';
import { TopicCatalogue } from './modules/topics/topic-catalogue.js';
import topicsRoutes from './modules/topics/topics.routes.js';
import staffRoutes from './modules/staff/staff.routes.js';
import statisticsRoutes from './modules/statistics/statistics.routes.js';
import transparencyRoutes from './modules/statistics/transparency.routes.js';
import webRoutes from './modules/web/web.routes.js';
import webhooksRoutes from './modules/webhooks/webhooks.routes.js';
import { webhooksOpenApi } from './modules/webhooks/webhooks.openapi.js';
import webhookWorkerPlugin from './modules/webhooks/worker.plugin.js';
import usersRoutes from './modules/users/users.routes.js';
import { keyRingOf } from './secrets/secrets-key.js';
import { backgroundWork } from './background-tasks.js';
import { configureZod } from './schemas/zod-config.js';
import metricsPlugin from './modules/metrics/metrics.plugin.js';
import pageAssetsPlugin from './modules/web/page-assets.plugin.js';
import dbPlugin from './plugins/db.js';
import errorsPlugin, { frameworkErrorHandler } from './plugins/errors.js';
import loadShedding from './plugins/load-shedding.js';
import { loggerOptions } from './plugins/logging.js';
import openapiPlugin from './plugins/openapi.js';
import tokenRateLimitPlugin from './plugins/token-rate-limit.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    intake: IntakeDeps;
  }
}

export interface AppDeps {
  /** Use this database instead of opening a pool from config.DATABASE_URL (the caller then closes it). */
  db?: Database;
  /** Logger options; defaults follow config.LOG_LEVEL. */
  logger?: FastifyServerOptions['logger'];
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Builds the application without listening: server.ts listens, tests inject or listen themselves. */
export async function buildApp(config: Config, deps: AppDeps = {}): Promise<FastifyInstance> {
  configureZod();
  // One decision for both headers a proxy speaks for the client with: its address and its request id.
  const trustedProxy = compileProxyTrust(config.TRUST_PROXY);
  const app = Fastify({
    logger: deps.logger ?? loggerOptions(config.LOG_LEVEL),
    bodyLimit: 64 * 1024,
    trustProxy: config.TRUST_PROXY === false ? false : trustedProxy,
    // Ids end up in logs and in the case read-access log, so only a trusted proxy may
    // choose one, and only a well-formed one; everyone else gets a fresh id.
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      const peer = req.socket.remoteAddress;
      const fromTrustedProxy = peer !== undefined && trustedProxy(peer, 0);
      return fromTrustedProxy && typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors: frameworkErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();

  // The API speaks JSON; plain text would only reach validation as a confusing string.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  /** Set when a stop begins (see the hooks below). */
  let closing = false;
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // Tells the client not to send more on this connection (see the stop below).
    if (closing) reply.header('connection', 'close');
  });

  // A graceful stop lets the requests in flight finish, then must not wait on their
  // connections: a keep-alive connection busy with a request when the stop begins is not
  // idle then, so Node would keep it open until the client lets go (a browser keeps it for
  // minutes) and every stop under traffic would run into its grace period and exit 1.
  // Once closing, each answer says so and ends its connection when it finishes.
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onResponse', async (request) => {
    if (closing) request.raw.socket?.end();
  });

  // Infrastructure, then database, then services, then routes.
  app.decorate('config', config);
  await app.register(errorsPlugin);
  await app.register(helmet, { global: true });
  // Pages, JSON and everything else over a kilobyte, as the client accepts. The pages'
  // CSRF tokens are salted anew in every response, so compression cannot be used to guess
  // them byte by byte (BREACH); the assets come compressed already (page-assets.ts).
  await app.register(compress, { encodings: ['br', 'gzip'] });
  await app.register(pageAssetsPlugin);
  await app.register(rateLimit, { global: false });

  let db = deps.db;
  if (!db) {
    if (!config.DATABASE_URL) throw new Error('buildApp needs config.DATABASE_URL or deps.db');
    db = createDatabase({ connectionString: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE, preparedStatements: config.DATABASE_PREPARED_STATEMENTS });
  }
  await app.register(dbPlugin, { db, owned: deps.db === undefined });
  await app.register(loadShedding, {
    maxDatabaseQueue: config.DATABASE_MAX_QUEUE,
    maxEventLoopDelayMs: config.MAX_EVENT_LOOP_DELAY_MS,
  });
  await app.register(authPlugin);
  await app.register(tokenRateLimitPlugin);

  // Each process keeps the published routing table compiled in memory and follows
  // publishes made by any process (see PublishedRoutingTable).
  const routing = new PublishedRoutingTable(db, {
    connectionString: config.DATABASE_URL,
    checkIntervalMs: config.ROUTING_CHECK_INTERVAL_MS,
    log: app.log,
  });
  app.addHook('onReady', async () => routing.start());
  app.addHook('onClose', async () => routing.stop());
  const calendar = WorkingDayCalendar.fromSetting(config.EXTRA_CLOSING_DAYS);
  const topics = new TopicCatalogue(db, undefined, (err) => app.log.warn({ err: { message: (err as Error).message } }, 'could not read the topic catalogue again; keeping the last copy'));
  // Read before the first request, like the routing table; a failure here is retried by the first intake.
  app.addHook('onReady', async () => {
    await topics.active().catch((err: unknown) => app.log.warn({ err: { message: (err as Error).message } }, 'could not read the topic catalogue; will retry'));
  });
  app.decorate('intake', {
    db,
    routing,
    calendar,
    referencePrefix: config.CASE_REFERENCE_PREFIX,
    topics,
    keys: keyRingOf(config),
  } satisfies IntakeDeps);
  app.decorate('casework', { db, calendar } satisfies CaseDeps);

  // Before the routes, so that every route's requests are counted.
  await app.register(metricsPlugin, { routingVersion: () => routing.version });
  await app.register(openapiPlugin, { webhooks: webhooksOpenApi() });
  await app.register(healthRoutes);
  await app.register(topicsRoutes);
  await app.register(inquiriesRoutes);
  await app.register(routingRoutes);
  await app.register(webRoutes);
  await app.register(staffRoutes);
  await app.register(webhooksRoutes);
  await app.register(webhookWorkerPlugin, { work: (log) => backgroundWork(db, config, log) });
  await app.register(casesRoutes);
  await app.register(usersRoutes);
  await app.register(notificationsRoutes);
  await app.register(statisticsRoutes);
  await app.register(transparencyRoutes);
  await app.register(retentionRoutes);
  // The assignment module sets policies and availability; the cases module hands out the work.
  await app.register(assignmentRoutes, { handOut: (departments) => handOutQueued(db, departments) });

  return app;
}
