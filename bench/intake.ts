import autocannon from 'autocannon';
import path from 'node:path';
import { validInquiry } from '../tests/support/fixtures.js';
import { anchorsDir, dropAnchorDatabases, intakeAnchor } from './anchors.js';
import { benchDatabase, median, percentile, ratioSummary, requirePgbench, run, startService } from './lib.js';

// Intake throughput of POST /v1/inquiries (a different valid inquiry every request, no
// Idempotency-Key, closed loop from wrk) against the fixed anchor, the minimal intake
// transaction (inquiry, case and one event in one statement; pgbench), on the same
// PostgreSQL server, interleaved A B A B round by round; then p99 latency of both at half
// the API's peak rate (open loop: autocannon's overallRate and pgbench -R).
// Usage: npm run bench:intake [-- --seconds 5 --rounds 3 --clients 8,16]

const args = new Map(process.argv.slice(2).map((arg, i, all) => [arg, all[i + 1]]));
const SECONDS = Number(args.get('--seconds') ?? 5);
const ROUNDS = Number(args.get('--rounds') ?? 3);
const LEVELS = (args.get('--clients') ?? '8,16').split(',').map(Number);
const wrkScript = path.resolve(new URL('.', import.meta.url).pathname, 'wrk/intake.lua');

async function wrkLoad(baseUrl: string, connections: number, seconds: number) {
  const { stdout } = await run('wrk', ['-t', '2', '-c', String(connections), '-d', `${seconds}s`, '-s', wrkScript, `${baseUrl}/v1/inquiries`]);
  const total = Number(/(\d+) requests in/.exec(stdout)?.[1] ?? 0);
  const failed = Number(/Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? 0);
  return { rps: (total - failed) / seconds, errors: failed };
}

async function openLoop(baseUrl: string, connections: number, seconds: number, overallRate: number) {
  const result = await autocannon({
    url: `${baseUrl}/v1/inquiries`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    connections,
    duration: seconds,
    overallRate,
    requests: [{ setupRequest: (request: any) => ({ ...request, body: JSON.stringify(validInquiry()) }) }],
  });
  return { rps: result['2xx'] / seconds, errors: result.non2xx + result.errors + result.timeouts, p99: result.latency.p99 };
}

await requirePgbench();
anchorsDir(); // before any seeding: fails at once, naming the folder, when the anchors are missing
await run('wrk', ['--version']).catch((error: { stdout?: string }) => {
  if (!String(error.stdout ?? '').includes('wrk')) throw new Error('wrk is needed for the HTTP load: apt-get install wrk');
});
const database = await benchDatabase();
const anchor = await intakeAnchor(database.serverUrl);
const service = await startService({
  DATABASE_URL: database.url,
  DATABASE_POOL_SIZE: '16',
  DATABASE_MAX_QUEUE: '0',
  MAX_EVENT_LOOP_DELAY_MS: '0',
  // The receipts to the enterprises are written by `npm run worker` in a process of its own.
  WEBHOOK_WORKER: 'false',
});
try {
  console.log(
    `Intake benchmark: PostgreSQL ${database.serverVersion}, ${SECONDS} s per run, ${ROUNDS} rounds interleaved, synchronous_commit on; API load from wrk, anchor: intake.pgbench`,
  );
  await wrkLoad(service.baseUrl, 8, 3); // warm-up
  await anchor(8, 2);

  const byLevel = new Map<number, { api: number[]; anchor: number[]; ratio: number[]; errors: number }>();
  for (let round = 1; round <= ROUNDS; round += 1) {
    for (const clients of LEVELS) {
      const api = await wrkLoad(service.baseUrl, clients, SECONDS);
      const fixed = await anchor(clients, SECONDS);
      const entry = byLevel.get(clients) ?? { api: [], anchor: [], ratio: [], errors: 0 };
      entry.api.push(api.rps);
      entry.anchor.push(fixed.perSecond);
      entry.ratio.push(api.rps / fixed.perSecond);
      entry.errors += api.errors;
      byLevel.set(clients, entry);
      console.log(`  round ${round}, ${clients} clients: API ${api.rps.toFixed(0)}/s, minimal intake ${fixed.perSecond.toFixed(0)} tps`);
    }
  }
  console.log('\nclients | API req/s | minimal intake tps | API / minimal intake, median (min–max) | API errors');
  let peak = 0;
  for (const [clients, entry] of byLevel) {
    peak = Math.max(peak, median(entry.api));
    console.log(`${clients} | ${median(entry.api).toFixed(0)} | ${median(entry.anchor).toFixed(0)} | ${ratioSummary(entry.ratio)} | ${entry.errors}`);
  }
  console.log('Goal: API / minimal intake ≥ 0.3 (moonshot 0.5)');

  const rate = Math.max(1, Math.round(peak / 2));
  const apiP99: number[] = [];
  const anchorP99: number[] = [];
  for (let round = 1; round <= ROUNDS; round += 1) {
    const api = await openLoop(service.baseUrl, 16, SECONDS, rate);
    if (api.errors > 0) console.log(`  (open-loop round ${round}: ${api.rps.toFixed(0)}/s, ${api.errors} errors)`);
    apiP99.push(api.p99);
    const fixed = await anchor(16, SECONDS, rate);
    anchorP99.push(percentile(fixed.latencies, 99));
  }
  const latencyRatios = apiP99.map((p, i) => p / (anchorP99[i] as number));
  console.log(
    `\nAt half the API's peak (${rate}/s, open loop): p99 API ${median(apiP99).toFixed(1)} ms, minimal intake ${median(anchorP99).toFixed(1)} ms; ratio ${ratioSummary(latencyRatios)} (goal ≤ 3)`,
  );
  console.log(`Peak resident memory of the service: ${service.peakMemoryMiB().toFixed(0)} MiB`);
} finally {
  await service.stop();
  await dropAnchorDatabases(database.serverUrl);
  await database.stop();
}
