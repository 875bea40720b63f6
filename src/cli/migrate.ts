import { loadConfig } from '../config.js';
import { migrateToLatest } from '../db/migrate.js';
import { migrateJobQueue } from '../modules/webhooks/job-queue.js';
import { openCliDatabase } from './database.js';

// `npm run migrate`: applies pending migrations to DATABASE_URL, or to the embedded
// database in DATA_DIR when DATABASE_URL is unset, and brings the job queue's schema
// (graphile_worker) up to date.
const { db, connectionString, close } = await openCliDatabase(loadConfig());
try {
  const applied = await migrateToLatest(db);
  await migrateJobQueue(connectionString);
  process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Up to date.\n');
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await close();
}
