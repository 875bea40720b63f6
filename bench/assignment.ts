import { randomBytes } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import { sql } from 'kysely';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { insertUser } from '../src/modules/auth/auth.repository.js';
import { generateSecretsKey } from '../src/domain/key-ring.js';
import { validInquiry } from '../tests/support/fixtures.js';

// What automatic assignment costs an intake: submissions per second through the API into
// a department that hands out work round robin (five caseworkers; the intake locks the
// department's policy and runs one more statement) against the same department pulling,
// alternating rounds in one run. Goal: round robin at least 0.8 of pull.
//
//   BENCH_SERVER_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/assignment.ts
//
// It creates and drops a scratch database on that server.
const serverUrl = process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 400);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const ROUNDS = 3;

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
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
  const config = loadConfig({ LOG_LEVEL: 'silent', WEBHOOK_WORKER: 'false', API_RATE_LIMIT: '0', PUBLIC_RATE_LIMIT: '0', DATABASE_MAX_QUEUE: '0', DATABASE_URL: url.toString(), SECRETS_KEY: generateSecretsKey() });
  const app = await buildApp(config, { db, logger: false });
  await app.ready();

  for (let i = 0; i < 5; i += 1) {
    const userId = await insertUser(db, { name: `Caseworker ${i}`, email: `cw-${i}@example.dk`, role: 'caseworker' });
    await db.insertInto('user_departments').values({ user_id: userId, department_code: 'jobcenter' }).execute();
  }
  // Jobcenter only: no keyword of the routing table involves another department.
  const inquiry = () => validInquiry({ topics: ['hiring'], subject: 'Et spørgsmål', description: 'Vi har et spørgsmål til kommunen om vores virksomhed.' });

  async function throughput(mode: 'pull' | 'round-robin'): Promise<number> {
    await sql`INSERT INTO assignment_policies (department_code, mode) VALUES ('jobcenter', ${mode})
              ON CONFLICT (department_code) DO UPDATE SET mode = excluded.mode`.execute(db);
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < SUBMISSIONS) {
          next += 1;
          const res = await app.inject({ method: 'POST', url: '/v1/inquiries', payload: inquiry() });
          if (res.statusCode !== 201) throw new Error(`submission failed: ${res.statusCode} ${res.body}`);
        }
      }),
    );
    return SUBMISSIONS / ((performance.now() - started) / 1000);
  }

  await throughput('pull'); // warm-up: caches, JIT, connections
  const pull: number[] = [];
  const roundRobin: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    pull.push(await throughput('pull'));
    roundRobin.push(await throughput('round-robin'));
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[1] as number;
  const assigned = await db.selectFrom('case_events').select((eb) => eb.fn.countAll<string>().as('n')).where('type', '=', 'assigned').executeTakeFirstOrThrow();
  process.stdout.write(
    `${new Date().toISOString().slice(0, 10)} ${os.cpus().length} cores, ${SUBMISSIONS} submissions x ${ROUNDS} rounds at concurrency ${CONCURRENCY}\n` +
      `  pull:        ${median(pull).toFixed(0)} submissions/s\n` +
      `  round robin: ${median(roundRobin).toFixed(0)} submissions/s (${assigned.n} assigned)\n` +
      `  ratio round robin / pull: ${(median(roundRobin) / median(pull)).toFixed(2)} (rounds: ${roundRobin.map((r, i) => (r / (pull[i] as number)).toFixed(2)).join(', ')})\n`,
  );
  await app.close();
} finally {
  await db.destroy();
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
