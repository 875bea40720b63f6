import { sql } from 'kysely';
import { startTestApp, type TestContext } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { eventually } from '../support/eventually.js';
import { createPerson, type Person, submitCase } from '../support/people.js';
import { TEST_SECRETS_KEY } from '../support/secrets-key.js';
import { type ServerProcess, spawnScript } from '../support/server-process.js';
import { type SmtpTestServer, startSmtpServer } from '../support/smtp-server.js';
import { choose, eventsOf, mailsTo, settled } from '../support/staff-mail.js';

// The worker process is killed (SIGKILL) while the mail server has the message but has
// not yet accepted it. Once the queue releases the dead worker's job, another worker sends
// the message: it arrives once, and is recorded once.

let database: TestDatabase;
let smtp: SmtpTestServer;
let ctx: TestContext;
let coordinator: Person;
const workers: ServerProcess[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startSmtpServer();
  ctx = await startTestApp({ WEBHOOK_WORKER: 'false' }, database);
  coordinator = await createPerson(ctx, 'coordinator');
});
afterAll(async () => {
  for (const worker of workers) await worker.stop();
  await ctx.close();
  await smtp.close();
  await database.drop();
});

function startWorker(): ServerProcess {
  const worker = spawnScript('src/cli/worker.ts', {
    DATABASE_URL: database.url,
    SECRETS_KEY: TEST_SECRETS_KEY,
    SMTP_URL: smtp.url,
    PUBLIC_BASE_URL: 'https://intern.example.dk',
    WEBHOOK_POLL_INTERVAL_MS: '100',
  });
  workers.push(worker);
  return worker;
}

test('a worker killed mid-send loses no mail and sends none twice', async () => {
  const eager = await createPerson(ctx, 'caseworker', ['jobcenter']);
  await choose(ctx, eager, 'immediately');
  const held = smtp.holdNext(eager.email);
  const first = startWorker();
  const kase = await submitCase(ctx);
  const routed = (await eventsOf(ctx, coordinator, kase.caseId)).find((e) => e.type === 'routed');
  if (!routed) throw new Error('no routed event');

  await held;
  await first.stop('SIGKILL');
  expect(mailsTo(smtp.received, eager)).toEqual([]);

  // A dead worker's jobs stay locked until graphile-worker's stale-lock timeout; an
  // operator (or a supervisor that knows the process died) releases them at once.
  await sql`SELECT graphile_worker.force_unlock_workers(ARRAY(SELECT DISTINCT locked_by FROM graphile_worker._private_jobs WHERE locked_by IS NOT NULL))`.execute(ctx.db);
  startWorker();
  await settled(ctx, routed.id);
  await eventually(() => mailsTo(smtp.received, eager).length > 0);
  expect(mailsTo(smtp.received, eager).map((m) => m.parsed.subject)).toEqual([`Ny opgave til Jobcenter: ${kase.reference}`]);
  const recorded = (await eventsOf(ctx, coordinator, kase.caseId)).filter((e) => e.type === 'notification_sent' && e.data.kind === 'new_assignment');
  expect(recorded).toHaveLength(1);
  // The enterprise's receipt, sent by the same job, arrived once too.
  expect((await eventsOf(ctx, coordinator, kase.caseId)).filter((e) => e.type === 'notification_sent' && e.data.kind === 'receipt')).toHaveLength(1);
});
