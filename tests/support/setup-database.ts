import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDatabase } from '../../src/db/database.js';
import { startEmbeddedPostgres } from '../../src/db/embedded.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { migrateJobQueue } from '../../src/modules/webhooks/job-queue.js';

// Starts (or finds) a PostgreSQL server, migrates a template database once, and tells
// the test workers where it is. Each test file then copies the template into a database
// of its own, so files run in parallel without seeing each other's rows.
export default async function globalSetup(): Promise<void> {
  let serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!serverUrl) {
    const dir = mkdtempSync(path.join(tmpdir(), 'one-entry-test-'));
    // As root, PostgreSQL runs as another user that must be able to enter this directory.
    chmodSync(dir, 0o755);
    const embedded = await startEmbeddedPostgres(dir, () => {}, 'postgres');
    (globalThis as { __embeddedPostgres?: { stop(): Promise<void> } }).__embeddedPostgres = embedded;
    serverUrl = embedded.connectionString;
  }
  const template = `one_entry_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${template}`);
  } finally {
    await admin.end();
  }
  const templateUrl = new URL(serverUrl);
  templateUrl.pathname = `/${template}`;
  const db = createDatabase({ connectionString: templateUrl.toString(), poolSize: 1 });
  try {
    await migrateToLatest(db);
    await migrateJobQueue(templateUrl.toString());
  } finally {
    await db.destroy();
  }
  process.env.TEST_SERVER_URL = serverUrl;
  process.env.TEST_TEMPLATE_DB = template;
  // The run's own prefix for the databases its test files make: teardown drops those and no
  // others, so two runs against one server (two checkouts, CI beside a developer) never
  // drop each other's databases mid-test.
  process.env.TEST_DATABASE_PREFIX = `one_entry_test_${process.pid}_`;
}
