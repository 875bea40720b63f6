import { sql } from 'kysely';
import { STAFF_HOME } from '../../src/modules/staff/views/staff-pages.js';
import { STAFF_HOME_PATH, sendDailyStaffMail } from '../../src/modules/notifications/staff-notifications.service.js';
import { startTestApp, type TestContext } from '../support/app.js';
import { eventually } from '../support/eventually.js';
import { changeAssignment, involve, transfer } from '../support/casework.js';
import { createPerson, type Person, submitCase } from '../support/people.js';
import { type SmtpTestServer, startSmtpServer } from '../support/smtp-server.js';
import { choose, digestHourAfter, eventsOf, mailsTo, settled, staffMailDeps } from '../support/staff-mail.js';

// Mail to caseworkers about new work, through the job queue to a real SMTP server on
// loopback: at once for those who chose it, a daily digest for the others, and a daily
// reminder of overdue assignments. The daily task is driven here with a fixed clock.

const PUBLIC_BASE_URL = 'https://intern.example.dk';
const DESCRIPTION = 'Beskrivelsen hører ikke hjemme i en mail til medarbejderne: fortroligt regnskab.';
let smtp: SmtpTestServer;
let ctx: TestContext;
let coordinator: Person;
beforeAll(async () => {
  smtp = await startSmtpServer();
  ctx = await startTestApp({
    WEBHOOK_WORKER: 'true',
    WEBHOOK_POLL_INTERVAL_MS: '100',
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Kommunen <noreply@kommune.example.dk>',
    PUBLIC_BASE_URL,
  });
  coordinator = await createPerson(ctx, 'coordinator');
});
afterAll(async () => {
  await ctx.close();
  await smtp.close();
});

// The default inquiry: the jobcenter leads and the business service is involved.
const submit = () => submitCase(ctx, { description: DESCRIPTION, contact: { name: 'Hemmelig Kontaktperson', email: 'kontakt@virksomhed.example.dk' } });

async function eventOf(caseId: string, type: string) {
  const event = (await eventsOf(ctx, coordinator, caseId)).find((e) => e.type === type);
  if (!event) throw new Error(`no ${type} event on ${caseId}`);
  return event;
}

function expectNothingLeaked(raw: string) {
  expect(raw).not.toContain('fortroligt regnskab');
  expect(raw).not.toContain('Hemmelig Kontaktperson');
  expect(raw).not.toContain('kontakt@virksomhed');
}

