import type { FastifyBaseLogger } from 'fastify';
import type { TaskList } from 'graphile-worker';
import { type Config, publicBaseUrl } from './config.js';
import type { Database } from './db/database.js';
import { recordCaseNotification } from './modules/cases/case-notifications.service.js';
import { mailTransportFor } from './modules/notifications/mail-transport.js';
import { startNotificationRelay } from './modules/notifications/notification-relay.js';
import { notificationTasks } from './modules/notifications/notifications.tasks.js';
import { keyRingOf } from './secrets/secrets-key.js';

/**
 * The job queue's tasks besides webhook delivery, wired here because they join modules
 * that must not import each other: the notifications module sends, the cases module
 * records in the case's history that it did.
 */
export function backgroundTasks(
  db: Database,
  config: Pick<Config, 'SMTP_URL' | 'DATA_DIR' | 'MAIL_FROM' | 'PUBLIC_BASE_URL' | 'HOST' | 'PORT' | 'SECRETS_KEY' | 'SECRETS_KEY_PREVIOUS'>,
  log: FastifyBaseLogger,
): TaskList {
  return notificationTasks({
    db,
    transport: mailTransportFor(config),
    keys: keyRingOf(config),
    from: config.MAIL_FROM,
    publicBaseUrl: publicBaseUrl(config),
    recordOutcome: recordCaseNotification,
    log: log.child({ component: 'notifications' }),
  });
}

/** What runs beside the job queue: the relay that moves the notification outbox onto it. */
export function backgroundLoops(db: Database, config: Pick<Config, 'WEBHOOK_POLL_INTERVAL_MS'>, log: FastifyBaseLogger) {
  return [() => startNotificationRelay(db, { intervalMs: config.WEBHOOK_POLL_INTERVAL_MS, log: log.child({ component: 'notifications' }) })];
}
