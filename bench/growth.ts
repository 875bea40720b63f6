import { createDatabase } from '../src/db/database.js';
import { closeConnections, send } from './http.js';
import { type BenchDatabase, benchDatabase, median, percentile, ratioSummary, type ServiceProcess, startService } from './lib.js';
import { addDepartments, createPeople, seedCases } from './seed.js';

// Whether the service slows down as the cases pile up: p99 latency of the case list (first
// page, and a page 10,000 cases deep) and of a claim, in a database of 10,000 cases and in
// one of 1,000,000 (mostly resolved, ten departments), each with its own service, measured
// interleaved round by round. Usage: npm run bench:growth [-- --large 1000000 --requests 200 --rounds 3]

const args = new Map(process.argv.slice(2).map((arg, i, all) => [arg, all[i + 1]]));
const SMALL = Number(args.get('--small') ?? 10_000);
const LARGE = Number(args.get('--large') ?? 1_000_000);
const REQUESTS = Number(args.get('--requests') ?? 200);
const ROUNDS = Number(args.get('--rounds') ?? 3);
const DEPTH = 10_000;
const PAGE = 25;
const WARM_UP = 20;
const CLAIM_DEPARTMENT = 'jobcenter';

interface Setup {
  size: number;
  database: BenchDatabase;
  service: ServiceProcess;
  coordinator: string;
  caseworker: string;
  /** The cursor of the page `depth` cases into the list. */
  deepCursor: string;
  depth: number;
  seedSeconds: number;
}

async function listPage(baseUrl: string, auth: string, query: string): Promise<{ items: unknown[]; nextCursor: string | null }> {
  const reply = await send(baseUrl, 'GET', `/v1/cases?${query}`, { authorization: auth });
  if (reply.status !== 200) throw new Error(`GET /v1/cases answered ${reply.status}: ${reply.body.slice(0, 200)}`);
  return JSON.parse(reply.body) as { items: unknown[]; nextCursor: string | null };
}

/** Follows nextCursor, 100 cases a page, to the cursor `depth` cases in. */
async function cursorAt(baseUrl: string, auth: string, depth: number): Promise<string> {
  let cursor = '';
  for (let seen = 0; seen < depth; seen += 100) {
    const page = await listPage(baseUrl, auth, `limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (!page.nextCursor) throw new Error(`the list ended before ${depth} cases`);
    cursor = page.nextCursor;
  }
  return cursor;
}

/**
 * A database of `size` cases: the claims' queued ones in the jobcenter, the rest resolved
 * across ten departments. The deep page is 10,000 cases in, or the last full page when
 * there are fewer.
 */
async function setUp(size: number, name: string): Promise<Setup> {
  const database = await benchDatabase(name);
  const db = createDatabase({ connectionString: database.url, poolSize: 2 });
  try {
    const departments = await addDepartments(db, 10);
    const queued = (REQUESTS + WARM_UP) * ROUNDS + WARM_UP;
    const started = performance.now();
    await seedCases(db, { count: queued, departments: [CLAIM_DEPARTMENT], state: 'queued' });
    await seedCases(db, { count: size - queued, departments, state: 'done' });
    const seedSeconds = (performance.now() - started) / 1000;
    const [coordinator] = await createPeople(db, 'coordinator', [], 1);
    const [caseworker] = await createPeople(db, 'caseworker', [CLAIM_DEPARTMENT], 1);
    const service = await startService({
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: '16',
      DATABASE_MAX_QUEUE: '0',
      MAX_EVENT_LOOP_DELAY_MS: '0',
      API_RATE_LIMIT: '0',
    });
    const depth = Math.min(DEPTH, Math.floor((size - PAGE) / 100) * 100);
    const deepCursor = await cursorAt(service.baseUrl, coordinator as string, depth);
    return { size, database, service, coordinator: coordinator as string, caseworker: caseworker as string, deepCursor, depth, seedSeconds };
  } finally {
    await db.destroy();
  }
}

/** Latencies in ms of `count` sequential requests, after a warm-up. */
async function timeSequential(count: number, request: () => Promise<void>): Promise<number[]> {
  for (let i = 0; i < WARM_UP; i += 1) await request();
  const latencies: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const started = performance.now();
    await request();
    latencies.push(performance.now() - started);
  }
  return latencies;
}

const measurements = {
  'GET /v1/cases, first page': (setup: Setup) => () => listPage(setup.service.baseUrl, setup.coordinator, `limit=${PAGE}`).then(() => {}),
  'GET /v1/cases, page 10,000 deep': (setup: Setup) => () =>
    listPage(setup.service.baseUrl, setup.coordinator, `limit=${PAGE}&cursor=${encodeURIComponent(setup.deepCursor)}`).then(() => {}),
  'POST /v1/departments/{department}/claim': (setup: Setup) => async () => {
    const reply = await send(setup.service.baseUrl, 'POST', `/v1/departments/${CLAIM_DEPARTMENT}/claim`, { authorization: setup.caseworker });
    if (reply.status !== 200) throw new Error(`claim answered ${reply.status}: ${reply.body.slice(0, 200)}`);
  },
};

const setups: Setup[] = [];
try {
  setups.push(await setUp(SMALL, 'one_entry_bench_growth_small'));
  setups.push(await setUp(LARGE, 'one_entry_bench_growth_large'));
  const [small, large] = setups as [Setup, Setup];
  console.log(`Growth benchmark: PostgreSQL ${small.database.serverVersion}, ${REQUESTS} sequential requests per measurement after ${WARM_UP} to warm up, ${ROUNDS} rounds`);
  for (const setup of setups) {
    console.log(`  ${setup.size.toLocaleString('en')} cases seeded in ${setup.seedSeconds.toFixed(1)} s; deep page at ${setup.depth.toLocaleString('en')} cases`);
  }

  const p99s = new Map<string, { small: number[]; large: number[] }>();
  for (let round = 1; round <= ROUNDS; round += 1) {
    for (const [name, measure] of Object.entries(measurements)) {
      const entry = p99s.get(name) ?? { small: [], large: [] };
      entry.small.push(percentile(await timeSequential(REQUESTS, measure(small)), 99));
      entry.large.push(percentile(await timeSequential(REQUESTS, measure(large)), 99));
      p99s.set(name, entry);
      console.log(`  round ${round}, ${name}: p99 ${entry.small.at(-1)?.toFixed(1)} ms at ${SMALL.toLocaleString('en')}, ${entry.large.at(-1)?.toFixed(1)} ms at ${LARGE.toLocaleString('en')}`);
    }
  }

  console.log(`\nrequest | p99 at ${SMALL.toLocaleString('en')} (ms, median) | p99 at ${LARGE.toLocaleString('en')} (ms, median) | ratio median (min–max), goal ≤ 1.5`);
  for (const [name, entry] of p99s) {
    const ratios = entry.large.map((p, i) => p / (entry.small[i] as number));
    console.log(`${name} | ${median(entry.small).toFixed(1)} | ${median(entry.large).toFixed(1)} | ${ratioSummary(ratios)}`);
  }
} finally {
  closeConnections();
  for (const setup of setups) {
    await setup.service.stop();
    await setup.database.stop();
  }
}
