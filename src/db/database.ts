import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { preparingClient, StatementNames } from './prepared-statements.js';
import type { DB } from './schema.js';

// Dates stay strings ('2026-12-03'): a calendar date has no time zone, and turning it
// into a JS Date would shift it for anyone east or west of UTC.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
// bigint identities fit in a JS number for the lifetime of this service, but we keep
// them as strings so a cursor never loses precision.

export type Database = Kysely<DB>;

export interface PoolStats {
  total: number;
  idle: number;
  /** Queries waiting for a free connection. */
  waiting: number;
  max: number;
}

const pools = new WeakMap<Database, pg.Pool>();

/** Connection pool figures of a database made by createDatabase (null for any other). */
export function poolStats(db: Database): PoolStats | null {
  const pool = pools.get(db);
  if (!pool) return null;
  return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: pool.options.max ?? 10 };
}

export interface DatabaseOptions {
  connectionString: string;
  poolSize?: number;
  applicationName?: string;
  /** Prepare statements sent repeatedly (see prepared-statements.ts); off behind a pooler in transaction mode. */
  preparedStatements?: boolean;
}

export function createDatabase({ connectionString, poolSize = 10, applicationName = 'one-entry', preparedStatements = true }: DatabaseOptions): Database {
  const pool = new pg.Pool({
    ...(preparedStatements ? { Client: preparingClient(new StatementNames()) } : {}),
    connectionString,
    max: poolSize,
    application_name: applicationName,
    // Fail fast rather than queue forever when the database is gone: callers get a 503.
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30000,
  });
  // A connection that dies while idle in the pool emits 'error' on the pool; without a
  // listener that would crash the process. The pool replaces it on next checkout.
  pool.on('error', () => {});
  // Likewise for a connection that dies while checked out between two statements (the
  // database restarted, an operator ran pg_terminate_backend): the pending or next query
  // fails and the request gets a 503; the dead client is dropped when released.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  pools.set(db, pool);
  return db;
}
