import closeWithGrace from 'close-with-grace';
import pino from 'pino';
import { ConfigError, loadConfig } from '../config.js';
import { backgroundWork } from '../background-tasks.js';
import { createDatabase } from '../db/database.js';
import { startDeliveryWorker } from '../modules/webhooks/worker.js';
import { redactPaths } from '../plugins/logging.js';

// `npm run worker`: the background worker (webhook deliveries, messages to enterprises) as a process of its own, for when the
// API runs with WEBHOOK_WORKER=false. Any number may run against the same database.
// It needs DATABASE_URL: the embedded PostgreSQL belongs to the API process.

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.DATABASE_URL) throw new ConfigError('npm run worker needs DATABASE_URL (the embedded database is reachable only from the API process)');
  const log = pino({ level: config.LOG_LEVEL, redact: redactPaths }).child({ component: 'webhook-worker' });
  const db = createDatabase({ connectionString: config.DATABASE_URL, poolSize: config.WEBHOOK_CONCURRENCY + 1, applicationName: 'one-entry-worker', preparedStatements: config.DATABASE_PREPARED_STATEMENTS });
  const worker = await startDeliveryWorker({
    connectionString: config.DATABASE_URL,
    db,
    config,
    log,
    ...backgroundWork(db, config, log),
  });
  log.info({ concurrency: config.WEBHOOK_CONCURRENCY }, 'webhook worker started');

  closeWithGrace({ delay: config.SHUTDOWN_GRACE_MS }, async ({ signal, err }) => {
    if (err) log.error({ err }, 'stopping after an error');
    else log.info({ signal }, 'stopping');
    await worker.stop();
    await db.destroy();
  });
}

main().catch((error: unknown) => {
  // One line for the operator; the exit code tells the supervisor.
  process.stderr.write(`Worker start-up failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
