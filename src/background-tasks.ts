import type { FastifyBaseLogger } from 'fastify';
import type { CronItem, TaskList } from 'graphile-worker';
import { type Config, publicBaseUrl } from './config.js';
import type { Database } from './db/database.js';
import { signInHousekeepingCron, signInHousekeepingTask, SIGN_IN_HOUSEKEEPING_TASK } from './modules/auth/sign-in-housekeeping.tasks.js';
import { recordCaseNotification } from './modules/cases/case-notifications.service.js';
import { mailTransportFor } from './modules/notifications/mail-transport.js';
import { startNotificationRelay } from './modules/notifications/notification-relay.js';
import { notificationTasks } from './modules/notifications/notifications.tasks.js';
import { keyRingOf } from './secrets/secrets-key.js';

/** What the job queue runs besides webhook delivery: tasks on the queue, loops beside it, recurring jobs. */
export interface BackgroundWork {
  tasks: TaskList;
  loops: ReadonlyArray<() => { stop(): Promise<void> }>;
  cron: CronItem[];
}

/**
 * The job queue's work besides webhook delivery, wired here because it joins modules that
 * must not import each other: the notifications module sends (and its relay moves the
 * outbox onto the queue), the cases module records in the case's history that it did;
 * the auth module removes ended staff sessions and spent sign-in links.
 */
export function backgroundWork(
  db: Database,
  config: Pick<Config, 'SMTP_URL' | 'DATA_DIR' | 'MAIL_FROM' | 'PUBLIC_BASE_URL' | 'HOST' | 'PORT' | 'SECRETS_KEY' | 'SECRETS_KEY_PREVIOUS' | 'WEBHOOK_POLL_INTERVAL_MS' | 'SESSION_IDLE_MINUTES'>,
  log: FastifyBaseLogger,
): BackgroundWork {
  const notificationLog = log.child({ component: 'notifications' });
  return {
    tasks: {
      ...notificationTasks({
        db,
        transport: mailTransportFor(config),
        keys: keyRingOf(config),
        from: config.MAIL_FROM,
        publicBaseUrl: publicBaseUrl(config),
        recordOutcome: recordCaseNotification,
        log: notificationLog,
      }),
      // Staff sign-in's housekeeping (the auth module's) rides on the same queue.
      [SIGN_IN_HOUSEKEEPING_TASK]: signInHousekeepingTask(db, config.SESSION_IDLE_MINUTES, log.child({ component: 'sign-in' })),
    },
    cron: [signInHousekeepingCron],
    loops: [() => startNotificationRelay(db, { intervalMs: config.WEBHOOK_POLL_INTERVAL_MS, log: notificationLog })],
  };
}