describe('at once', () => {
  test('a caseworker who chose immediately gets one Danish mail per new assignment in their departments, recorded on the case', async () => {
    const eager = await createPerson(ctx, 'caseworker', ['jobcenter', 'business-service']);
    const quiet = await createPerson(ctx, 'caseworker', ['jobcenter']);
    const daily = await createPerson(ctx, 'caseworker', ['jobcenter']);
    await choose(ctx, eager, 'immediately');
    await choose(ctx, quiet, 'off');
    await choose(ctx, daily, 'daily');

    const kase = await submit();
    const routed = await eventOf(kase.caseId, 'routed');
    await settled(ctx, routed.id);
    const mails = mailsTo(smtp.received, eager);
    expect(mails.map((m) => m.parsed.subject).sort()).toEqual([
      `Ny opgave til Erhvervsservice: ${kase.reference}`,
      `Ny opgave til Jobcenter: ${kase.reference}`,
    ].sort());
    const lead = mails.find((m) => m.parsed.subject?.includes('Jobcenter'));
    expect(lead?.parsed.headers.get('content-language')).toBe('da');
    expect(lead?.parsed.messageId).toBe(`<staff-assignment.${routed.id}.jobcenter.${eager.id}@intern.example.dk>`);
    expect(lead?.parsed.text).toContain('ansvarlig');
    expect(lead?.parsed.text).toContain(`${PUBLIC_BASE_URL}${STAFF_HOME}`);
    expect(lead?.parsed.html).toContain(`href="${PUBLIC_BASE_URL}${STAFF_HOME}"`);
    for (const mail of mails) expectNothingLeaked(mail.raw);
    expect(mailsTo(smtp.received, quiet)).toEqual([]);
    expect(mailsTo(smtp.received, daily)).toEqual([]);

    const recorded = (await eventsOf(ctx, coordinator, kase.caseId)).filter((e) => e.type === 'notification_sent' && e.data.kind === 'new_assignment');
    expect(recorded.map((e) => e.data)).toEqual([
      { kind: 'new_assignment', channel: 'email', recipient: `${eager.email.slice(0, 1)}***@kommune.example`, eventId: routed.id },
      { kind: 'new_assignment', channel: 'email', recipient: `${eager.email.slice(0, 1)}***@kommune.example`, eventId: routed.id },
    ]);
  });

  test('a transfer and an involvement tell the receiving departments, but not the caseworker who made the change', async () => {
    const social = await createPerson(ctx, 'caseworker', ['social']);
    const technical = await createPerson(ctx, 'caseworker', ['technical']);
    const mover = await createPerson(ctx, 'caseworker', ['jobcenter', 'social', 'technical']);
    for (const person of [social, technical, mover]) await choose(ctx, person, 'immediately');
    const kase = await submit();
    await settled(ctx, (await eventOf(kase.caseId, 'routed')).id);

    await transfer(ctx, mover, kase.caseId, 'jobcenter', 'social', 'Hører under socialområdet');
    await involve(ctx, mover, kase.caseId, 'technical', 'Byggesag');
    await settled(ctx, (await eventOf(kase.caseId, 'transferred')).id);
    await settled(ctx, (await eventOf(kase.caseId, 'involved')).id);

    const toSocial = mailsTo(smtp.received, social).filter((m) => m.parsed.subject?.includes(kase.reference));
    expect(toSocial.map((m) => m.parsed.subject)).toEqual([`Ny opgave til Social- og sundhedsforvaltningen: ${kase.reference}`]);
    expect(toSocial[0]?.parsed.text).toContain('En anden afdeling har overdraget opgaven.');
    expect(toSocial[0]?.raw).not.toContain('Hører under socialområdet');
    const toTechnical = mailsTo(smtp.received, technical).filter((m) => m.parsed.subject?.includes(kase.reference));
    expect(toTechnical.map((m) => m.parsed.subject)).toEqual([`Ny opgave til Teknik og Miljø: ${kase.reference}`]);
    expect(toTechnical[0]?.parsed.text).toContain('inddraget');
    // The mover was told of the intake's jobcenter assignment, not of the changes they made.
    expect(mailsTo(smtp.received, mover).filter((m) => m.parsed.subject?.includes(kase.reference)).map((m) => m.parsed.subject)).toEqual([
      `Ny opgave til Jobcenter: ${kase.reference}`,
    ]);
  });

  test('an address the mail server refuses for good (550) is recorded on the case as failed and not tried again', async () => {
    const refused = await createPerson(ctx, 'caseworker', ['jobcenter']);
    await choose(ctx, refused, 'immediately');
    smtp.replyTo(refused.email, [{ code: 550, message: `5.1.1 <${refused.email}>: No such user` }]);
    const kase = await submit();
    const routed = await eventOf(kase.caseId, 'routed');
    await settled(ctx, routed.id);
    const failed = (await eventsOf(ctx, coordinator, kase.caseId)).find((e) => e.type === 'notification_failed');
    expect(failed?.data).toMatchObject({ kind: 'new_assignment', channel: 'email', recipient: `${refused.email.slice(0, 1)}***@kommune.example`, code: 550, eventId: routed.id });
    expect(String(failed?.data.reason)).toContain('No such user');
    expect(String(failed?.data.reason)).not.toContain(refused.email);
    expect(smtp.offers.get(refused.email.toLowerCase())).toBe(1);
    expect(mailsTo(smtp.received, refused)).toEqual([]);
  });

  test('a 451 is retried by the queue and the caseworker gets the mail once', async () => {
    const greylisted = await createPerson(ctx, 'caseworker', ['jobcenter']);
    await choose(ctx, greylisted, 'immediately');
    smtp.replyTo(greylisted.email, [{ code: 451, message: '4.7.1 Greylisted, try again later' }]);
    const kase = await submit();
    const routed = await eventOf(kase.caseId, 'routed');
    await settled(ctx, routed.id);
    expect(smtp.offers.get(greylisted.email.toLowerCase())).toBe(2);
    expect(mailsTo(smtp.received, greylisted)).toHaveLength(1);
    const { rows } = await sql<{ key: string; outcome: string }>`SELECT key, outcome FROM staff_notifications_sent WHERE user_id = ${greylisted.id}`.execute(ctx.db);
    expect(rows).toEqual([{ key: `assignment:${routed.id}:jobcenter`, outcome: 'sent' }]);
    // Everyone told of this case was told successfully: the 451 left no failure behind.
    expect((await eventsOf(ctx, coordinator, kase.caseId)).filter((e) => e.type === 'notification_failed')).toEqual([]);
  });

  test('the staff link in mail is the staff pages\' home', () => {
    expect(STAFF_HOME_PATH).toBe(STAFF_HOME);
  });
});

