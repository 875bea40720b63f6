import { sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../../src/db/database.js';
import { eventually } from './eventually.js';

/**
 * A transaction on a connection of the test's own, outside the app's pool, for a test that
 * plays another change holding a lock while a request runs into it.
 */
export interface HeldTransaction {
  /** The backend holding the transaction, to find who waits for it. */
  pid: number;
  query(text: string, values?: unknown[]): Promise<void>;
  commit(): Promise<void>;
  /**
   * Ends the connection, which rolls back whatever was not committed and so releases its
   * locks. Call it in a `finally`: a failed test must not leave a lock behind for the
   * requests it started, or the file's teardown, to wait on.
   */
  close(): Promise<void>;
}

/** Opens a transaction on a connection of its own (see `HeldTransaction`). */
export async function openTransaction(url: string): Promise<HeldTransaction> {
  const client = new pg.Client({ connectionString: url, application_name: 'one-entry-test-holder' });
  await client.connect();
  let closed = false;
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const pid = (rows[0] as { pid: number }).pid;
    return {
      pid,
      query: async (text, values) => {
        await client.query(text, values);
      },
      commit: async () => {
        await client.query('COMMIT');
      },
      close: async () => {
        if (closed) return;
        closed = true;
        await client.end();
      },
    };
  } catch (error) {
    await client.end();
    throw error;
  }
}

/**
 * Waits until some backend waits for a lock that backend `holderPid` holds. Call it right
 * after starting what should run into the lock: the wait's deadline counts from then.
 */
export async function waitUntilBlockedBy(db: Database, holderPid: number): Promise<void> {
  await eventually(async () => {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE ${holderPid}::int = ANY (pg_blocking_pids(pid))`.execute(db);
    return (rows[0]?.n ?? 0) > 0;
  });
}
