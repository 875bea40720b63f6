import path from 'node:path';
import { sql } from 'kysely';
import { createDatabase } from '../src/db/database.js';
import { anchorsDir, claimCompleteAnchor, dropAnchorDatabases, pgBossAnchor } from './anchors.js';
import { benchDatabase, median, ratioSummary, requirePgbench, run, type ServiceProcess, startService } from './lib.js';
import { createPeople, seedCases } from './seed.js';

// Caseworkers claiming and completing through the API (POST …/claim, then PATCH
// …/assignments/{department} to done with the claim's ETag; load from wrk) against two
// fixed anchors on the same PostgreSQL server: pg-boss 12 fetch + complete, and the minimal
// SQL claim + complete (pgbench). Interleaved A B A B, round by round, at each number of
// concurrent claimers; every figure counts claim+complete pairs (jobs) per second.
// Usage: npm run bench:claim [-- --seconds 5 --rounds 3 --clients 8,64 --jobs 20000 --cases 100000]

const args = new Map(process.argv.slice(2).map((arg, i, all) => [arg, all[i + 1]]));
const SECONDS = Number(args.get('--seconds') ?? 5);
const ROUNDS = Number(args.get('--rounds') ?? 3);
const LEVELS = (args.get('--clients') ?? '8,64').split(',').map(Number);
const BOSS_JOBS = Number(args.get('--jobs') ?? 20000);
/** Closed cases already in the tables, so that the queue works against a table of realistic size. */
const HISTORY = Number(args.get('--cases') ?? 100000);
const ANCHOR_ROWS = 50000;
const POOL_SIZE = 16;
const DEPARTMENT = 'jobcenter';
const wrkScript = path.resolve(new URL('.', import.meta.url).pathname, 'wrk/claim.lua');

await requirePgbench();
anchorsDir(); // before any seeding: fails at once, naming the folder, when the anchors are missing
await run('wrk', ['--version']).catch((error: { stdout?: string }) => {
  if (!String(error.stdout ?? '').includes('wrk')) throw new Error('wrk is needed for the HTTP load: apt-get install wrk');
});
const database = await benchDatabase();
const db = createDatabase({ connectionString: database.url, poolSize: 2 });
const auth = await createPeople(db, 'caseworker', [DEPARTMENT], Math.max(...LEVELS));
const tokens = auth.map((header) => header.replace(/^Bearer /, ''));
if (HISTORY > 0) await seedCases(db, { count: HISTORY, departments: ['jobcenter', 'business-service', 'social', 'technical'], state: 'done' });

/** Pairs per second through the API, closed loop from wrk (bench/wrk/claim.lua). */
async function apiLoad(service: ServiceProcess, clients: number, seconds: number): Promise<{ perSecond: number; errors: number; empty: number }> {
  const threads = String(Math.min(2, clients));
  const { stdout } = await run('wrk', ['-t', threads, '-c', String(clients), '-d', `${seconds}s`, '-s', wrkScript, service.baseUrl, '--', ...tokens]);
  const counts = /claim-result completed=(\d+) claimed=(\d+) empty=(\d+) errors=(\d+)/.exec(stdout);
  if (!counts) throw new Error(`wrk printed no result:\n${stdout}`);
  const [, completed, , empty, errors] = counts.map(Number) as number[];
  return { perSecond: (completed ?? 0) / seconds, errors: errors ?? 0, empty: empty ?? 0 };
}

// Every API run starts from the same backlog: what earlier runs left queued is closed, and
// enough is queued that no run finds its queue empty.
let bestRate = 300;
async function seedQueue(): Promise<void> {
  await sql`UPDATE assignments SET status = 'done' WHERE department_code = ${DEPARTMENT} AND status IN ('queued', 'in_progress')`.execute(db);
  await seedCases(db, { count: Math.ceil(Math.max(2000, 2 * bestRate * SECONDS)), departments: [DEPARTMENT], state: 'queued' });
}

const serviceEnv = {
  DATABASE_URL: database.url,
  DATABASE_POOL_SIZE: String(POOL_SIZE),
  DATABASE_MAX_QUEUE: '0',
  MAX_EVENT_LOOP_DELAY_MS: '0',
  API_RATE_LIMIT: '0',
};
// The API process alone, as when `npm run worker` runs the background work (each pair's two
// messages to the enterprise) in a process of its own; and, at 8 claimers, with the worker
// inside the API process (the default), so that the cost of that work shows too. That one
// runs only for its own runs: pg-boss at 64 workers needs 65 of the server's connections.
const apiOnly = await startService({ ...serviceEnv, WEBHOOK_WORKER: 'false' });
const workerRuns = LEVELS.includes(8);

