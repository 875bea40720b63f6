import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';

// Dates stay strings ('2026-12-03'): a calendar date has no time zone, and turning it
// into a JS Date would shift it for anyone east or west of UTC.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
// bigint identities fit in a JS number for the lifetime of this service, but we keep
// them as strings so a cursor never loses precision.

export type Database = Kysely<DB>;

export interface DatabaseOptions {
  connectionString: string;
  poolSize?: number;
  applicationName?: string;
}

export function createDatabase({ connectionString, poolSize = 10, applicationName = 'one-entry' }: DatabaseOptions): Database {
  const pool = new pg.Pool({
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
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}
