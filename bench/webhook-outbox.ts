import { randomBytes } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { insertToken, insertUser } from '../src/modules/auth/auth.repository.js';
import { generateApiToken, hashSecret } from '../src/modules/auth/tokens.js';
import { migrateJobQueue } from '../src/modules/webhooks/job-queue.js';
import { generateSecretsKey } from '../src/domain/key-ring.js';
import { validInquiry } from '../tests/support/fixtures.js';

// What the outbox costs an intake: submissions per second through the API when the
// submitting integrator has webhook endpoints (each intake then writes deliveries and
// queue jobs in its transaction) against the same with no endpoints at all, in one run.
//
//   BENCH_SERVER_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/webhook-outbox.ts
//
// It creates and drops a scratch database on that server. Delivery itself is not
// measured: the worker is off, so the jobs just wait.
const serverUrl = process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 400);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const ENDPOINTS = Number(process.env.BENCH_ENDPOINTS ?? 3);

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const name = `one_entry_bench_${randomBytes(4).toString('hex')}`;
await admin(`CREATE DATABASE ${name}`);
const url = new URL(serverUrl);
url.pathname = `/${name}`;
const db = createDatabase({ connectionString: url.toString(), poolSize: 16 });
try {
  await migrateToLatest(db);
  await migrateJobQueue(url.toString());
  const config = loadConfig({ LOG_LEVEL: 'silent', WEBHOOK_WORKER: 'false', API_RATE_LIMIT: '0', PUBLIC_RATE_LIMIT: '0', DATABASE_URL: url.toString(), SECRETS_KEY: generateSecretsKey() });
  const app = await buildApp(config, { db, logger: false });
  await app.ready();

  async function integratorWithEndpoints(endpoints: number): Promise<string> {
    const suffix = randomBytes(4).toString('hex');
    const userId = await insertUser(db, { name: `Bench ${suffix}`, email: `bench-${suffix}@example.dk`, role: 'integrator' });
    const token = generateApiToken();
    await insertToken(db, { userId, name: 'bench', tokenHash: hashSecret(token) });
    for (let i = 0; i < endpoints; i += 1) {
      await db
        .insertInto('webhook_endpoints')
        .values({ owner_id: userId, url: `https://93.184.215.14/hook/${i}`, events: ['case.created'], secret: 'whsec_AAAA' })
        .execute();
    }
    return token;
  }

  async function throughput(token: string): Promise<number> {
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < SUBMISSIONS) {
          next += 1;
          const res = await app.inject({ method: 'POST', url: '/v1/inquiries', headers: { authorization: `Bearer ${token}` }, payload: validInquiry() });
          if (res.statusCode !== 201) throw new Error(`submission failed: ${res.statusCode} ${res.body}`);
        }
      }),
    );
    return SUBMISSIONS / ((performance.now() - started) / 1000);
  }

  const without = await integratorWithEndpoints(0);
  const withEndpoints = await integratorWithEndpoints(ENDPOINTS);
  await throughput(without); // warm-up: caches, JIT, connections
  // Alternate to spread the machine's noise over both.
  const base: number[] = [];
  const outbox: number[] = [];
  for (let round = 0; round < 3; round += 1) {
    base.push(await throughput(without));
    outbox.push(await throughput(withEndpoints));
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[1] as number;
  const deliveries = await db.selectFrom('webhook_deliveries').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  process.stdout.write(
    `${new Date().toISOString().slice(0, 10)} ${os.cpus().length} cores, ${SUBMISSIONS} submissions x 3 rounds at concurrency ${CONCURRENCY}\n` +
      `  no endpoints:            ${median(base).toFixed(0)} submissions/s\n` +
      `  ${ENDPOINTS} endpoints (outbox): ${median(outbox).toFixed(0)} submissions/s (${deliveries.n} deliveries written)\n` +
      `  ratio outbox / none:     ${(median(outbox) / median(base)).toFixed(2)}\n`,
  );
  await app.close();
} finally {
  await db.destroy();
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
