import path from 'node:path';
import { ConfigError, loadConfig } from '../config.js';
import { backupEmbedded, restoreEmbedded } from '../db/embedded-backup.js';
import { EmbeddedDatabaseError } from '../db/embedded-errors.js';

// `npm run backup -- FILE` and `npm run restore -- FILE`: the embedded database in DATA_DIR
// (see src/db/embedded-backup.ts). An external PostgreSQL is backed up with its own tools.

const [command, file] = process.argv.slice(2);
const usage = 'usage: npm run backup -- FILE.tar.gz | npm run restore -- FILE.tar.gz';

async function main(): Promise<number> {
  if ((command !== 'backup' && command !== 'restore') || !file) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  const config = loadConfig();
  if (config.DATABASE_URL) {
    process.stderr.write(
      'DATABASE_URL is set: back that PostgreSQL up with its own tools, e.g. pg_dump --format=custom "$DATABASE_URL" > one-entry.dump ' +
        '(a pg_dump of the server\'s version or newer), and restore with pg_restore. These commands are for the embedded database in DATA_DIR.\n',
    );
    return 2;
  }
  const log = (message: string) => process.stdout.write(`${message}\n`);
  const target = path.resolve(file);
  if (command === 'backup') await backupEmbedded(config.DATA_DIR, target, log);
  else await restoreEmbedded(config.DATA_DIR, target, log);
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  if (!(error instanceof EmbeddedDatabaseError || error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
}
