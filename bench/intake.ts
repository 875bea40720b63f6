import autocannon from 'autocannon';
import path from 'node:path';
import { validInquiry } from '../tests/support/fixtures.js';
import { benchDatabase, hasWrk, median, percentile, pgbench, ratioSummary, requirePgbench, run, startService } from './lib.js';

// Intake throughput of POST /v1/inquiries against pgbench running the same SQL on the same
// database, interleaved round by round, at several concurrency levels; then p99 latency of
// both at half the API's peak rate (open loop). Usage: npm run bench:intake [-- --seconds 5 --rounds 3]

const args = new Map(process.argv.slice(2).map((arg, i, all) => [arg, all[i + 1]]));
const SECONDS = Number(args.get('--seconds') ?? 5);
const ROUNDS = Number(args.get('--rounds') ?? 3);
const LEVELS = (args.get('--clients') ?? '8,16,32').split(',').map(Number);
const script = path.resolve(new URL('.', import.meta.url).pathname, 'sql/intake.sql');

const wrkScript = path.resolve(new URL('.', import.meta.url).pathname, 'wrk/intake.lua');

/**
 * Closed-loop load from wrk when it is installed: a load generator in C, like pgbench, so
 * the two sides of the ratio spend the same little CPU on generating load.
 */
async function wrkLoad(baseUrl: string, connections: number, seconds: number) {
  const { stdout } = await run('wrk', ['-t', '2', '-c', String(connections), '-d', `${seconds}s`, '-s', wrkScript, `${baseUrl}/v1/inquiries`]);
  const total = Number(/(\d+) requests in/.exec(stdout)?.[1] ?? 0);
  const failed = Number(/Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? 0);
  return { rps: (total - failed) / seconds, errors: failed, p99: Number.NaN };
}

async function apiLoad(baseUrl: string, connections: number, seconds: number, overallRate?: number) {
  const result = await autocannon({
    url: `${baseUrl}/v1/inquiries`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    connections,
    duration: seconds,
    ...(overallRate ? { overallRate } : {}),
    requests: [{ setupRequest: (request: any) => ({ ...request, body: JSON.stringify(validInquiry()) }) }],
  });
  return {
    rps: result['2xx'] / seconds,
    errors: result.non2xx + result.errors + result.timeouts,
    p99: result.latency.p99,
  };
}

await requirePgbench();
const database = await benchDatabase();
const service = await startService({ DATABASE_URL: database.url, DATABASE_POOL_SIZE: '16', DATABASE_MAX_QUEUE: '0', MAX_EVENT_LOOP_DELAY_MS: '0' });
try {
  const useWrk = await hasWrk();
  const closedLoad = useWrk ? wrkLoad : (url: string, c: number, s: number) => apiLoad(url, c, s);
  console.log(
    `Intake benchmark: PostgreSQL ${database.serverVersion}, ${SECONDS} s per run, ${ROUNDS} rounds, synchronous_commit on; load from ${useWrk ? 'wrk' : 'autocannon (install wrk for a C load generator like pgbench)'}`,
  );
  await apiLoad(service.baseUrl, 8, 2); // warm-up
  await pgbench(database, script, { clients: 8, seconds: 2 });

  const byLevel = new Map<number, { api: number[]; pg: number[]; ratio: number[]; errors: number }>();
  for (let round = 1; round <= ROUNDS; round += 1) {
    for (const clients of LEVELS) {
      const pg = await pgbench(database, script, { clients, seconds: SECONDS });
      const api = await closedLoad(service.baseUrl, clients, SECONDS);
      const entry = byLevel.get(clients) ?? { api: [], pg: [], ratio: [], errors: 0 };
      entry.api.push(api.rps);
      entry.pg.push(pg.tps);
      entry.ratio.push(api.rps / pg.tps);
      entry.errors += api.errors;
      byLevel.set(clients, entry);
      console.log(`  round ${round}, ${clients} clients: API ${api.rps.toFixed(0)}/s, pgbench ${pg.tps.toFixed(0)} tps`);
    }
  }
  console.log('\nclients | API req/s (median) | pgbench tps (median) | ratio API/pgbench median (min–max) | API errors');
  let peak = 0;
  for (const [clients, entry] of byLevel) {
    peak = Math.max(peak, median(entry.api));
    console.log(`${clients} | ${median(entry.api).toFixed(0)} | ${median(entry.pg).toFixed(0)} | ${ratioSummary(entry.ratio)} | ${entry.errors}`);
  }

  const rate = Math.max(1, Math.round(peak / 2));
  const apiP99: number[] = [];
  const pgP99: number[] = [];
  for (let round = 1; round <= ROUNDS; round += 1) {
    const pg = await pgbench(database, script, { clients: 16, seconds: SECONDS, rate });
    pgP99.push(percentile(pg.latencies, 99));
    const api = await apiLoad(service.baseUrl, 16, SECONDS, rate);
    if (api.errors > 0 || !(api.p99 > 0)) console.log(`  (open-loop round ${round}: ${api.rps.toFixed(0)}/s, ${api.errors} errors)`);
    apiP99.push(api.p99);
  }
  const latencyRatios = apiP99.map((p, i) => p / (pgP99[i] as number));
  console.log(`\nAt half the API's peak (${rate}/s, open loop): p99 API ${median(apiP99).toFixed(1)} ms, pgbench ${median(pgP99).toFixed(1)} ms; ratio ${ratioSummary(latencyRatios)} (goal ≤ 3)`);
  console.log(`Peak resident memory of the service: ${service.peakMemoryMiB().toFixed(0)} MiB`);
} finally {
  await service.stop();
  await database.stop();
}
