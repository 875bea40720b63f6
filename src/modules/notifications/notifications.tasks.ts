import type { Task, TaskList } from 'graphile-worker';
import { NOTIFICATION_TASK, type NotificationJob } from './notification-jobs.js';
import { type NotificationDeps, sendNotification } from './notification.service.js';

function isNotificationJob(payload: unknown): payload is NotificationJob {
  const job = payload as Partial<NotificationJob> | null;
  return typeof job?.eventId === 'string' && (job.trackingToken === undefined || typeof job.trackingToken === 'string');
}

/** The job queue's task that sends messages to enterprises. */
export function notificationTasks(deps: NotificationDeps): TaskList {
  const task: Task = async (payload, helpers) => {
    if (!isNotificationJob(payload)) {
      deps.log.error({ jobId: helpers.job.id }, 'malformed notification job dropped');
      return;
    }
    await sendNotification(deps, payload, { last: helpers.job.attempts >= helpers.job.max_attempts });
  };
  return { [NOTIFICATION_TASK]: task };
}
