import type { CronItem, Task, TaskList } from 'graphile-worker';
import { DAILY_STAFF_MAIL_TASK, MAX_NOTIFICATION_ATTEMPTS, NOTIFICATION_TASK, type NotificationJob } from './notification-jobs.js';
import { type NotificationDeps, sendNotification } from './notification.service.js';
import { sendDailyStaffMail, sendNewAssignmentNotices, type StaffNotificationDeps } from './staff-notifications.service.js';

function isNotificationJob(payload: unknown): payload is NotificationJob {
  const job = payload as Partial<NotificationJob> | null;
  return typeof job?.eventId === 'string' && (job.trackingToken === undefined || typeof job.trackingToken === 'string');
}

/** The hour a cron run was scheduled for (graphile-worker's `_cron.ts`), so a late or repeated run sends that day's mail. */
export function scheduledAt(payload: unknown): Date {
  const ts = (payload as { _cron?: { ts?: unknown } } | null)?._cron?.ts;
  const at = typeof ts === 'string' ? new Date(ts) : new Date(Number.NaN);
  return Number.isNaN(at.getTime()) ? new Date() : at;
}

/**
 * The job queue's tasks that send mail: the messages of one case event (to the
 * enterprise, and to caseworkers of the assignments it created), and the caseworkers'
 * daily mail. A message that fails for now makes the job fail, so the queue tries again
 * with backoff; what was sent is recorded and not sent again.
 */
export function notificationTasks(deps: NotificationDeps & StaffNotificationDeps): TaskList {
  const send: Task = async (payload, helpers) => {
    if (!isNotificationJob(payload)) {
      deps.log.error({ jobId: helpers.job.id }, 'malformed notification job dropped');
      return;
    }
    const attempt = { last: helpers.job.attempts >= helpers.job.max_attempts };
    // Both audiences are tried, whatever became of the other; the queue retries if either must.
    const [enterprise, staff] = await Promise.allSettled([sendNotification(deps, payload, attempt), sendNewAssignmentNotices(deps, payload.eventId, attempt)]);
    if (enterprise.status === 'rejected') throw enterprise.reason;
    if (staff.status === 'rejected') throw staff.reason;
  };
  const daily: Task = async (payload, helpers) => {
    await sendDailyStaffMail(deps, scheduledAt(payload), { last: helpers.job.attempts >= helpers.job.max_attempts });
  };
  return { [NOTIFICATION_TASK]: send, [DAILY_STAFF_MAIL_TASK]: daily };
}

/**
 * The daily mail's schedule: every hour on the hour (the task acts only in the digest
 * hour of the Danish clock, whatever the season). A worker that was down at that hour
 * makes up the run when it starts, within half a day.
 */
export const notificationCron: CronItem[] = [
  {
    task: DAILY_STAFF_MAIL_TASK,
    match: '0 * * * *',
    identifier: DAILY_STAFF_MAIL_TASK,
    options: { backfillPeriod: 12 * 60 * 60 * 1000, maxAttempts: MAX_NOTIFICATION_ATTEMPTS },
  },
];
