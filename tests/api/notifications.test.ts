import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { recordCaseNotification } from '../../src/modules/cases/case-notifications.service.js';
import { startTestApp, type TestContext } from '../support/app.js';
import { addNote, caseworkTeam, resolveCase } from '../support/casework.js';
import { eventually } from '../support/eventually.js';
import { validInquiry } from '../support/fixtures.js';
import { type SmtpTestServer, startSmtpServer } from '../support/smtp-server.js';

// Messages to the enterprise go from the case events through the job queue to a real
// SMTP server on loopback, and what arrives is parsed as a mail program would.

const PUBLIC_BASE_URL = 'https://virksomhed.example.dk';
let smtp: SmtpTestServer;
let ctx: TestContext;
beforeAll(async () => {
  smtp = await startSmtpServer();
  ctx = await startTestApp({
    WEBHOOK_WORKER: 'true',
    WEBHOOK_POLL_INTERVAL_MS: '100',
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Kommunen <noreply@kommune.example.dk>',
    PUBLIC_BASE_URL,
  });
});
afterAll(async () => {
  await ctx.close();
  await smtp.close();
});

const DESCRIPTION = 'Beskrivelsen må aldrig stå i en mail: vi har en hemmelig plan.';

async function submit(email: string, language: 'da' | 'en') {
  const res = await ctx.http()
    .post('/v1/inquiries')
    .send(validInquiry({ contact: { name: 'Mette Hansen', email }, language, description: DESCRIPTION }));
  expect(res.status).toBe(201);
  return res.body as { caseId: string; reference: string; trackingToken: string };
}

const uniqueAddress = (name: string) => `${name}-${randomUUID().slice(0, 8)}@example.dk`;

async function eventsOf(caseId: string): Promise<Array<{ id: string; type: string; data: Record<string, unknown> }>> {
  const { coordinator } = await caseworkTeam(ctx);
  const res = await ctx.http().get(`/v1/cases/${caseId}/events`).set('authorization', coordinator.auth);
  expect(res.status).toBe(200);
  return res.body.items ?? res.body;
}

test('the receipt arrives in Danish for a Danish inquiry, with the tracking link, the event id as Message-ID and no description', async () => {
  const email = uniqueAddress('dansk');
  const receipt = await submit(email, 'da');
  const mail = await eventually(() => smtp.received.find((m) => m.to === email));

  const { parsed } = mail;
  expect(parsed.subject).toBe(`Kvittering for jeres henvendelse ${receipt.reference}`);
  expect(parsed.from?.value).toEqual([{ name: 'Kommunen', address: 'noreply@kommune.example.dk' }]);
  expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value[0]?.address : undefined).toBe(email);
  expect(parsed.headers.get('content-language')).toBe('da');
  const link = `${PUBLIC_BASE_URL}/status/${receipt.reference}?token=${receipt.trackingToken}`;
  expect(parsed.text).toContain(link);
  expect(parsed.text).toContain('Svar senest');
  expect(parsed.html).toContain(`href="${link}"`);
  expect(mail.raw).not.toContain('hemmelig plan');

  const events = await eventually(async () => {
    const all = await eventsOf(receipt.caseId);
    return all.some((e) => e.type === 'notification_sent') ? all : undefined;
  });
  const created = events.find((e) => e.type === 'created');
  expect(parsed.messageId).toBe(`<case-event-${created?.id}@virksomhed.example.dk>`);
  const sent = events.find((e) => e.type === 'notification_sent');
  expect(sent?.data).toEqual({ kind: 'receipt', channel: 'email', recipient: `d***@example.dk`, eventId: created?.id });
});

test('the receipt arrives in English for an English inquiry', async () => {
  const email = uniqueAddress('english');
  const receipt = await submit(email, 'en');
  const { parsed, raw } = await eventually(() => smtp.received.find((m) => m.to === email));
  expect(parsed.subject).toBe(`Receipt for your inquiry ${receipt.reference}`);
  expect(parsed.headers.get('content-language')).toBe('en');
  expect(parsed.text).toContain('Answer by');
  // The link opens the status page in English too.
  expect(parsed.text).toContain(`${PUBLIC_BASE_URL}/status/${receipt.reference}?token=${receipt.trackingToken}&lang=en`);
  expect(raw).not.toContain('hemmelig plan');
});

test('a 451 is retried by the queue and the message arrives exactly once', async () => {
  const email = uniqueAddress('greylisted');
  smtp.replyTo(email, [{ code: 451, message: '4.7.1 Greylisted, try again later' }]);
  const receipt = await submit(email, 'da');
  const events = await eventually(async () => {
    const all = await eventsOf(receipt.caseId);
    return all.some((e) => e.type === 'notification_sent') ? all : undefined;
  });
  expect(smtp.offers.get(email)).toBe(2);
  expect(smtp.received.filter((m) => m.to === email)).toHaveLength(1);
  expect(events.filter((e) => e.type.startsWith('notification_'))).toHaveLength(1);
});

