import type { FastifyBaseLogger } from 'fastify';
import type { CronItem, TaskList } from 'graphile-worker';
import { type Config, publicBaseUrl } from './config.js';
import type { Database } from './db/database.js';
import { WorkingDayCalendar } from './domain/working-days.js';
import { signInHousekeepingCron, signInHousekeepingTask, SIGN_IN_HOUSEKEEPING_TASK } from './modules/auth/sign-in-housekeeping.tasks.js';
import { ASSIGNMENT_SWEEP_CRON, ASSIGNMENT_SWEEP_TASK, assignmentSweepTask } from './modules/cases/case-assignment.tasks.js';
import { recordCaseNotification } from './modules/cases/case-notifications.service.js';
import { mailTransportFor } from './modules/notifications/mail-transport.js';
import { startNotificationRelay } from './modules/notifications/notification-relay.js';
import { notificationCron, notificationTasks } from './modules/notifications/notifications.tasks.js';
import { RETENTION_CRON, RETENTION_TASK, retentionTask } from './modules/retention/retention.tasks.js';
import { REFRESH_STATISTICS_CRON, REFRESH_STATISTICS_TASK, refreshStatisticsTask } from './modules/statistics/statistics.tasks.js';
import { keyRingOf } from './secrets/secrets-key.js';

/** What the job queue runs besides webhook delivery: tasks on the queue, their schedules, and loops beside it. */
export interface BackgroundWork {
  tasks: TaskList;
  cron: readonly CronItem[];
  loops: ReadonlyArray<() => { stop(): Promise<void> }>;
}

/**
 * The job queue's work besides webhook delivery, wired here because it joins modules that
 * must not import each other: the notifications module sends (and its relay moves the
 * outbox onto the queue), the cases module records in the case's history that it did;
 * the auth module removes ended staff sessions and spent sign-in links; the cases module
 * runs the assignment policies' sweep (timeouts, waiting work); the statistics module
 * refreshes its snapshot nightly; the retention module applies the retention schedule
 * every night.
 */
export function backgroundWork(
  db: Database,
  config: Pick<
    Config,
    | 'SMTP_URL'
    | 'DATA_DIR'
    | 'MAIL_FROM'
    | 'PUBLIC_BASE_URL'
    | 'HOST'
    | 'PORT'
    | 'SECRETS_KEY'
    | 'SECRETS_KEY_PREVIOUS'
    | 'WEBHOOK_POLL_INTERVAL_MS'
    | 'NOTIFY_DIGEST_HOUR'
    | 'EXTRA_CLOSING_DAYS'
    | 'SESSION_IDLE_MINUTES'
  >,
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
        digestHour: config.NOTIFY_DIGEST_HOUR,
        calendar: WorkingDayCalendar.fromSetting(config.EXTRA_CLOSING_DAYS),
      }),
      // Staff sign-in's housekeeping (the auth module's) rides on the same queue.
      [SIGN_IN_HOUSEKEEPING_TASK]: signInHousekeepingTask(db, config.SESSION_IDLE_MINUTES, log.child({ component: 'sign-in' })),
      [REFRESH_STATISTICS_TASK]: refreshStatisticsTask(
        { db, calendar: WorkingDayCalendar.fromSetting(config.EXTRA_CLOSING_DAYS) },
        log.child({ component: 'statistics' }),
      ),
      [RETENTION_TASK]: retentionTask(db, log.child({ component: 'retention' })),
      [ASSIGNMENT_SWEEP_TASK]: assignmentSweepTask(db, log.child({ component: 'assignment' })),
    },
    cron: [...notificationCron, signInHousekeepingCron, REFRESH_STATISTICS_CRON, RETENTION_CRON, ASSIGNMENT_SWEEP_CRON],
    loops: [() => startNotificationRelay(db, { intervalMs: config.WEBHOOK_POLL_INTERVAL_MS, log: notificationLog })],
  };
}
