import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type DeliveryWorker, type DeliveryWorkerOptions, startDeliveryWorker } from './worker.js';

const RESTART_DELAY_MS = 5000;

/**
 * Runs the delivery worker inside the API process (WEBHOOK_WORKER=true). It starts when
 * the app is ready and stops, letting running attempts finish, when the app closes. If
 * the job queue cannot start (the database is not reachable yet), the API still serves
 * and the worker tries again: deliveries wait safely in the outbox meanwhile.
 */
export interface WorkerPluginOptions {
  /** Further work for the same queue (tasks, and loops beside it), given the worker's logger. */
  work?: (log: FastifyBaseLogger) => Pick<DeliveryWorkerOptions, 'tasks' | 'loops' | 'cron'>;
}

async function webhookWorkerPlugin(app: FastifyInstance, options: WorkerPluginOptions): Promise<void> {
  const connectionString = app.config.DATABASE_URL;
  if (!app.config.WEBHOOK_WORKER) return;
  if (!connectionString) {
    app.log.warn('webhook worker not started: no DATABASE_URL');
    return;
  }
  const log = app.log.child({ component: 'webhook-worker' });
  let runner: DeliveryWorker | undefined;
  let closing = false;
  let retryTimer: NodeJS.Timeout | undefined;

  const start = async (): Promise<void> => {
    try {
      runner = await startDeliveryWorker({
        connectionString,
        db: app.db,
        config: app.config,
        log,
        ...options.work?.(log),
      });
      log.info('webhook worker started');
    } catch (err) {
      if (closing) return;
      log.error({ err }, `webhook worker could not start; trying again in ${RESTART_DELAY_MS / 1000} s`);
      retryTimer = setTimeout(() => void start(), RESTART_DELAY_MS);
    }
  };

  let starting: Promise<void> | undefined;
  // Not awaited: a slow database must not hold up the API's start.
  app.addHook('onReady', async () => {
    starting = start();
  });
  app.addHook('onClose', async () => {
    closing = true;
    clearTimeout(retryTimer);
    await starting;
    await runner?.stop();
    if (runner) log.info('webhook worker stopped');
  });
}

export default fp(webhookWorkerPlugin, { name: 'webhook-worker', dependencies: ['db'] });
