import { sql } from 'kysely';
import { sendDailyStaffMail } from '../../src/modules/notifications/staff-notifications.service.js';
import { TemporaryMailError } from '../../src/modules/notifications/notification.service.js';
import { startTestApp, type TestContext } from '../support/app.js';
import { eventually } from '../support/eventually.js';
import { createPerson, type Person, submitCase } from '../support/people.js';
import { type SmtpTestServer, startSmtpServer, unusedPort } from '../support/smtp-server.js';
import { choose, digestHourAfter, eventsOf, mailsTo, settled, staffMailDeps } from '../support/staff-mail.js';

// The mail server is down (nothing listens: every connection is refused) and comes back.
// Nothing is lost and nothing is sent twice: the queue tries again with its backoff, and
// what was sent is recorded before the next attempt looks.

let port: number;
let smtpUrl: string;
let smtp: SmtpTestServer | undefined;
let ctx: TestContext;
let coordinator: Person;
beforeAll(async () => {
  port = await unusedPort();
  smtpUrl = `smtp://127.0.0.1:${port}`;
  ctx = await startTestApp({ WEBHOOK_WORKER: 'true', WEBHOOK_POLL_INTERVAL_MS: '100', SMTP_URL: smtpUrl, PUBLIC_BASE_URL: 'https://intern.example.dk' });
  coordinator = await createPerson(ctx, 'coordinator');
});
afterAll(async () => {
  await ctx.close();
  await smtp?.close();
});

async function failedAttempts(eventId: string): Promise<number> {
  const { rows } = await sql<{ attempts: number; last_error: string | null }>`
    SELECT attempts, last_error FROM graphile_worker.jobs WHERE key = ${`notification:${eventId}`}`.execute(ctx.db);
  return rows[0]?.last_error ? rows[0].attempts : 0;
}

test('a new assignment and its receipt wait while the mail server refuses connections, then arrive once each', async () => {
  const eager = await createPerson(ctx, 'caseworker', ['jobcenter']);
  await choose(ctx, eager, 'immediately');
  const contact = `outage-${Date.now()}@virksomhed.example.dk`;
  const kase = await submitCase(ctx, { contact: { name: 'Mette Hansen', email: contact } });
  const routed = (await eventsOf(ctx, coordinator, kase.caseId)).find((e) => e.type === 'routed');
  const created = (await eventsOf(ctx, coordinator, kase.caseId)).find((e) => e.type === 'created');
  if (!routed || !created) throw new Error('the intake wrote no routed or created event');

  // Both jobs have failed at least once on a refused connection, and nothing is recorded.
  await eventually(async () => (await failedAttempts(routed.id)) >= 1 && (await failedAttempts(created.id)) >= 1);
  expect((await eventsOf(ctx, coordinator, kase.caseId)).filter((e) => e.type.startsWith('notification_'))).toEqual([]);

  smtp = await startSmtpServer({ port });
  await settled(ctx, routed.id);
  await settled(ctx, created.id);
  expect(mailsTo(smtp.received, eager).map((m) => m.parsed.subject)).toEqual([`Ny opgave til Jobcenter: ${kase.reference}`]);
  expect(mailsTo(smtp.received, { email: contact })).toHaveLength(1);
  const recorded = (await eventsOf(ctx, coordinator, kase.caseId)).filter((e) => e.type.startsWith('notification_'));
  expect(recorded.map((e) => [e.type, e.data.kind]).sort()).toEqual([
    ['notification_sent', 'new_assignment'],
    ['notification_sent', 'receipt'],
  ]);
});

test('the daily digest run while the server is down fails for the queue to retry, and the retry sends it once', async () => {
  await smtp?.close();
  smtp = undefined;
  const reader = await createPerson(ctx, 'caseworker', ['jobcenter']);
  const kase = await submitCase(ctx);
  const deps = staffMailDeps(ctx, smtpUrl);
  const at = digestHourAfter(deps, new Date());

  await expect(sendDailyStaffMail(deps, at, { last: false })).rejects.toBeInstanceOf(TemporaryMailError);
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM staff_notifications_sent WHERE user_id = ${reader.id}`.execute(ctx.db);
  expect(rows[0]?.n).toBe(0);

  smtp = await startSmtpServer({ port });
  await sendDailyStaffMail(deps, at, { last: false });
  await sendDailyStaffMail(deps, at, { last: false });
  const digests = mailsTo(smtp.received, reader);
  expect(digests).toHaveLength(1);
  expect(digests[0]?.parsed.text).toContain(kase.reference);
  deps.transport.close();
});

test('on the last attempt a digest that still cannot be sent is recorded as failed, and not tried again', async () => {
  await smtp?.close();
  smtp = undefined;
  const reader = await createPerson(ctx, 'caseworker', ['jobcenter']);
  await submitCase(ctx);
  const deps = staffMailDeps(ctx, smtpUrl);
  const at = digestHourAfter(deps, new Date());

  await expect(sendDailyStaffMail(deps, at, { last: true })).resolves.toMatchObject({ digests: expect.any(Number) });
  const records = async () =>
    (await sql<{ outcome: string; kind: string; error: string | null }>`SELECT outcome, kind, error FROM staff_notifications_sent WHERE user_id = ${reader.id}`.execute(ctx.db)).rows;
  const [record] = await records();
  expect(record).toMatchObject({ outcome: 'failed', kind: 'assignment_digest' });
  expect(record?.error).toContain('ECONNREFUSED');
  // A later run of the same hour finds it recorded and offers nothing more.
  expect(await sendDailyStaffMail(deps, at, { last: false })).toEqual({ digests: 0, reminders: 0 });
  expect(await records()).toHaveLength(1);
  deps.transport.close();
});
