import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fastifyMetricsModule from 'fastify-metrics';
import fp from 'fastify-plugin';
import { Gauge, Registry } from 'prom-client';
import { poolStats } from '../../db/database.js';
import { UnauthorizedError } from '../../errors.js';
import { today } from '../cases/cases.service.js';
import { jobQueue, mailState, openAssignmentsByDepartment, overdueAssignmentsByDepartment, undeliveredWebhooks } from './metrics.repository.js';

// A CommonJS package whose plugin is its `default` export.
const fastifyMetrics = fastifyMetricsModule.default;

export const METRICS_PATH = '/metrics';

export interface MetricsOptions {
  /** The published routing table's version, or null before it is loaded. */
  routingVersion: () => number | null;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/**
 * Prometheus metrics at GET /metrics, for a scraper holding METRICS_TOKEN: requests by route
 * and status (fastify-metrics), the process (prom-client's defaults), the connection pool,
 * the job queue, the departments' queues and overdue work, webhook deliveries and mail not
 * done, and the routing table in use. Each app has its own registry, so several apps in one
 * process (the tests) never share a figure. Without METRICS_TOKEN nothing is collected.
 */
async function metricsPlugin(app: FastifyInstance, { routingVersion }: MetricsOptions): Promise<void> {
  const token = app.config.METRICS_TOKEN;
  if (!token) return;
  const expected = digest(`Bearer ${token}`);
  const registry = new Registry();

  await app.register(fastifyMetrics, {
    endpoint: null,
    defaultMetrics: { enabled: true, register: registry },
    routeMetrics: {
      enabled: { histogram: true, summary: false },
      routeBlacklist: [METRICS_PATH],
      overrides: { histogram: { registers: [registry] } },
    },
  });
  // prom-client names three of its gauges with a counter's suffix, which promtool rejects;
  // the same figures stay, per type, in nodejs_active_handles, _requests and _resources.
  for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) registry.removeSingleMetric(name);

  const db = app.db;
  type State = Awaited<ReturnType<typeof readState>>;
  async function readState() {
    const [queues, overdue, jobs, webhooks, mail] = await Promise.all([
      openAssignmentsByDepartment(db),
      overdueAssignmentsByDepartment(db, today()),
      jobQueue(db),
      undeliveredWebhooks(db),
      mailState(db),
    ]);
    return { queues, overdue, jobs, webhooks, mail };
  }
  // The gauges of one scrape are collected together: they share one read of the database.
  let reading: Promise<State> | undefined;
  function state(): Promise<State> {
    if (!reading) {
      reading = readState();
      const done = () => {
        reading = undefined;
      };
      reading.then(done, done);
    }
    return reading;
  }

  new Gauge({
    name: 'one_entry_db_pool_connections',
    help: 'Connections of the database pool: total open, idle, and queries waiting for one; max is the pool size',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const stats = poolStats(db);
      if (!stats) return;
      this.set({ state: 'total' }, stats.total);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
      this.set({ state: 'max' }, stats.max);
    },
  });
  /** A gauge whose samples are the rows of this scrape's read of the database, set afresh each time. */
  function stateGauge<L extends string>(name: string, help: string, labelNames: readonly L[], samples: (s: State) => [Record<L, string>, number][]): void {
    new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        const rows = samples(await state());
        this.reset();
        for (const [labels, value] of rows) this.set(labels, value);
      },
    });
  }

  stateGauge('one_entry_assignments_open', 'Open assignments per department and status (queued, in_progress, waiting)', ['department', 'status'], (s) =>
    s.queues.map((r) => [{ department: r.department, status: r.status }, r.count]),
  );
  stateGauge('one_entry_assignments_overdue', 'Open assignments past their due date, per department', ['department'], (s) => s.overdue.map((r) => [{ department: r.department }, r.count]));
  stateGauge('one_entry_jobs', 'Jobs in the queue per task and state (ready to run, running, scheduled for later)', ['task', 'state'], (s) =>
    s.jobs.map((r) => [{ task: r.task, state: r.state }, r.count]),
  );
  stateGauge('one_entry_jobs_oldest_age_seconds', 'How long the oldest job that is due has been due, per task and state', ['task', 'state'], (s) =>
    s.jobs.filter((r) => r.state !== 'scheduled').map((r) => [{ task: r.task, state: r.state }, r.oldestAgeSeconds]),
  );
  stateGauge('one_entry_webhook_deliveries_undelivered', 'Webhook deliveries not delivered: pending (being retried) or failed (given up)', ['status'], (s) =>
    (['pending', 'failed'] as const).map((status) => [{ status }, s.webhooks.find((r) => r.status === status)?.count ?? 0]),
  );
  new Gauge({
    name: 'one_entry_mail_outbox',
    help: 'Mails waiting in the outbox to be handed to the job queue',
    registers: [registry],
    async collect() {
      this.set((await state()).mail.outbox);
    },
  });
  new Gauge({
    name: 'one_entry_mail_failed',
    help: 'Mails the SMTP server refused for good (recorded on their cases as notification_failed)',
    registers: [registry],
    async collect() {
      this.set((await state()).mail.failed);
    },
  });
  new Gauge({
    name: 'one_entry_routing_table_version',
    help: 'Version of the published routing table this process routes by',
    registers: [registry],
    collect() {
      const version = routingVersion();
      if (version !== null) this.set(version);
    },
  });

  function authorised(request: FastifyRequest): boolean {
    const given = request.headers.authorization;
    return typeof given === 'string' && timingSafeEqual(digest(given), expected);
  }

  app.get(METRICS_PATH, { schema: { hide: true }, logLevel: 'warn', config: { ownAuthorization: true } }, async (request, reply) => {
    if (!authorised(request)) throw new UnauthorizedError('GET /metrics needs "Authorization: Bearer <METRICS_TOKEN>".');
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}

export default fp(metricsPlugin, { name: 'metrics', dependencies: ['db'] });
