import { chmodSync, existsSync, lstatSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../src/db/embedded.js';
import { freePort, type ServerProcess, spawnServer, waitUntilReady } from '../support/server-process.js';

// The embedded PostgreSQL as someone trying the quick start meets it: as root in a
// private directory, started twice by mistake, and with a password nobody else knows.

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const made: string[] = [];

function privateDirectory(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  chmodSync(dir, 0o700);
  made.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of made) {
    const link = path.join(dir, 'data', 'postgres');
    // A cluster placed outside a private directory goes with the test that made it.
    if (existsSync(link) && lstatSync(link).isSymbolicLink()) rmSync(path.dirname(realpathSync(link)), { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  }
});

async function canConnect(connectionString: string): Promise<boolean> {
  const client = new pg.Client({ connectionString });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const startFailures = (output: string) => output.split('\n').filter((line) => line.startsWith('Start-up failed'));
const stackLines = (output: string) => output.split('\n').filter((line) => /^\s+at /.test(line));

(isRoot ? describe : describe.skip)('as root, in a directory only root can enter', () => {
  test('the service starts, keeps its data across a restart, and says where the cluster lives', async () => {
    const dataDir = path.join(privateDirectory('one-entry-private-'), 'data');
    const port = String(await freePort());
    let server: ServerProcess = spawnServer({ DATA_DIR: dataDir, PORT: port });
    try {
      await waitUntilReady(server);
      const link = path.join(dataDir, 'postgres');
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      expect(server.output()).toContain(`linked from ${link}`);
      const created = await fetch(`${server.baseUrl}/v1/topics`);
      expect(created.status).toBe(200);
      const page = await fetch(`${server.baseUrl}/`);
      expect(page.status).toBe(200);
      // A clean stop; if not, what the service said on its way out tells why.
      const code = await server.stop('SIGTERM');
      expect({ code, output: code === 0 ? '' : server.output().slice(-4000) }).toEqual({ code: 0, output: '' });

      server = spawnServer({ DATA_DIR: dataDir, PORT: port });
      await waitUntilReady(server);
      expect(server.output()).not.toContain('First admin created');
    } finally {
      await server.stop('SIGTERM');
    }
  });
});

describe('a data directory in use', () => {
  test('a second start on the same data directory says which process holds it and exits non-zero', async () => {
    const dataDir = path.join(privateDirectory('one-entry-twice-'), 'data');
    const first = spawnServer({ DATA_DIR: dataDir, PORT: String(await freePort()) });
    try {
      await waitUntilReady(first);
      const second = spawnServer({ DATA_DIR: dataDir, PORT: String(await freePort()) });
      expect(await second.exited).toBe(1);
      const [message] = startFailures(second.output());
      expect(message).toMatch(/data directory .+ is in use: PostgreSQL \(pid \d+, port \d+\) runs on it, started by process \d+/);
      expect(message).toContain(String(first.child.pid));
      expect(stackLines(second.output())).toEqual([]);
      // The first is unharmed.
      expect((await fetch(`${first.baseUrl}/readyz`)).status).toBe(200);
    } finally {
      await first.stop('SIGTERM');
    }
  });
});

describe('the superuser password', () => {
  test('is random, kept in the data directory for this user alone, and the old fixed one no longer opens the cluster', async () => {
    const dataDir = path.join(privateDirectory('one-entry-password-'), 'data');
    const database = await startEmbeddedPostgres(dataDir);
    try {
      const file = path.join(dataDir, 'postgres-password');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const password = readFileSync(file, 'utf8').trim();
      expect(password.length).toBeGreaterThanOrEqual(32);
      expect(decodeURIComponent(new URL(database.connectionString).password)).toBe(password);
      expect(await canConnect(database.connectionString)).toBe(true);
      expect(await canConnect(`postgres://postgres:embedded@127.0.0.1:${database.port}/postgres`)).toBe(false);
    } finally {
      await database.stop();
    }
  });

  test('a cluster from before random passwords gets one on its next start', async () => {
    const dataDir = path.join(privateDirectory('one-entry-legacy-'), 'data');
    const first = await startEmbeddedPostgres(dataDir);
    const client = new pg.Client({ connectionString: first.connectionString });
    await client.connect();
    await client.query("ALTER ROLE postgres PASSWORD 'embedded'");
    await client.end();
    await first.stop();
    unlinkSync(path.join(dataDir, 'postgres-password'));

    const second = await startEmbeddedPostgres(dataDir);
    try {
      const password = readFileSync(path.join(dataDir, 'postgres-password'), 'utf8').trim();
      expect(password).not.toBe('embedded');
      expect(await canConnect(second.connectionString)).toBe(true);
      expect(await canConnect(`postgres://postgres:embedded@127.0.0.1:${second.port}/postgres`)).toBe(false);
    } finally {
      await second.stop();
    }
  });
});
