import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import PgBoss from 'pg-boss';
import { createDatabase } from '../src/db/database.js';
import type { DB } from '../src/db/schema.js';
import { closeConnections, send } from './http.js';
import { benchDatabase, hasWrk, median, pgbench, ratioSummary, requirePgbench, run, startService } from './lib.js';
import { createPeople, seedCases } from './seed.js';

// Caseworkers claiming and completing assignments through the API (POST …/claim, then
// PATCH …/assignments/{department} to done) against (a) pgbench running the same SQL and
// (b) pg-boss fetch + complete with batch size 1 on the same database, interleaved round
// by round at several numbers of concurrent claimers. Every figure counts claim+complete
// pairs per second. HTTP load comes from wrk when it is installed (bench/wrk/claim.lua), else
// from a Node loop. Usage: npm run bench:claim [-- --seconds 5 --rounds 3 --clients 1,4,16,64]

const args = new Map(process.argv.slice(2).map((arg, i, all) => [arg, all[i + 1]]));
const SECONDS = Number(args.get('--seconds') ?? 5);
const ROUNDS = Number(args.get('--rounds') ?? 3);
const LEVELS = (args.get('--clients') ?? '1,4,16,64').split(',').map(Number);
const POOL_SIZE = 16;
const DEPARTMENT = 'jobcenter';
const QUEUE = 'bench-claim';
const script = path.resolve(new URL('.', import.meta.url).pathname, 'sql/claim.sql');
// The script looks the caseworker up once per connection (see its header).
const SCRIPT_VARIABLES = { looked_up: '0' };

interface LoadResult {
  perSecond: number;
  errors: number;
  /** Claims that found the queue empty: the run was not seeded enough. */
  empty: number;
}

/** Runs `clients` loops of `step` until the deadline; `step` returns whether it completed one. */
async function closedLoop(clients: number, seconds: number, step: (client: number) => Promise<'done' | 'empty' | 'error'>): Promise<LoadResult> {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const counts = { done: 0, empty: 0, error: 0 };
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (performance.now() < deadline) {
        const outcome = await step(client).catch(() => 'error' as const);
        counts[outcome] += 1;
        if (outcome === 'empty') return;
      }
    }),
  );
  return { perSecond: counts.done / ((performance.now() - started) / 1000), errors: counts.error, empty: counts.empty };
}

const wrkScript = path.resolve(new URL('.', import.meta.url).pathname, 'wrk/claim.lua');

/**
 * Closed-loop load from wrk when it is installed: a load generator in C, like pgbench, so
 * that the two sides of the ratio spend the same little CPU on generating load.
 */
async function wrkLoad(baseUrl: string, auth: string[], clients: number, seconds: number): Promise<LoadResult> {
  const tokens = auth.map((header) => header.replace(/^Bearer /, ''));
  const threads = String(Math.min(2, clients));
  const { stdout } = await run('wrk', ['-t', threads, '-c', String(clients), '-d', `${seconds}s`, '-s', wrkScript, baseUrl, '--', ...tokens]);
  const counts = /claim-result completed=(\d+) claimed=(\d+) empty=(\d+) errors=(\d+)/.exec(stdout);
  if (!counts) throw new Error(`wrk printed no result:\n${stdout}`);
  const [, completed, , empty, errors] = counts.map(Number) as number[];
  return { perSecond: (completed ?? 0) / seconds, errors: errors ?? 0, empty: empty ?? 0 };
}

function nodeLoad(baseUrl: string, auth: string[], clients: number, seconds: number): Promise<LoadResult> {
  return closedLoop(clients, seconds, async (client) => {
    const authorization = auth[client] as string;
    const claim = await send(baseUrl, 'POST', `/v1/departments/${DEPARTMENT}/claim`, { authorization });
    if (claim.status === 204) return 'empty';
    if (claim.status !== 200 || !claim.etag) return 'error';
    const { id } = JSON.parse(claim.body) as { id: string };
    const done = await send(
      baseUrl,
      'PATCH',
      `/v1/cases/${id}/assignments/${DEPARTMENT}`,
      { authorization, 'if-match': claim.etag, 'content-type': 'application/json' },
      '{"status":"done"}',
    );
    return done.status === 200 ? 'done' : 'error';
  });
}

