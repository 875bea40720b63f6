import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, chmodSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { createDatabase } from '../src/db/database.js';
import { freePort, startEmbeddedPostgres } from '../src/db/embedded.js';
import { generateSecretsKey } from '../src/domain/key-ring.js';

export { freePort };
import { migrateToLatest } from '../src/db/migrate.js';

// Shared pieces of the benchmarks: a database server, the service as a process, pgbench,
// and the statistics every benchmark prints.

export const run = promisify(execFile);
const root = path.resolve(new URL('..', import.meta.url).pathname);

export interface BenchDatabase {
  /** Connection string of the benchmark's own database. */
  url: string;
  /** Connection string of the server's maintenance database, for the anchors' own databases. */
  serverUrl: string;
  serverVersion: string;
  /** pgbench connection arguments for the same database. */
  pgbenchArgs: string[];
  /** Drops the benchmark's database (a million seeded cases take gigabytes), or stops the embedded server. */
  stop(): Promise<void>;
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/**
 * The PostgreSQL server in BENCH_DATABASE_URL, else the one on 127.0.0.1:5432 if it
 * answers, else an embedded one. A fresh database `one_entry_bench` is created and migrated.
 */
export async function benchDatabase(name = 'one_entry_bench'): Promise<BenchDatabase> {
  let serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  let stop = async () => {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  };
  if (!(await canConnect(serverUrl))) {
    const dir = mkdtempSync(path.join(tmpdir(), 'one-entry-bench-'));
    chmodSync(dir, 0o755);
    const embedded = await startEmbeddedPostgres(dir, () => {}, 'postgres');
    serverUrl = embedded.connectionString;
    stop = () => embedded.stop();
  }
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const serverVersion = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ?? '?';
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = createDatabase({ connectionString: url.toString(), poolSize: 1 });
  await migrateToLatest(db);
  await db.destroy();
  const pgbenchArgs = ['-h', url.hostname, '-p', url.port || '5432', '-U', decodeURIComponent(url.username), name];
  const password = decodeURIComponent(url.password);
  if (password) process.env.PGPASSWORD = password;
  return { url: url.toString(), serverUrl, serverVersion, pgbenchArgs, stop };
}

export interface ServiceProcess {
  child: ChildProcess;
  baseUrl: string;
  /** Peak resident memory (VmHWM) of the service process, in MiB. */
  peakMemoryMiB(): number;
  /** Resident memory (VmRSS) of the service process now, in MiB. */
  residentMemoryMiB(): number;
  stop(): Promise<void>;
}

/**
/**
 * How the service is started: from the TypeScript sources through tsx (`npm start`), or as
 * the compiled build (`npm run build`, then `node dist/server.js`), which must exist.
 */
export type ServiceEntry = 'source' | 'build';

/**
 * The service as it runs in production: its own process, configured by the environment.
 * `onLogLine` receives each line of its log (with `LOG_LEVEL: 'info'`, one per request with
 * the server's own `responseTime`).
 */
export async function startService(env: Record<string, string>, entry: ServiceEntry = 'source', onLogLine?: (line: string) => void): Promise<ServiceProcess> {
  const port = String(await freePort());
  // BENCH_NODE_ARGS: extra Node.js options for the service, e.g. `--cpu-prof --cpu-prof-dir=DIR` to profile it under load.
  const args = [...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), ...(entry === 'build' ? ['dist/server.js'] : ['--import', 'tsx', 'src/server.ts'])];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: port, LOG_LEVEL: 'warn', PUBLIC_RATE_LIMIT: '0', SECRETS_KEY: generateSecretsKey(), ...env },
    stdio: ['ignore', onLogLine ? 'pipe' : 'ignore', 'inherit'],
  });
  if (onLogLine && child.stdout) {
    let rest = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) onLogLine(line);
    });
  }
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error('service exited during start-up');
    try {
      if ((await fetch(`${baseUrl}/readyz`)).ok) break;
    } catch {
      // not yet listening
    }
    if (Date.now() > deadline) throw new Error('service not ready within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    child,
    baseUrl,
    peakMemoryMiB: () => statusMiB(child, 'VmHWM'),
    residentMemoryMiB: () => statusMiB(child, 'VmRSS'),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A memory figure of the process from /proc/PID/status, in MiB. */
function statusMiB(child: ChildProcess, field: 'VmHWM' | 'VmRSS'): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kb = Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return kb / 1024;
}

export async function requirePgbench(): Promise<void> {
  try {
    await run('pgbench', ['--version']);
  } catch {
    process.stderr.write('pgbench is needed for the baselines: apt-get install postgresql-client (or postgresql-15)\n');
    process.exit(1);
  }
}

/** Whether wrk, a load generator in C like pgbench, is installed (`apt-get install wrk`). */
export async function hasWrk(): Promise<boolean> {
  try {
    await run('wrk', ['--version']).catch((error: { stdout?: string }) => {
      if (!String(error.stdout ?? '').includes('wrk')) throw error;
    });
    return true;
  } catch {
    return false;
  }
}

export interface PgbenchResult {
  tps: number;
  latencies: number[];
}

/** Runs a pgbench script; with `rate`, a fixed-rate (open) load whose per-transaction latencies are returned. */
export async function pgbench(
  database: BenchDatabase,
  script: string,
  options: { clients: number; seconds: number; rate?: number; variables?: Record<string, string> },
): Promise<PgbenchResult> {
  const logDir = mkdtempSync(path.join(tmpdir(), 'pgbench-log-'));
  const args = [
    '-n',
    '-M', 'extended',
    '-f', script,
    '-c', String(options.clients),
    '-j', String(Math.min(options.clients, 2)),
    '-T', String(options.seconds),
    ...Object.entries(options.variables ?? {}).flatMap(([name, value]) => ['-D', `${name}=${value}`]),
    ...(options.rate ? ['-R', String(options.rate), '-l', '--log-prefix', path.join(logDir, 'tx')] : []),
    ...database.pgbenchArgs,
  ];
  const { stdout } = await run('pgbench', args, { maxBuffer: 16 * 1024 * 1024 });
  const tps = Number(/tps = ([\d.]+)/.exec(stdout)?.[1] ?? 0);
  const latencies: number[] = [];
  if (options.rate) {
    const { readdirSync } = await import('node:fs');
    for (const file of readdirSync(logDir)) {
      for (const line of readFileSync(path.join(logDir, file), 'utf8').split('\n')) {
        const micros = Number(line.split(' ')[2]);
        if (Number.isFinite(micros) && micros > 0) latencies.push(micros / 1000);
      }
    }
  }
  return { tps, latencies };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export function median(values: number[]): number {
  return percentile(values, 50);
}

/** "0.71 (0.66–0.74)": the median ratio and its range over the rounds. */
export function ratioSummary(ratios: number[]): string {
  return `${median(ratios).toFixed(2)} (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`;
}