test('a job run again for an event whose message was sent sends nothing more', async () => {
  const email = uniqueAddress('again');
  const receipt = await submit(email, 'da');
  const sent = await eventually(async () => (await eventsOf(receipt.caseId)).find((e) => e.type === 'notification_sent'));
  // As when the queue runs a job again (its worker died before marking it done).
  const key = `notification-again:${String(sent.data.eventId)}`;
  await sql`SELECT graphile_worker.add_job('send-notification', json_build_object('eventId', ${String(sent.data.eventId)}::text), job_key => ${key})`.execute(ctx.db);
  await eventually(async () => {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE key = ${key}`.execute(ctx.db);
    return rows[0]?.n === 0;
  });
  expect(smtp.offers.get(email)).toBe(1);
  expect((await eventsOf(receipt.caseId)).filter((e) => e.type.startsWith('notification_'))).toHaveLength(1);
});

test('a 550 is recorded on the case as failed and not retried', async () => {
  const email = uniqueAddress('unknown');
  smtp.replyTo(email, [{ code: 550, message: '5.1.1 No such user' }, { code: 550, message: '5.1.1 No such user' }]);
  const receipt = await submit(email, 'da');
  const failed = await eventually(async () => (await eventsOf(receipt.caseId)).find((e) => e.type === 'notification_failed'));
  expect(failed.data).toMatchObject({ kind: 'receipt', channel: 'email', recipient: 'u***@example.dk', code: 550 });
  expect(String(failed.data.reason)).toContain('No such user');
  // The job ended (no retry waits in the queue).
  await eventually(async () => {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE key = ${`notification:${String(failed.data.eventId)}`}`.execute(ctx.db);
    return rows[0]?.n === 0;
  });
  expect(smtp.offers.get(email)).toBe(1);
  expect(smtp.received.filter((m) => m.to === email)).toHaveLength(0);
});

test('recording a message on a case does not hide the case from a claim running at the same moment', async () => {
  const receipt = await submit(uniqueAddress('claimed'), 'da');
  const { caseworker } = await caseworkTeam(ctx);
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let recorded: () => void = () => undefined;
  const recording = new Promise<void>((resolve) => {
    recorded = resolve;
  });
  // A record of a message, its transaction still open while the caseworker claims.
  const transaction = ctx.db.transaction().execute(async (trx) => {
    await recordCaseNotification(trx, receipt.caseId, {
      type: 'notification_sent',
      data: { kind: 'case_in_progress', channel: 'email', recipient: 'x***@example.dk', eventId: '1' },
    });
    recorded();
    await held;
  });
  await recording;
  try {
    const claimedIds: string[] = [];
    for (;;) {
      const claimed = await ctx.http().post('/v1/departments/jobcenter/claim').set('authorization', caseworker.auth);
      if (claimed.status !== 200) break;
      claimedIds.push(claimed.body.id);
      if (claimed.body.id === receipt.caseId) break;
    }
    expect(claimedIds).toContain(receipt.caseId);
  } finally {
    release();
    await transaction;
  }
});

test('a note to the enterprise and resolving the case send messages; an internal note sends nothing', async () => {
  const email = uniqueAddress('resolved');
  const receipt = await submit(email, 'en');
  await eventually(() => smtp.received.find((m) => m.to === email));
  const { coordinator, caseworker } = await caseworkTeam(ctx);
  await addNote(ctx, coordinator, receipt.caseId, { body: 'Kun til afdelingen', visibility: 'department', department: 'jobcenter' });
  await addNote(ctx, coordinator, receipt.caseId, { body: 'We will call you on <Monday> & Tuesday.', visibility: 'enterprise' });
  const note = await eventually(() => smtp.received.find((m) => m.to === email && m.parsed.subject?.startsWith('New message')));
  expect(note.parsed.text).toContain('> We will call you on <Monday> & Tuesday.');
  expect(note.parsed.html).toContain('We will call you on &lt;Monday&gt; &amp; Tuesday.');
  await resolveCase(ctx, caseworker, receipt.caseId);
  const resolved = await eventually(() => smtp.received.find((m) => m.to === email && m.parsed.subject?.includes('is resolved')));
  expect(resolved.parsed.subject).toBe(`Your case ${receipt.reference} is resolved`);
  expect(smtp.received.filter((m) => m.to === email).map((m) => m.raw).join('\n')).not.toMatch(/hemmelig plan|Kun til afdelingen/);
});
