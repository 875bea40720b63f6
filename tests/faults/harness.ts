import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDatabase } from '../../src/db/database.js';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../../src/db/embedded.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { validInquiry } from '../support/fixtures.js';
import { TEST_SECRETS_KEY } from '../support/secrets-key.js';
import { freePort, type ServerProcess, spawnServer, waitUntilReady } from '../support/server-process.js';

// Fault tests run the service as a real process against a PostgreSQL of their own, so
// they can kill its connections, restart the database, or signal the process.

export interface Stack {
  databaseUrl: string;
  server: ServerProcess;
  /** Stops PostgreSQL; resolves once it has exited. */
  stopDatabase(): Promise<void>;
  /** Starts PostgreSQL again on the same data directory and port. */
  startDatabase(): Promise<void>;
  restartServer(): Promise<void>;
  stop(): Promise<void>;
}

export async function startStack(env: Record<string, string> = {}): Promise<Stack> {
  const dir = mkdtempSync(path.join(tmpdir(), 'one-entry-faults-'));
  chmodSync(dir, 0o755);
  let database: EmbeddedDatabase = await startEmbeddedPostgres(dir);
  const databaseUrl = database.connectionString;
  const db = createDatabase({ connectionString: databaseUrl, poolSize: 1 });
  await migrateToLatest(db);
  await db.destroy();
  const port = String(await freePort());
  // Event-loop shedding is off unless a test asks for it (the overload test does): on a
  // slow, shared machine it would turn a fault test about the database into one about CPU.
  const serverEnv = { DATABASE_URL: databaseUrl, SECRETS_KEY: TEST_SECRETS_KEY, PORT: port, PUBLIC_RATE_LIMIT: '0', LOG_LEVEL: 'warn', MAX_EVENT_LOOP_DELAY_MS: '0', ...env };
  let server = spawnServer(serverEnv);
  await waitUntilReady(server);
  const stack: Stack = {
    databaseUrl,
    server,
    async stopDatabase() {
      await database.stop();
    },
    async startDatabase() {
      database = await startEmbeddedPostgres(dir, () => {}, 'one_entry', database.port);
    },
    async restartServer() {
      await server.stop();
      server = spawnServer(serverEnv);
      stack.server = server;
      await waitUntilReady(server);
    },
    async stop() {
      await stack.server.stop('SIGKILL');
      await database.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return stack;
}

export interface Outcome {
  status: number | 'network-error' | 'timeout';
  subject: string;
  key?: string;
  caseId?: string;
  retryAfter?: string | null;
  contentType?: string | null;
  startedAt: number;
  finishedAt: number;
  error?: string;
}

let counter = 0;

/** One submission with a unique subject (so its rows can be found), answered or failed, never hung. */
export async function submitOnce(baseUrl: string, options: { key?: string; subject?: string; body?: Record<string, unknown>; timeoutMs?: number } = {}): Promise<Outcome> {
  counter += 1;
  const subject = options.subject ?? `Fault test ${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
  const startedAt = Date.now();
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.key) headers['idempotency-key'] = options.key;
  try {
    const res = await fetch(`${baseUrl}/v1/inquiries`, {
      method: 'POST',
      headers,
      body: JSON.stringify(options.body ?? validInquiry({ subject })),
      signal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
    });
    const body = (await res.json().catch(() => ({}))) as { caseId?: string; detail?: string };
    return {
      status: res.status,
      subject,
      ...(options.key ? { key: options.key } : {}),
      ...(body.caseId ? { caseId: body.caseId } : {}),
      ...(res.status >= 400 && body.detail ? { error: body.detail } : {}),
      retryAfter: res.headers.get('retry-after'),
      contentType: res.headers.get('content-type'),
      startedAt,
      finishedAt: Date.now(),
    };
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    return { status: timedOut ? 'timeout' : 'network-error', subject, startedAt, finishedAt: Date.now(), error: String((error as Error).cause ?? error) };
  }
}

/** A closed loop of `concurrency` clients submitting until `until()` says stop. */
export async function runLoad(baseUrl: string, concurrency: number, until: () => boolean): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (!until()) outcomes.push(await submitOnce(baseUrl));
    }),
  );
  return outcomes;
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Terminates every connection the service holds; returns how many. */
export async function killServiceConnections(url: string): Promise<number> {
  return withClient(url, async (client) => {
    const { rowCount } = await client.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'one-entry' AND pid <> pg_backend_pid()",
    );
    return rowCount ?? 0;
  });
}

export interface Integrity {
  /** Accepted (201) submissions whose inquiry, case, assignments and created event are not all there exactly once. */
  lost: string[];
  /** Inquiries in the database without a complete case (half-written). */
  halfWritten: number;
}

/** Checks that every accepted submission is stored exactly once, and nothing is half-written. */
export async function checkIntegrity(url: string, outcomes: Outcome[]): Promise<Integrity> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ subject: string; inquiries: number; cases: number; assignments: number; created: number; case_id: string }>(`
      SELECT i.subject, count(DISTINCT i.id)::int AS inquiries, count(DISTINCT c.id)::int AS cases,
             count(DISTINCT a.id)::int AS assignments,
             count(DISTINCT e.id) FILTER (WHERE e.type = 'created')::int AS created,
             min(c.id::text) AS case_id
      FROM inquiries i
      LEFT JOIN cases c ON c.inquiry_id = i.id
      LEFT JOIN assignments a ON a.case_id = c.id
      LEFT JOIN case_events e ON e.case_id = c.id
      GROUP BY i.subject`);
    const bySubject = new Map(rows.map((row) => [row.subject, row]));
    const lost: string[] = [];
    for (const outcome of outcomes) {
      if (outcome.status !== 201) continue;
      const row = bySubject.get(outcome.subject);
      if (!row || row.inquiries !== 1 || row.cases !== 1 || row.assignments < 1 || row.created !== 1 || row.case_id !== outcome.caseId) {
        lost.push(outcome.subject);
      }
    }
    const halfWritten = rows.filter((row) => row.cases !== row.inquiries || row.assignments < 1 || row.created !== row.cases).length;
    return { lost, halfWritten };
  });
}

export function summarise(outcomes: Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) counts[String(outcome.status)] = (counts[String(outcome.status)] ?? 0) + 1;
  return counts;
}

/** 503s must tell the client when to come back and be problem+json. */
export function badRefusals(outcomes: Outcome[]): Outcome[] {
  return outcomes.filter(
    (o) => o.status === 503 && (!o.retryAfter || !o.contentType?.startsWith('application/problem+json')),
  );
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
