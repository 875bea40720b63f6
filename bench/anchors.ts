import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { run } from './lib.js';

// The fixed anchors: reference workloads kept outside this repository, which do not change
// when the service does (`../shared/bench-anchors/` beside the project, or BENCH_ANCHORS).
// Each runs exactly as its README says, in a fresh database of its own on the same
// PostgreSQL server as the service under test; a ratio "service / anchor" measured in one
// run then means the same thing every time.

const root = path.resolve(new URL('..', import.meta.url).pathname);

export function anchorsDir(): string {
  const dir = path.resolve(process.env.BENCH_ANCHORS ?? path.join(root, '..', 'shared', 'bench-anchors'));
  if (!existsSync(path.join(dir, 'intake.pgbench'))) {
    throw new Error(`The fixed benchmark anchors are not in ${dir}: set BENCH_ANCHORS to the folder that holds intake.pgbench, claim-complete.pgbench and pgboss-bench.mjs`);
  }
  return dir;
}

/** A database of the anchor's own on the server of `serverUrl`, dropped and created afresh. */
async function freshDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function psqlFiles(url: string, files: string[], variables: Record<string, string> = {}): Promise<void> {
  const args = ['-X', '-q', '-v', 'ON_ERROR_STOP=1', ...Object.entries(variables).flatMap(([k, v]) => ['-v', `${k}=${v}`]), ...files.flatMap((f) => ['-f', f]), url];
  await run('psql', args, { maxBuffer: 16 * 1024 * 1024 });
}

export interface AnchorResult {
  perSecond: number;
  /** Per-transaction latencies in ms (fixed-rate runs only). */
  latencies: number[];
}

/** `pgbench -n -c C -j 2 -T S -f FILE URL`, as the anchors' README runs it; with `rate`, a fixed-rate run that logs each transaction's latency. */
async function pgbenchAnchor(url: string, file: string, clients: number, seconds: number, rate?: number): Promise<AnchorResult> {
  const logPrefix = rate ? path.join(scratchDir('pgbench-log'), `tx-${Date.now()}`) : '';
  const args = ['-n', '-c', String(clients), '-j', '2', '-T', String(seconds), '-f', file, ...(rate ? ['-R', String(rate), '-l', '--log-prefix', logPrefix] : []), url];
  const { stdout } = await run('pgbench', args, { maxBuffer: 16 * 1024 * 1024 }).catch((error: { stdout?: string; stderr?: string }) => {
    // claim-complete.pgbench aborts a client when the queue is empty; the others' figures still count.
    if (error.stdout && /tps = /.test(error.stdout)) return { stdout: error.stdout };
    throw new Error(`pgbench failed: ${error.stderr ?? String(error)}`);
  });
  const processed = Number(/number of transactions actually processed: (\d+)/.exec(stdout)?.[1] ?? 0);
  const tps = Number(/tps = ([\d.]+)/.exec(stdout)?.[1] ?? 0);
  const latencies: number[] = [];
  if (rate) {
    const { readdirSync } = await import('node:fs');
    const dir = path.dirname(logPrefix);
    for (const name of readdirSync(dir).filter((n) => n.startsWith(path.basename(logPrefix)))) {
      for (const line of readFileSync(path.join(dir, name), 'utf8').split('\n')) {
        const micros = Number(line.split(' ')[2]);
        if (Number.isFinite(micros) && micros > 0) latencies.push(micros / 1000);
      }
    }
  }
  return { perSecond: processed > 0 ? tps : 0, latencies };
}

function scratchDir(name: string): string {
  const dir = path.join(root, 'node_modules', '.cache', 'bench-anchors', name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The minimal intake transaction (`intake-schema.sql`, `intake.pgbench`): its database is made once per run. */
export async function intakeAnchor(serverUrl: string): Promise<(clients: number, seconds: number, rate?: number) => Promise<AnchorResult>> {
  const dir = anchorsDir();
  const url = await freshDatabase(serverUrl, 'anchor_intake');
  await psqlFiles(url, [path.join(dir, 'intake-schema.sql')]);
  return (clients, seconds, rate) => pgbenchAnchor(url, path.join(dir, 'intake.pgbench'), clients, seconds, rate);
}

/** The minimal claim + complete (`prefill.sql`, `claim-complete.pgbench`), from a freshly filled queue of `rows` every run. */
export async function claimCompleteAnchor(serverUrl: string, rows: number, clients: number, seconds: number): Promise<AnchorResult> {
  const dir = anchorsDir();
  const url = await freshDatabase(serverUrl, 'anchor_claim');
  await psqlFiles(url, [path.join(dir, 'intake-schema.sql'), path.join(dir, 'prefill.sql')], { rows: String(rows) });
  return pgbenchAnchor(url, path.join(dir, 'claim-complete.pgbench'), clients, seconds);
}

/**
 * pg-boss 12 `fetch` + `complete` (`pgboss-bench.mjs`): the anchors' folder is copied into
 * a scratch folder and its pinned packages installed there once (not into the project).
 */
export async function pgBossAnchor(serverUrl: string, clients: number, jobs: number): Promise<AnchorResult> {
  const dir = anchorsDir();
  const scratch = scratchDir('pg-boss');
  const wanted = readFileSync(path.join(dir, 'package.json'), 'utf8');
  const installed = existsSync(path.join(scratch, 'package.json')) ? readFileSync(path.join(scratch, 'package.json'), 'utf8') : '';
  cpSync(dir, scratch, { recursive: true, filter: (source) => !source.includes('node_modules') });
  if (wanted !== installed || !existsSync(path.join(scratch, 'node_modules', 'pg-boss'))) {
    await run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock'], { cwd: scratch });
  }
  const url = await freshDatabase(serverUrl, 'anchor_pgboss');
  const { stdout } = await run(process.execPath, ['pgboss-bench.mjs', String(clients), String(jobs)], {
    cwd: scratch,
    env: { ...process.env, PGBOSS_URL: url },
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = stdout.trim().split('\n').pop() ?? '';
  const result = JSON.parse(line) as { jobsPerSec: number };
  return { perSecond: result.jobsPerSec, latencies: [] };
}

/** Drops the anchors' databases. */
export async function dropAnchorDatabases(serverUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    for (const name of ['anchor_intake', 'anchor_claim', 'anchor_pgboss']) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
