import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import request from 'supertest';
import { type AppDeps, buildApp } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/config.js';
import { createDatabase, type Database } from '../../src/db/database.js';
import { loggerOptions } from '../../src/plugins/logging.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { TEST_SECRETS_KEY } from './secrets-key.js';

export interface TestContext {
  app: FastifyInstance;
  db: Database;
  database: TestDatabase;
  http: () => ReturnType<typeof request>;
  close(): Promise<void>;
}

let dataDir: string | undefined;
const testDataDir = () => (dataDir ??= mkdtempSync(path.join(tmpdir(), 'one-entry-data-')));

/**
 * The configuration of an app under test. Event-loop shedding is off: a busy test machine
 * must not turn answers into 503s (the fault tests exercise shedding on the service as a
 * process). The webhook worker runs only in the tests that ask for it (WEBHOOK_WORKER=true).
 * Webhook secrets are encrypted under the file's key unless a test brings its own SECRETS_KEY.
 * Files the service writes (mail without SMTP) go to a directory of the test file's own,
 * never into the checkout's `.data`.
 */
export function testConfig(databaseUrl: string, env: Record<string, string> = {}): Config {
  return loadConfig({
    PUBLIC_RATE_LIMIT: '0',
    LOG_LEVEL: 'silent',
    MAX_EVENT_LOOP_DELAY_MS: '0',
    WEBHOOK_WORKER: 'false',
    SECRETS_KEY: TEST_SECRETS_KEY,
    DATA_DIR: testDataDir(),
    ...env,
    DATABASE_URL: databaseUrl,
  });
}

/** An app on its own fresh database, reached over real HTTP by supertest. */
export async function startTestApp(
  env: Record<string, string> = {},
  database?: TestDatabase,
  logger: AppDeps['logger'] = false,
): Promise<TestContext> {
  const testDatabase = database ?? (await createTestDatabase());
  const config = testConfig(testDatabase.url, env);
  const db = createDatabase({ connectionString: testDatabase.url, poolSize: 10 });
  const app = await buildApp(config, { db, logger });
  await app.ready();
  return {
    app,
    db,
    database: testDatabase,
    http: () => request(app.server),
    async close() {
      await app.close();
      await db.destroy();
      if (!database) await testDatabase.drop();
    },
  };
}

/**
 * An app whose log lines (as the service writes them, redaction included, never pretty)
 * are collected in `lines`, for tests of what reaches the log.
 */
export async function startLoggedTestApp(level = 'info', env: Record<string, string> = {}, database?: TestDatabase): Promise<TestContext & { lines: string[] }> {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const { transport: _prettyOnATerminal, ...options } = loggerOptions(level) as Record<string, unknown>;
  const ctx = await startTestApp(env, database, { ...options, stream });
  return Object.assign(ctx, { lines });
}
