import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

export interface NotificationListenerOptions {
  connectionString: string;
  channel: string;
  /** Called with each notification's payload. */
  onNotification: (payload: string) => void;
  /**
   * Called after every (re)connection once LISTEN is in place: notifications sent while
   * the connection was down are lost, so the caller should catch up here.
   */
  onListening: () => void;
  onError: (error: unknown) => void;
  /**
   * Makes the connection notify itself every `intervalMs` (on a channel of its own) and
   * reports each such heartbeat when it comes back, with the monotonic time it was sent
   * (`performance.now()`). Notifications arrive in commit order, so when a heartbeat sent
   * at `sentAt` arrives, every notification of a transaction committed before `sentAt`
   * has already been passed to `onNotification`.
   */
  heartbeat?: { intervalMs: number; onHeartbeat: (sentAt: number) => void };
  /** First delay before reconnecting; doubles up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
}

/**
 * LISTEN on a dedicated connection (a pooled one would hand the session to other work and
 * lose the subscription), reconnecting with backoff whenever the connection fails.
 */
export class NotificationListener {
  private client: pg.Client | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryMs: number;
  private stopped = false;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  /** Private to this listener: other processes on the same channel never see its heartbeats. */
  private readonly heartbeatChannel = `heartbeat_${randomBytes(8).toString('hex')}`;

  constructor(private readonly options: NotificationListenerOptions) {
    this.retryMs = options.retryMs ?? 250;
  }

  /** Connects and listens; resolves either way (a failure is reported and retried). */
  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  get listening(): boolean {
    return this.client !== null;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.stopHeartbeat();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    // TCP keepalive, so a connection that dies without a word (a dropped network path)
    // is noticed and replaced; the caller's periodic check covers the time until then.
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      application_name: 'one-entry-listener',
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    const lost = (error: unknown) => {
      if (this.client !== client) return;
      this.client = null;
      this.stopHeartbeat();
      void discard(client);
      this.options.onError(error);
      this.scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', () => lost(new Error('notification connection ended')));
    client.on('notification', (message) => {
      if (message.channel === this.options.channel) this.options.onNotification(message.payload ?? '');
      else if (message.channel === this.heartbeatChannel) this.options.heartbeat?.onHeartbeat(Number(message.payload));
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(this.options.channel)}`);
      if (this.options.heartbeat) await client.query(`LISTEN ${pg.escapeIdentifier(this.heartbeatChannel)}`);
    } catch (error) {
      await discard(client);
      this.options.onError(error);
      this.scheduleReconnect();
      return;
    }
    if (this.stopped) {
      await discard(client);
      return;
    }
    this.client = client;
    this.retryMs = this.options.retryMs ?? 250;
    this.options.onListening();
    this.startHeartbeat(client);
  }

  private startHeartbeat(client: pg.Client): void {
    const heartbeat = this.options.heartbeat;
    if (!heartbeat) return;
    let inFlight = false;
    const beat = () => {
      // One at a time: on a connection gone silent they would only pile up, and the
      // silence itself is the signal (no heartbeat comes back).
      if (this.client !== client || inFlight) return;
      inFlight = true;
      // The time is taken before the statement is sent, so it is never later than the commit.
      client
        .query('SELECT pg_notify($1, $2)', [this.heartbeatChannel, String(performance.now())])
        .catch(() => {}) // a broken connection is reported by its 'error' or 'end' event
        .finally(() => {
          inFlight = false;
        });
    };
    beat();
    this.heartbeatTimer = setInterval(beat, heartbeat.intervalMs);
    this.heartbeatTimer.unref();
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.retryTimer) return;
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, this.options.maxRetryMs ?? 10_000);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) void this.connect();
    }, delay);
    this.retryTimer.unref();
  }
}

/** Closes a connection no longer wanted; whatever it still reports is of no interest. */
async function discard(client: pg.Client): Promise<void> {
  client.removeAllListeners();
  client.on('error', () => {});
  await client.end().catch(() => {});
}
