import type { Kysely } from 'kysely';
import { NotificationListener } from '../../db/pg-listener.js';
import type { DB } from '../../db/schema.js';
import { type CompiledRoutingTable, compileRoutingTable } from '../../domain/routing-compiled.js';
import { ServiceUnavailableError } from '../../errors.js';
import { findPublishedVersion, findTableDefinition } from './routing.repository.js';

/** The channel a publish notifies on, inside the publishing transaction (so only on commit). */
export const ROUTING_PUBLISHED_CHANNEL = 'routing_table_published';

export interface PublishedTableOptions {
  /** Where to LISTEN; without it only the periodic check keeps the table fresh. */
  connectionString?: string | undefined;
  /** How often to compare the cached version with the database, in case a notification was lost. */
  checkIntervalMs: number;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

/**
 * The published routing table, compiled once and kept in memory, so an intake decides
 * without asking the database which version is published. A publish through any process
 * reaches this one by NOTIFY (normally within milliseconds); a periodic check catches a
 * notification lost while the listening connection was down. Each decision carries the
 * version of the table that made it, and that is what the case records.
 */
export class PublishedRoutingTable {
  private compiled: CompiledRoutingTable | null = null;
  private refreshing: Promise<CompiledRoutingTable> | null = null;
  private refreshAgain = false;
  private listener: NotificationListener | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly options: PublishedTableOptions,
  ) {}

  /** The cached version number, or null before the first load. */
  get version(): number | null {
    return this.compiled?.definition.version ?? null;
  }

  /** Starts listening and the periodic check, and loads the table. Never throws: failures are logged and retried. */
  async start(): Promise<void> {
    const { connectionString, checkIntervalMs, log } = this.options;
    if (connectionString) {
      this.listener = new NotificationListener({
        connectionString,
        channel: ROUTING_PUBLISHED_CHANNEL,
        onNotification: (payload) => this.refreshInBackground({ notifiedVersion: payload }),
        onListening: () => this.refreshInBackground({ reason: 'listening' }),
        onError: (err) => log.warn({ err: { message: (err as Error).message } }, 'routing notifications interrupted; reconnecting'),
      });
      await this.listener.start();
    }
    this.timer = setInterval(() => this.refreshInBackground(), checkIntervalMs);
    this.timer.unref();
    await this.refresh().catch((err: unknown) => log.warn({ err: { message: (err as Error).message } }, 'could not load the routing table; will retry'));
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.listener?.stop();
    this.listener = null;
  }

  /** The table to route with: the cached one, loaded on first use. */
  async current(): Promise<CompiledRoutingTable> {
    return this.compiled ?? this.refresh();
  }

  /** The table as published right now, checked against the database (for rare, deliberate acts such as a re-route). */
  async latest(): Promise<CompiledRoutingTable> {
    return this.refresh();
  }

  /**
   * Compares the cached version with the published one and recompiles on a change. Calls
   * that arrive during a refresh share it, plus one more round so none misses a publish
   * that committed while the first round was reading.
   */
  refresh(): Promise<CompiledRoutingTable> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      try {
        let table: CompiledRoutingTable;
        do {
          this.refreshAgain = false;
          table = await this.load();
        } while (this.refreshAgain);
        return table;
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  private refreshInBackground(context: object = {}): void {
    this.refresh().catch((err: unknown) =>
      this.options.log.warn({ ...context, err: { message: (err as Error).message } }, 'routing table check failed'),
    );
  }

  private async load(): Promise<CompiledRoutingTable> {
    const version = await findPublishedVersion(this.db);
    if (version === null) throw new ServiceUnavailableError('No routing table is published.');
    if (this.compiled?.definition.version === version) return this.compiled;
    const definition = await findTableDefinition(this.db, version);
    if (!definition) throw new ServiceUnavailableError('The published routing table could not be read.');
    const previous = this.version;
    this.compiled = compileRoutingTable(definition);
    this.options.log.info({ version, previous, rules: definition.rules.length }, 'routing table loaded');
    return this.compiled;
  }
}
