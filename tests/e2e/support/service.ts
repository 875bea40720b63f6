import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, type Database } from '../../../src/db/database.js';
import { freePort } from '../../../src/db/embedded.js';
import { createTestDatabase } from '../../support/database.js';
import { TEST_SECRETS_KEY } from '../../support/secrets-key.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const READY_TIMEOUT_MS = 90_000;

export interface RunningService {
  baseUrl: string;
  /** The service's own database, to check what a browser session wrote. */
  db: Database;
  /** Everything the service printed so far (its JSON log lines). */
  output(): string;
  stop(): Promise<void>;
}

async function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Starts the service the way the README does (`npm start`) on a free port, against an
 * empty database of its own on the test PostgreSQL server, so the service migrates it on
 * start like a first deployment. Resolves once /readyz answers 200.
 */
export async function startService(env: Record<string, string> = {}): Promise<RunningService> {
  const database = await createTestDatabase({ migrated: false });
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'one-entry-e2e-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn('npm', ['start'], {
    cwd: repoRoot,
    // Its own process group, so stopping it also stops npm's children.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: database.url,
      SECRETS_KEY: TEST_SECRETS_KEY,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      // The browser tests submit more often than a person; the limit itself is tested in tests/api.
      PUBLIC_RATE_LIMIT: '0',
      ...env,
    },
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const stop = async () => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      process.kill(-child.pid, 'SIGTERM');
      if (!(await waitForExit(child, 20_000))) process.kill(-child.pid, 'SIGKILL');
    }
    await db.destroy();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const db = createDatabase({ connectionString: database.url, poolSize: 2 });

  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`The service exited with ${child.exitCode} before it was ready:\n${output}`);
    }
    const ready = await fetch(`${baseUrl}/readyz`).then(
      (res) => res.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The service was not ready within ${READY_TIMEOUT_MS / 1000} s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { baseUrl, db, output: () => output, stop };
}
