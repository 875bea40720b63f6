import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDatabase } from '../../src/db/database.js';
import { backupEmbedded, restoreEmbedded } from '../../src/db/embedded-backup.js';
import { type EmbeddedDatabase, EmbeddedDatabaseError, startEmbeddedPostgres } from '../../src/db/embedded.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { migrateJobQueue } from '../../src/modules/webhooks/job-queue.js';
import { startTestApp } from '../support/app.js';
import { validInquiry } from '../support/fixtures.js';
import { createPerson } from '../support/people.js';

// The embedded database is backed up while the service works on it, and a backup restored
// into a fresh DATA_DIR serves the same cases. Real PostgreSQL clusters of the embedded
// package, started as `npm start` starts them.

const LONG_TEST_MS = 180_000;
const scratch: string[] = [];
function scratchDir(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `one-entry-${name}-`));
  // As root, PostgreSQL runs as another user that must be able to enter it.
  chmodSync(dir, 0o755);
  scratch.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** An app on the embedded cluster of `dataDir`, as the service runs on it. */
async function serviceOn(embedded: EmbeddedDatabase) {
  const url = new URL(embedded.connectionString);
  const db = createDatabase({ connectionString: url.toString(), poolSize: 2 });
  await migrateToLatest(db);
  await db.destroy();
  await migrateJobQueue(url.toString());
  const database = { url: url.toString(), name: url.pathname.slice(1), drop: async () => undefined };
  return startTestApp({}, database);
}

test(
  'a backup taken while the service works restores into a fresh data directory that serves the same cases, and nothing written after it',
  async () => {
    const dataDir = scratchDir('backup-source');
    const archive = path.join(scratchDir('backup-archive'), 'one-entry.tar.gz');
    const embedded = await startEmbeddedPostgres(dataDir);
    const references: string[] = [];
    let later: string;
    try {
      const ctx = await serviceOn(embedded);
      try {
        for (let i = 0; i < 3; i += 1) {
          const res = await ctx.http().post('/v1/inquiries').send(validInquiry());
          expect(res.status).toBe(201);
          references.push(res.body.reference as string);
        }
        // Writes continue while the backup runs; what committed before it began is in it.
        const writing = Promise.all(Array.from({ length: 5 }, () => ctx.http().post('/v1/inquiries').send(validInquiry())));
        const manifest = await backupEmbedded(dataDir, archive);
        await writing;
        expect(manifest.postgresVersion).toMatch(/^\d+$/);
        const after = await ctx.http().post('/v1/inquiries').send(validInquiry());
        later = after.body.reference as string;
      } finally {
        await ctx.close();
      }
    } finally {
      await embedded.stop();
    }

    const restoredDir = scratchDir('backup-restored');
    await restoreEmbedded(restoredDir, archive);
    const restored = await startEmbeddedPostgres(restoredDir);
    try {
      const ctx = await serviceOn(restored);
      try {
        const admin = await createPerson(ctx, 'admin');
        for (const reference of references) {
          const found = await ctx.http().get('/v1/cases').query({ q: reference }).set('authorization', admin.auth);
          expect(found.status).toBe(200);
          expect((found.body.items as { reference: string }[]).map((c) => c.reference)).toEqual([reference]);
        }
        const notThere = await ctx.http().get('/v1/cases').query({ q: later }).set('authorization', admin.auth);
        expect(notThere.body.items).toEqual([]);
        // The restored service takes new work.
        expect((await ctx.http().post('/v1/inquiries').send(validInquiry())).status).toBe(201);
      } finally {
        await ctx.close();
      }
    } finally {
      await restored.stop();
    }
  },
  LONG_TEST_MS,
);

test(
  'a restore refuses a data directory that holds a database, and a file that is no backup',
  async () => {
    const dataDir = scratchDir('restore-occupied');
    const embedded = await startEmbeddedPostgres(dataDir);
    await embedded.stop();
    const archive = path.join(scratchDir('restore-archive'), 'backup.tar.gz');
    await backupEmbedded(dataDir, archive);
    await expect(restoreEmbedded(dataDir, archive)).rejects.toThrow(/already holds a database/);
    await expect(restoreEmbedded(scratchDir('restore-empty'), path.join(dataDir, 'postgres-password'))).rejects.toThrow(EmbeddedDatabaseError);
    await expect(restoreEmbedded(scratchDir('restore-missing'), path.join(dataDir, 'no-such-file'))).rejects.toThrow(/There is no backup/);
  },
  LONG_TEST_MS,
);

test('the command refuses an external database and points to pg_dump', () => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/backup.ts', 'backup', 'x.tar.gz'], {
    env: { ...process.env, DATABASE_URL: 'postgres://example.invalid/one_entry', SECRETS_KEY: 'A'.repeat(43) + '=' },
    encoding: 'utf8',
  });
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(/pg_dump/);
  expect(existsSync('x.tar.gz')).toBe(false);
});
