import type { FastifyInstance } from 'fastify';
import request from 'supertest';
import { buildApp } from '../../src/app.js';
import { createDatabase, type Database } from '../../src/db/database.js';
import { testConfig } from './app.js';
import type { TestDatabase } from './database.js';
import { listenOnLoopback } from './http-from.js';
import { startTcpRelay, type TcpRelay } from './tcp-relay.js';

/** One process of the service, listening for real, on a database it shares with others. */
export interface Instance {
  app: FastifyInstance;
  db: Database;
  url: string;
  /** The path of the instance's LISTEN connections (change notifications, routing publishes). */
  notifications: TcpRelay;
  http: () => ReturnType<typeof request>;
  close(): Promise<void>;
}

/**
 * Starts an instance whose pool reaches the database directly and whose notification
 * connections go through a relay, so a test can cut or silence them alone.
 */
export async function startInstance(database: TestDatabase, env: Record<string, string> = {}): Promise<Instance> {
  const notifications = await startTcpRelay(database.url);
  const config = testConfig(notifications.url, env);
  const db = createDatabase({ connectionString: database.url, poolSize: 10 });
  const app = await buildApp(config, { db, logger: false });
  const url = await listenOnLoopback(app);
  return {
    app,
    db,
    url,
    notifications,
    http: () => request(url),
    async close() {
      await app.close();
      await db.destroy();
      await notifications.close();
    },
  };
}
