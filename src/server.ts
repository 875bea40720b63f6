import closeWithGrace from 'close-with-grace';
import pino from 'pino';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, publicBaseUrl } from './config.js';
import { createDatabase } from './db/database.js';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './db/embedded.js';
import { migrateToLatest } from './db/migrate.js';
import { ensureFirstAdmin } from './modules/auth/bootstrap.js';
import { migrateJobQueue } from './modules/webhooks/job-queue.js';
import { resealWebhookSecrets } from './modules/webhooks/webhook-secrets.js';
import { redactPaths } from './plugins/logging.js';
import { keyRingOf, withSecretsKey } from './secrets/secrets-key.js';

// The only file that listens and the only one that exits the process.

async function main(): Promise<void> {
  let config;
  try {
    config = withSecretsKey(loadConfig());
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const log = pino({ level: config.LOG_LEVEL, redact: redactPaths });

  let embedded: EmbeddedDatabase | undefined;
  let connectionString = config.DATABASE_URL;
  if (!connectionString) {
    embedded = await startEmbeddedPostgres(config.DATA_DIR, (message) => log.info(message));
    connectionString = embedded.connectionString;
    log.info({ dataDir: config.DATA_DIR }, 'embedded PostgreSQL started');
  }

  const db = createDatabase({ connectionString, poolSize: config.DATABASE_POOL_SIZE, preparedStatements: config.DATABASE_PREPARED_STATEMENTS });
  if (config.MIGRATE_ON_START) {
    const applied = await migrateToLatest(db);
    if (applied.length > 0) log.info({ applied }, 'migrations applied');
    // The outbox adds delivery jobs inside intake transactions: the queue's schema must exist.
    await migrateJobQueue(connectionString, log);
  }
  // Plaintext from before encryption at rest, and values under a previous key; a secret no key opens stops the start.
  const { resealed } = await resealWebhookSecrets(db, keyRingOf(config));
  if (resealed > 0) log.info({ resealed }, 'webhook signing secrets encrypted under the current SECRETS_KEY');
  const admin = await ensureFirstAdmin(db, config.ADMIN_TOKEN, { baseUrl: publicBaseUrl(config) });
  if (admin.created) {
    // Shown once, on purpose outside the structured logger so redaction does not hide them.
    const token = admin.generatedToken
      ? `Its API token (shown only now):\n\n  ${admin.generatedToken}\n\n`
      : 'Its API token is the one in ADMIN_TOKEN.\n\n';
    const link = admin.signInLink
      ? `Sign in to the staff pages with this link (works once, until ${admin.signInLink.expiresAt}):\n\n  ${admin.signInLink.url}\n\n`
      : '';
    process.stdout.write(
      `\nFirst admin created. ${token}${link}` +
        'Create more users, tokens and sign-in links with the API (POST /v1/users, POST /v1/users/{id}/tokens, POST /v1/users/{id}/sign-in-links) or `npm run cli -- help`.\n\n',
    );
  }

  const app = await buildApp({ ...config, DATABASE_URL: connectionString }, { db });

  closeWithGrace({ delay: config.SHUTDOWN_GRACE_MS }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
    // Each step is logged, so that a stop that runs into its grace period shows where it waited.
    await app.close();
    app.log.info('requests finished and background work stopped');
    await db.destroy();
    if (embedded) {
      await embedded.stop();
      app.log.info('embedded PostgreSQL stopped');
    }
  });

  await app.listen({ port: config.PORT, host: config.HOST });
}

main().catch((error: unknown) => {
  process.stderr.write(`Start-up failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
