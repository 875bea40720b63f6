import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../db/database.js';
import { relayOutbox } from './notification-jobs.js';

const BATCH = 200;

export interface NotificationRelay {
  /** Finishes the batch in hand and stops. */
  stop(): Promise<void>;
}

/**
 * Moves messages from the notification outbox onto the job queue every `intervalMs`, and
 * at once again while batches come full. Runs in the worker, beside the queue's runner;
 * several relays on several processes share the outbox without taking a row twice.
 */
export function startNotificationRelay(db: Database, { intervalMs, log }: { intervalMs: number; log: FastifyBaseLogger }): NotificationRelay {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const round = async (): Promise<void> => {
    try {
      while (!stopped && (await relayOutbox(db, BATCH)) === BATCH) {
        // a full batch: more may be waiting
      }
    } catch (err) {
      // The outbox keeps the messages: the next round takes them.
      log.warn({ err: { message: (err as Error).message } }, 'moving messages to the job queue failed; trying again');
    }
    if (!stopped) timer = setTimeout(() => (running = round()), intervalMs);
  };
  let running = round();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
