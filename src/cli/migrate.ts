import { loadConfig } from '../config.js';
import { migrateToLatest } from '../db/migrate.js';
import { openCliDatabase } from './database.js';

// `npm run migrate`: applies pending migrations to DATABASE_URL, or to the embedded
// database in DATA_DIR when DATABASE_URL is unset.
const { db, close } = await openCliDatabase(loadConfig());
try {
  const applied = await migrateToLatest(db);
  process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Up to date.\n');
} finally {
  await close();
}
