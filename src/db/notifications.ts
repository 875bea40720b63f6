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
      client.removeAllListeners();
      client.on('error', () => {});
      client.end().catch(() => {});
      this.options.onError(error);
      this.scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', () => lost(new Error('notification connection ended')));
    client.on('notification', (message) => {
      if (message.channel === this.options.channel) this.options.onNotification(message.payload ?? '');
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(this.options.channel)}`);
    } catch (error) {
      client.removeAllListeners();
      client.on('error', () => {});
      await client.end().catch(() => {});
      this.options.onError(error);
      this.scheduleReconnect();
      return;
    }
    if (this.stopped) {
      client.removeAllListeners();
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.retryMs = this.options.retryMs ?? 250;
    this.options.onListening();
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