describe('the daily mail', () => {
  test('a caseworker who chose daily gets one digest of the new assignments still waiting, once, and nobody else does', async () => {
    const digestReader = await createPerson(ctx, 'caseworker', ['jobcenter']);
    const eager = await createPerson(ctx, 'caseworker', ['jobcenter']);
    const quiet = await createPerson(ctx, 'caseworker', ['jobcenter']);
    const claimer = await createPerson(ctx, 'caseworker', ['jobcenter']);
    await choose(ctx, eager, 'immediately');
    await choose(ctx, quiet, 'off');
    // digestReader and claimer never chose: daily.

    const waiting = await submit();
    const taken = await submit();
    await changeAssignment(ctx, claimer, taken.caseId, 'jobcenter', { status: 'in_progress', assignee: 'me' });

    const deps = staffMailDeps(ctx, smtp.url);
    const at = digestHourAfter(deps, new Date());
    const sent = await sendDailyStaffMail(deps, at, { last: false });
    expect(sent?.digests).toBeGreaterThanOrEqual(2);

    const digests = mailsTo(smtp.received, digestReader);
    expect(digests).toHaveLength(1);
    const [digest] = digests;
    expect(digest?.parsed.subject).toMatch(/^\d+ nye? opgaver? venter i dine afdelinger$/);
    expect(digest?.parsed.text).toContain(`${waiting.reference}: Jobcenter (ansvarlig), svar senest`);
    expect(digest?.parsed.html).toContain(`<li>${waiting.reference}: Jobcenter (ansvarlig), svar senest`);
    expect(digest?.parsed.text).not.toContain(taken.reference);
    expectNothingLeaked(digest?.raw ?? '');
    expect(digest?.parsed.messageId).toMatch(new RegExp(`^<staff-digest\\.\\d{4}-\\d{2}-\\d{2}\\.${digestReader.id}@intern\\.example\\.dk>$`));
    expect(mailsTo(smtp.received, claimer)).toHaveLength(1);
    expect(mailsTo(smtp.received, quiet)).toEqual([]);
    expect(mailsTo(smtp.received, eager).filter((m) => m.parsed.subject?.includes('venter'))).toEqual([]);

    // The queue runs the hour again (a retry, a second worker): nothing more is sent.
    expect(await sendDailyStaffMail(deps, at, { last: false })).toEqual({ digests: 0, reminders: 0 });
    expect(mailsTo(smtp.received, digestReader)).toHaveLength(1);
    deps.transport.close();
  });

  test('the worker keeps the hourly schedule of the daily mail', async () => {
    await eventually(async () => {
      const { rows } = await sql<{ identifier: string }>`SELECT identifier FROM graphile_worker._private_known_crontabs`.execute(ctx.db);
      return rows.some((row) => row.identifier === 'send-daily-staff-mail');
    });
  });

  test('outside the digest hour, or on a day off, the hourly run sends nothing', async () => {
    const deps = staffMailDeps(ctx, smtp.url);
    const at = digestHourAfter(deps, new Date());
    expect(await sendDailyStaffMail(deps, new Date(at.getTime() + 60 * 60 * 1000), { last: false })).toBeNull();
    expect(await sendDailyStaffMail(deps, new Date('2026-12-26T06:00:00Z'), { last: false })).toBeNull();
    deps.transport.close();
  });

  test('a caseworker with overdue assignments of their own is reminded once that day, whatever they chose for new ones', async () => {
    const late = await createPerson(ctx, 'caseworker', ['jobcenter']);
    const punctual = await createPerson(ctx, 'caseworker', ['jobcenter']);
    await choose(ctx, late, 'off');
    const kase = await submit();
    await changeAssignment(ctx, late, kase.caseId, 'jobcenter', { status: 'in_progress', assignee: 'me' });
    const { rows } = await sql<{ due: string }>`SELECT due_date::text AS due FROM assignments WHERE case_id = ${kase.caseId} AND department_code = 'jobcenter'`.execute(ctx.db);
    const due = String(rows[0]?.due);

    const deps = staffMailDeps(ctx, smtp.url);
    // The first digest hour after the answer date has passed.
    const dayAfterDue = new Date(`${due}T12:00:00Z`);
    dayAfterDue.setUTCDate(dayAfterDue.getUTCDate() + 1);
    const at = digestHourAfter(deps, new Date(), dayAfterDue.toISOString().slice(0, 10));
    const sent = await sendDailyStaffMail(deps, at, { last: false });
    expect(sent?.reminders).toBeGreaterThanOrEqual(1);

    const reminders = mailsTo(smtp.received, late);
    expect(reminders.map((m) => m.parsed.subject)).toEqual(['Du har 1 opgave over svarfristen']);
    expect(reminders[0]?.parsed.text).toContain(`${kase.reference}: Jobcenter (ansvarlig), svar senest`);
    expectNothingLeaked(reminders[0]?.raw ?? '');
    expect(mailsTo(smtp.received, punctual)).toEqual([]);

    expect((await sendDailyStaffMail(deps, at, { last: false }))?.reminders).toBe(0);
    expect(mailsTo(smtp.received, late)).toHaveLength(1);
    deps.transport.close();
  });
});

test('with notifications off a caseworker gets no mail about new work at all', async () => {
  const off = await createPerson(ctx, 'caseworker', ['jobcenter', 'business-service', 'social', 'technical']);
  await choose(ctx, off, 'off');
  const kase = await submit();
  await settled(ctx, (await eventOf(kase.caseId, 'routed')).id);
  const deps = staffMailDeps(ctx, smtp.url);
  await sendDailyStaffMail(deps, digestHourAfter(deps, new Date()), { last: false });
  deps.transport.close();
  expect(mailsTo(smtp.received, off)).toEqual([]);
});