/** pg-boss with the service's pool size, started per run so that its pool is closed while pgbench runs. */
async function bossLoad(db: Kysely<DB>, url: string, jobs: number, clients: number, seconds: number): Promise<LoadResult> {
  // A fresh pg-boss for every run: its fetch sorts the whole backlog, so jobs left over
  // from earlier runs would slow it more with every run.
  await sql`DROP SCHEMA IF EXISTS pgboss CASCADE`.execute(db);
  const boss = new PgBoss({ connectionString: url, max: POOL_SIZE, supervise: false, schedule: false });
  boss.on('error', (error) => process.stderr.write(`pg-boss: ${String(error)}\n`));
  await boss.start();
  try {
    if (!(await boss.getQueue(QUEUE))) await boss.createQueue(QUEUE);
    for (let sent = 0; sent < jobs; sent += 1000) {
      await boss.insert(Array.from({ length: Math.min(1000, jobs - sent) }, (_, i) => ({ name: QUEUE, data: { n: sent + i } })));
    }
    return await closedLoop(clients, seconds, async () => {
      const [job] = await boss.fetch(QUEUE, { batchSize: 1 });
      if (!job) return 'empty';
      await boss.complete(QUEUE, job.id);
      return 'done';
    });
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

await requirePgbench();
const database = await benchDatabase();
const db = createDatabase({ connectionString: database.url, poolSize: 2 });
const auth = await createPeople(db, 'caseworker', [DEPARTMENT], Math.max(...LEVELS));
const service = await startService({
  DATABASE_URL: database.url,
  DATABASE_POOL_SIZE: String(POOL_SIZE),
  DATABASE_MAX_QUEUE: '0',
  MAX_EVENT_LOOP_DELAY_MS: '0',
  API_RATE_LIMIT: '0',
});

// Enough work that no run finds its queue empty: twice the best rate seen so far.
let bestRate = 500;
const enough = () => Math.ceil(Math.max(2000, 2 * bestRate * SECONDS));
// Every run starts from the same backlog: what earlier runs left queued is closed first.
const seedQueue = async () => {
  await sql`UPDATE assignments SET status = 'done' WHERE department_code = ${DEPARTMENT} AND status = 'queued'`.execute(db);
  await seedCases(db, { count: enough(), departments: [DEPARTMENT], state: 'queued' });
};

const useWrk = await hasWrk();
const apiLoad = useWrk ? wrkLoad : nodeLoad;

try {
  console.log(
    `Claim benchmark: PostgreSQL ${database.serverVersion}, ${SECONDS} s per run, ${ROUNDS} rounds, synchronous_commit on; service and pg-boss pools ${POOL_SIZE} connections, pgbench one per client; HTTP load from ${useWrk ? 'wrk' : 'Node (keep-alive; install wrk for a C load generator like pgbench)'}`,
  );
  await seedQueue(); // warm-up
  await apiLoad(service.baseUrl, auth, 4, 2);
  await pgbench(database, script, { clients: 4, seconds: 2, variables: SCRIPT_VARIABLES });
  await bossLoad(db, database.url, enough(), 4, 2);

  const byLevel = new Map<number, { api: number[]; pg: number[]; boss: number[]; errors: number; empty: number }>();
  for (let round = 1; round <= ROUNDS; round += 1) {
    for (const clients of LEVELS) {
      await seedQueue();
      const pg = await pgbench(database, script, { clients, seconds: SECONDS, variables: SCRIPT_VARIABLES });
      await seedQueue();
      const api = await apiLoad(service.baseUrl, auth, clients, SECONDS);
      const boss = await bossLoad(db, database.url, enough(), clients, SECONDS);
      bestRate = Math.max(bestRate, pg.tps, api.perSecond, boss.perSecond);
      const entry = byLevel.get(clients) ?? { api: [], pg: [], boss: [], errors: 0, empty: 0 };
      entry.api.push(api.perSecond);
      entry.pg.push(pg.tps);
      entry.boss.push(boss.perSecond);
      entry.errors += api.errors;
      entry.empty += api.empty + boss.empty;
      byLevel.set(clients, entry);
      console.log(
        `  round ${round}, ${clients} claimers: API ${api.perSecond.toFixed(0)}/s, pgbench ${pg.tps.toFixed(0)} tps, pg-boss ${boss.perSecond.toFixed(0)} jobs/s`,
      );
    }
  }

  console.log('\nclaimers | API completed/s | pgbench tps | pg-boss jobs/s | API/pgbench median (min–max) | API/pg-boss median (min–max) | API errors');
  let best = { clients: 0, rate: 0 };
  for (const [clients, entry] of byLevel) {
    const rate = median(entry.api);
    if (rate > best.rate) best = { clients, rate };
    const vsPg = entry.api.map((a, i) => a / (entry.pg[i] as number));
    const vsBoss = entry.api.map((a, i) => a / (entry.boss[i] as number));
    console.log(
      `${clients} | ${rate.toFixed(0)} | ${median(entry.pg).toFixed(0)} | ${median(entry.boss).toFixed(0)} | ${ratioSummary(vsPg)} | ${ratioSummary(vsBoss)} | ${entry.errors}`,
    );
    if (entry.empty > 0) console.log(`  (warning: ${entry.empty} claims or fetches found the queue empty at ${clients} claimers)`);
  }
  console.log('Goals: API/pgbench ≥ 0.6, API/pg-boss ≥ 1.0');
  const most = byLevel.get(64);
  if (most) {
    console.log(
      `At 64 claimers the API completes ${median(most.api).toFixed(0)}/s, ${(median(most.api) / best.rate).toFixed(2)}× its best level (${best.clients} claimers, ${best.rate.toFixed(0)}/s) (goal ≥ 0.8)`,
    );
  }
} finally {
  closeConnections();
  await service.stop();
  await db.destroy();
  await database.stop();
}
