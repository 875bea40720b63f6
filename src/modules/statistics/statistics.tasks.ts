import type { FastifyBaseLogger } from 'fastify';
import type { CronItem, Task } from 'graphile-worker';
import { refreshSnapshot, type StatisticsDeps } from './statistics.service.js';

/** The background job that refreshes the statistics snapshot. */
export const REFRESH_STATISTICS_TASK = 'refresh-statistics';

/**
 * Nightly at 01:37 UTC (02:37 or 03:37 in Denmark): after the day's work, away from the
 * full hour. Not backfilled: a missed night is made good by the next one.
 */
export const REFRESH_STATISTICS_CRON: CronItem = { task: REFRESH_STATISTICS_TASK, match: '37 1 * * *', identifier: REFRESH_STATISTICS_TASK };

export function refreshStatisticsTask(deps: StatisticsDeps, log: FastifyBaseLogger): Task {
  return async () => {
    const { cases, durationMs } = await refreshSnapshot(deps);
    log.info({ cases, durationMs }, 'statistics snapshot refreshed');
  };
}