try {
  console.log(
    `Claim benchmark: PostgreSQL ${database.serverVersion}, ${HISTORY.toLocaleString('en')} closed cases in the tables, ${SECONDS} s per API and pgbench run, pg-boss draining ${BOSS_JOBS} jobs, ${ROUNDS} rounds interleaved; service pool ${POOL_SIZE}, synchronous_commit on, load from wrk`,
  );
  await seedQueue(); // warm-up: connections, prepared statements, JIT of the hot paths
  await apiLoad(apiOnly, 8, 3);

  type Entry = { api: number[]; worker: number[]; boss: number[]; minimal: number[]; errors: number; empty: number };
  const byLevel = new Map<number, Entry>();
  for (let round = 1; round <= ROUNDS; round += 1) {
    for (const clients of LEVELS) {
      const entry = byLevel.get(clients) ?? { api: [], worker: [], boss: [], minimal: [], errors: 0, empty: 0 };
      byLevel.set(clients, entry);
      await seedQueue();
      const api = await apiLoad(apiOnly, clients, SECONDS);
      const boss = await pgBossAnchor(database.serverUrl, clients, BOSS_JOBS);
      const minimal = await claimCompleteAnchor(database.serverUrl, ANCHOR_ROWS, clients, SECONDS);
      entry.api.push(api.perSecond);
      entry.boss.push(boss.perSecond);
      entry.minimal.push(minimal.perSecond);
      entry.errors += api.errors;
      entry.empty += api.empty;
      let line = `  round ${round}, ${clients} claimers: API ${api.perSecond.toFixed(0)}/s, pg-boss ${boss.perSecond.toFixed(0)} jobs/s, minimal SQL ${minimal.perSecond.toFixed(0)} tps`;
      if (workerRuns && clients === 8) {
        await seedQueue();
        const withWorker = await startService(serviceEnv);
        await apiLoad(withWorker, clients, 1); // warm-up
        const worker = await apiLoad(withWorker, clients, SECONDS).finally(() => withWorker.stop());
        entry.worker.push(worker.perSecond);
        entry.errors += worker.errors;
        line += `, API with its worker ${worker.perSecond.toFixed(0)}/s`;
      }
      bestRate = Math.max(bestRate, api.perSecond);
      console.log(line);
    }
  }

  console.log('\nclaimers | API pairs/s | pg-boss 12 jobs/s | minimal SQL tps | API / pg-boss, median (min–max) | API / minimal SQL | API errors');
  let best = { clients: 0, rate: 0 };
  for (const [clients, entry] of byLevel) {
    const rate = median(entry.api);
    if (rate > best.rate) best = { clients, rate };
    const vsBoss = entry.api.map((a, i) => a / (entry.boss[i] as number));
    const vsMinimal = entry.api.map((a, i) => a / (entry.minimal[i] as number));
    console.log(
      `${clients} | ${rate.toFixed(0)} | ${median(entry.boss).toFixed(0)} | ${median(entry.minimal).toFixed(0)} | ${ratioSummary(vsBoss)} | ${ratioSummary(vsMinimal)} | ${entry.errors}`,
    );
    if (entry.worker.length > 0) {
      const vsBossWorker = entry.worker.map((a, i) => a / (entry.boss[i] as number));
      console.log(`${clients}, worker in the API process | ${median(entry.worker).toFixed(0)} | | | ${ratioSummary(vsBossWorker)} | |`);
    }
    if (entry.empty > 0) console.log(`  (warning: ${entry.empty} claims found the queue empty at ${clients} claimers)`);
  }
  console.log('Goals: API / pg-boss 12 ≥ 0.5 at 8 claimers (moonshot ≥ 1.0)');
  const most = byLevel.get(64);
  if (most) {
    console.log(
      `At 64 claimers the API completes ${median(most.api).toFixed(0)}/s, ${(median(most.api) / best.rate).toFixed(2)}× its best level (${best.clients} claimers, ${best.rate.toFixed(0)}/s) (goal ≥ 0.8)`,
    );
  }
} finally {
  await apiOnly.stop();
  await db.destroy();
  await dropAnchorDatabases(database.serverUrl);
  await database.stop();
}
