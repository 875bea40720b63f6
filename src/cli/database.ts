import type { Config } from '../config.js';
import { createDatabase, type Database } from '../db/database.js';
import { runningEmbeddedPostgres, startEmbeddedPostgres } from '../db/embedded.js';

export interface CliDatabase {
  db: Database;
  connectionString: string;
  close(): Promise<void>;
}

/**
 * The database a command-line tool works on, found as the server finds it: DATABASE_URL,
 * else the embedded PostgreSQL in DATA_DIR, whether a running server already started it
 * or the tool starts it for the duration of the command.
 */
export async function openCliDatabase(config: Config): Promise<CliDatabase> {
  const running = config.DATABASE_URL ?? runningEmbeddedPostgres(config.DATA_DIR);
  const embedded = running ? undefined : await startEmbeddedPostgres(config.DATA_DIR);
  const connectionString = running ?? embedded?.connectionString ?? '';
  const db = createDatabase({ connectionString, poolSize: 1, applicationName: 'one-entry-cli' });
  return {
    db,
    connectionString,
    async close() {
      await db.destroy();
      await embedded?.stop();
    },
  };
}
