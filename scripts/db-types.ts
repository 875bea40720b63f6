import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DiffChecker } from 'kysely-codegen';
import pg from 'pg';
import { createDatabase } from '../src/db/database.js';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../src/db/embedded.js';
import { migrateToLatest } from '../src/db/migrate.js';

// Generates the database types (src/db/generated.ts; settings in .kysely-codegenrc.json)
// from the schema the migrations build. `write` updates the committed file; `check` fails
// when it differs from what the migrations produce. The migrations run on a scratch
// database, created for the purpose and dropped afterwards, on the server named by
// TEST_DATABASE_URL or DATABASE_URL, or else on an embedded PostgreSQL like the tests
// use: Node.js is all it needs.
const mode = process.argv[2];
if (mode !== 'write' && mode !== 'check') {
  process.stderr.write('usage: db-types.ts write|check\n');
  process.exit(2);
}

const root = path.resolve(import.meta.dirname, '..');
const committedFile = path.join(root, 'src', 'db', 'generated.ts');
const workDir = mkdtempSync(path.join(tmpdir(), 'one-entry-db-types-'));
// As root, an embedded PostgreSQL runs as another user that must be able to enter it.
chmodSync(workDir, 0o755);

let serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
let embedded: EmbeddedDatabase | undefined;
if (!serverUrl) {
  embedded = await startEmbeddedPostgres(path.join(workDir, 'data'), () => {}, 'postgres');
  serverUrl = embedded.connectionString;
}
const scratch = `one_entry_db_types_${process.pid}`;
const scratchUrl = new URL(serverUrl);
scratchUrl.pathname = `/${scratch}`;

async function onServer(statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/**
 * Runs kysely-codegen on the scratch database, writing to `outFile`. A process of its own
 * (its command line, as a developer would type it) that closes its connections on exit,
 * before the scratch database is dropped. The URL goes through the environment
 * (env(DATABASE_URL) is its default), so no password shows in the process list.
 */
function codegen(outFile: string): Promise<void> {
  const bin = path.join(root, 'node_modules', '.bin', 'kysely-codegen');
  const env = { ...process.env, DATABASE_URL: scratchUrl.toString() };
  const quiet = mode === 'check' ? ['--log-level', 'error'] : [];
  const child = spawn(bin, ['--out-file', outFile, ...quiet], { cwd: root, stdio: 'inherit', env });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`kysely-codegen exited with ${code}`))));
  });
}

let upToDate = true;
try {
  await onServer(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
  await onServer(`CREATE DATABASE ${scratch}`);
  const db = createDatabase({ connectionString: scratchUrl.toString(), poolSize: 1 });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
  if (mode === 'write') {
    await codegen(committedFile);
  } else {
    const generatedFile = path.join(workDir, 'generated.ts');
    await codegen(generatedFile);
    const committed = existsSync(committedFile) ? readFileSync(committedFile, 'utf8') : '';
    const difference = new DiffChecker().diff(committed, readFileSync(generatedFile, 'utf8'));
    if (difference) {
      upToDate = false;
      process.stderr.write(`${difference}\nsrc/db/generated.ts differs from the migrated schema (+ lines): run \`npm run db:types\` and commit it\n`);
    } else {
      process.stdout.write('src/db/generated.ts matches the migrated schema\n');
    }
  }
} finally {
  if (embedded) await embedded.stop();
  else await onServer(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
  rmSync(workDir, { recursive: true, force: true });
}
process.exit(upToDate ? 0 : 1);
