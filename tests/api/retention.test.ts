import { randomInt, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { runRetention } from '../../src/modules/retention/retention.run.js';
import { RETENTION_CRON, retentionTask } from '../../src/modules/retention/retention.tasks.js';
import { startTestApp, type TestContext } from '../support/app.js';
import { addNote, resolveCase } from '../support/casework.js';
import { eventually } from '../support/eventually.js';
import { validInquiry } from '../support/fixtures.js';
import { openTransaction } from '../support/held-lock.js';
import { createUserWithToken, type TestUser } from '../support/users.js';
import { type Receiver, startReceiver } from '../support/webhook-receiver.js';
import { registerWebhook } from '../support/webhooks.js';

// Retention and erasure against real PostgreSQL, with the worker delivering webhooks and
// writing mail, so that every place personal data is copied to is filled before it is erased.

let ctx: TestContext;
let receiver: Receiver;
let admin: TestUser;
let coordinator: TestUser;
let caseworker: TestUser;
let integrator: TestUser;
let hookId: string;

beforeAll(async () => {
  ctx = await startTestApp({
    WEBHOOK_WORKER: 'true',
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    WEBHOOK_POLL_INTERVAL_MS: '100',
    WEBHOOK_RETRY_SCHEDULE: '100ms,200ms,400ms',
  });
  receiver = await startReceiver();
  admin = await createUserWithToken(ctx.db, 'admin');
  coordinator = await createUserWithToken(ctx.db, 'coordinator');
  caseworker = await createUserWithToken(ctx.db, 'caseworker', ['jobcenter', 'business-service', 'social', 'technical']);
  integrator = await createUserWithToken(ctx.db, 'integrator');
  hookId = (await registerWebhook(ctx, integrator, { url: receiver.url })).id;
});
afterAll(async () => {
  await ctx.close();
  await receiver.close();
});

const as = (user: TestUser) => ({ authorization: user.auth });

/** Personal data no other case shares, so that a search for it finds this case's copies only. */
function personalData() {
  const tag = randomUUID().slice(0, 8);
  return {
    name: `Karin Testesen ${tag}`,
    email: `karin.${tag}@example.dk`,
    phone: `+45${randomInt(20000000, 99999999)}`,
    subject: `Løntilskud til Karin ${tag}`,
    description: `Karin ${tag} har brug for et fleksjob.`,
  };
}

type Personal = ReturnType<typeof personalData>;

async function submit(personal: Personal, idempotencyKey?: string): Promise<{ caseId: string; reference: string; statusUrl: string }> {
  let req = ctx.http().post('/v1/inquiries').set(as(integrator));
  if (idempotencyKey) req = req.set('idempotency-key', idempotencyKey);
  const res = await req.send(
    validInquiry({
      contact: { name: personal.name, email: personal.email, phone: personal.phone },
      subject: personal.subject,
      description: personal.description,
    }),
  );
  expect(res.status).toBe(201);
  return res.body;
}

/** A resolved case whose resolution lies `daysAgo` days back (moved there by hand: nobody waits years in a test). */
async function resolvedCase(daysAgo: number, personal = personalData()): Promise<{ caseId: string; reference: string; personal: Personal }> {
  const kase = await submit(personal);
  await resolveCase(ctx, caseworker, kase.caseId);
  await sql`UPDATE cases SET closed_at = now() - make_interval(days => ${daysAgo}) WHERE id = ${kase.caseId}`.execute(ctx.db);
  return { ...kase, personal };
}

/**
 * Every place in the database a value is found: each text, json and array column of every
 * table in every schema the service writes (its own, and the job queue's), cast to text and
 * searched case-insensitively.
 */
async function whereFound(value: string): Promise<string[]> {
  const { rows: columns } = await sql<{ schema: string; table: string; column: string }>`
    SELECT c.table_schema AS schema, c.table_name AS table, c.column_name AS column
    FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
    WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema')
      AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')`.execute(ctx.db);
  const found: string[] = [];
  for (const { schema, table, column } of columns) {
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM ${sql.table(`${schema}.${table}`)} WHERE ${sql.ref(column)}::text ILIKE ${`%${value}%`}`.execute(ctx.db);
    if ((rows[0]?.n ?? 0) > 0) found.push(`${schema}.${table}.${column}`);
  }
  return found;
}

async function events(caseId: string): Promise<Array<{ type: string; data: Record<string, unknown>; actor?: { id: string } }>> {
  const res = await ctx.http().get(`/v1/cases/${caseId}/events`).set(as(admin));
  expect(res.status).toBe(200);
  return res.body.items ?? res.body;
}

describe('only admins reach retention', () => {
  test.each([
    ['get', '/v1/retention'],
    ['put', '/v1/retention'],
    ['post', '/v1/retention/dry-run'],
    ['get', '/v1/retention/runs'],
    ['put', `/v1/cases/${randomUUID()}/legal-hold`],
    ['get', `/v1/cases/${randomUUID()}/archive`],
    ['post', `/v1/cases/${randomUUID()}/erasure`],
  ] as const)('%s %s: 401 without a token, 403 for a coordinator or caseworker', async (method, path) => {
    expect((await ctx.http()[method](path).send({})).status).toBe(401);
    expect((await ctx.http()[method](path).set(as(coordinator)).send({})).status).toBe(403);
    expect((await ctx.http()[method](path).set(as(caseworker)).send({})).status).toBe(403);
  });
});

describe('the schedule', () => {
  test('bad periods are refused with 400 naming the field, and nothing is stored', async () => {
    const before = (await ctx.http().get('/v1/retention').set(as(admin))).body;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ anonymiseContactAfterDays: -1, deleteCaseAfterDays: 10 }, 'body.anonymiseContactAfterDays'],
      [{ anonymiseContactAfterDays: 10, deleteCaseAfterDays: -5 }, 'body.deleteCaseAfterDays'],
      [{ anonymiseContactAfterDays: 400, deleteCaseAfterDays: 365 }, 'body.anonymiseContactAfterDays'],
      [{ anonymiseContactAfterDays: 30, deleteCaseAfterDays: 31 * 366 }, 'body.deleteCaseAfterDays'],
      [{ anonymiseContactAfterDays: 1.5, deleteCaseAfterDays: 10 }, 'body.anonymiseContactAfterDays'],
      [{ deleteCaseAfterDays: 10 }, 'body.anonymiseContactAfterDays'],
    ];
    for (const [body, path] of cases) {
      const res = await ctx.http().put('/v1/retention').set(as(admin)).send(body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect((await ctx.http().get('/v1/retention').set(as(admin))).body).toEqual(before);
  });

  test('each change is a new version saying who set it and when', async () => {
    const first = await ctx.http().put('/v1/retention').set(as(admin)).send({ anonymiseContactAfterDays: 1000, deleteCaseAfterDays: null });
    expect(first.status).toBe(200);
    const second = await ctx.http().put('/v1/retention').set(as(admin)).send({ anonymiseContactAfterDays: 2000, deleteCaseAfterDays: 3000 });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ version: first.body.version + 1, anonymiseContactAfterDays: 2000, deleteCaseAfterDays: 3000, setBy: { id: admin.id, name: admin.name } });
    expect(second.body.history.slice(0, 2).map((v: { version: number }) => v.version)).toEqual([second.body.version, first.body.version]);
    const read = await ctx.http().get('/v1/retention').set(as(admin));
    expect(read.body.version).toBe(second.body.version);
  });
});

describe('legal hold and erasure input', () => {
  test('an erasure without a reason, or a hold without one, is 400 naming the field; an unknown case is 404', async () => {
    const { caseId } = await submit(personalData());
    const noReason = await ctx.http().post(`/v1/cases/${caseId}/erasure`).set(as(admin)).send({});
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.reason']);
    const blank = await ctx.http().post(`/v1/cases/${caseId}/erasure`).set(as(admin)).send({ reason: '   ' });
    expect(blank.status).toBe(400);
    const hold = await ctx.http().put(`/v1/cases/${caseId}/legal-hold`).set(as(admin)).send({ hold: true });
    expect(hold.status).toBe(400);
    expect(hold.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.reason']);
    const unknown = await ctx.http().post(`/v1/cases/${randomUUID()}/erasure`).set(as(admin)).send({ reason: 'Request' });
    expect(unknown.status).toBe(404);
    expect((await ctx.http().get(`/v1/cases/${caseId}`).set(as(admin))).body.inquiry.contact.name).not.toBe('[erased]');
  });

  test('a held case cannot be erased (409 naming the hold) until the hold is released, on the record', async () => {
    const personal = personalData();
    const { caseId } = await submit(personal);
    const held = await ctx.http().put(`/v1/cases/${caseId}/legal-hold`).set(as(admin)).send({ hold: true, reason: 'Klagesag KL-17 verserer' });
    expect(held.status).toBe(200);
    expect(held.body.legalHold).toMatchObject({ reason: 'Klagesag KL-17 verserer', by: admin.id });

    const refused = await ctx.http().post(`/v1/cases/${caseId}/erasure`).set(as(admin)).send({ reason: 'Anmodning om sletning' });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('Klagesag KL-17 verserer');
    expect(refused.body.legalHold).toMatchObject({ reason: 'Klagesag KL-17 verserer' });
    expect((await whereFound(personal.email)).length).toBeGreaterThan(0);

    const released = await ctx.http().put(`/v1/cases/${caseId}/legal-hold`).set(as(admin)).send({ hold: false, reason: 'Klagesagen er afgjort' });
    expect(released.body.legalHold).toBeNull();
    expect((await ctx.http().post(`/v1/cases/${caseId}/erasure`).set(as(admin)).send({ reason: 'Anmodning om sletning' })).status).toBe(200);
    const holds = (await events(caseId)).filter((e) => e.type === 'legal_hold_changed').map((e) => e.data);
    expect(holds).toEqual([
      { hold: true, reason: 'Klagesag KL-17 verserer' },
      { hold: false, reason: 'Klagesagen er afgjort' },
    ]);
  });
});

test("an erased case's personal data is gone from every table, its webhook redelivers erased, and statistics fields stay", async () => {
  const personal = personalData();
  const enterpriseNote = `Vi ringer til ${personal.name} på ${personal.phone} i morgen ${randomUUID().slice(0, 6)}`;
  const internalNote = `Talte med ${personal.name} (${personal.email}) om løntilskud`;
  const { caseId, reference, statusUrl } = await submit(personal, randomUUID());
  await addNote(ctx, caseworker, caseId, { body: enterpriseNote, visibility: 'enterprise' });
  await addNote(ctx, caseworker, caseId, { body: internalNote, visibility: 'case' });
  await resolveCase(ctx, caseworker, caseId);

  // Everything that copies the data has run: the webhooks are delivered, the mail written and recorded.
  const noteDelivery = await eventually(() =>
    [...receiver.accepted().values()].find((r) => r.json.type === 'case.note.enterprise' && r.json.data.caseId === caseId),
  );
  expect(noteDelivery.json.data.note.body).toBe(enterpriseNote);
  await eventually(async () => {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM notifications_sent WHERE case_id = ${caseId}`.execute(ctx.db);
    return (rows[0]?.n ?? 0) >= 2;
  });
  for (const value of [personal.name, personal.email, personal.phone, personal.subject, personal.description]) {
    expect(await whereFound(value)).not.toEqual([]);
  }
  const before = (await ctx.http().get(`/v1/cases/${caseId}`).set(as(admin))).body;

  const erased = await ctx.http().post(`/v1/cases/${caseId}/erasure`).set(as(admin)).send({ reason: `Anmodning fra ${personal.name} efter GDPR art. 17` });
  expect(erased.status).toBe(200);
  expect(erased.body).toMatchObject({ caseId, reference, notes: 'enterprise', notesReplaced: 1 });

  for (const value of [personal.name, personal.email, personal.phone, personal.phone.slice(3), personal.subject, personal.description, enterpriseNote]) {
    expect({ value, foundIn: await whereFound(value) }).toEqual({ value, foundIn: [] });
  }

  const after = (await ctx.http().get(`/v1/cases/${caseId}`).set(as(admin))).body;
  expect(after.inquiry.contact).toEqual({ name: '[erased]', email: '', phone: null });
  expect(after.inquiry.subject).toBe('[erased]');
  expect(after).toMatchObject({ reference, status: before.status, leadDepartment: before.leadDepartment, createdAt: before.createdAt, closedAt: before.closedAt });
  expect(after.inquiry.topics).toEqual(before.inquiry.topics);
  expect(after.assignments.map((a: { department: string }) => a.department)).toEqual(before.assignments.map((a: { department: string }) => a.department));
  const notes = after.notes.map((n: { body: string }) => n.body);
  expect(notes).toEqual(['[erased]', 'Talte med [erased] ([erased]) om løntilskud']);

  const tombstone = (await events(caseId)).filter((e) => e.type === 'personal_data_erased');
  expect(tombstone).toHaveLength(1);
  expect(tombstone[0]?.data).toMatchObject({ trigger: 'request', reason: 'Anmodning fra [erased] efter GDPR art. 17', notes: 'enterprise', notesReplaced: 1 });
  expect(tombstone[0]?.data.fields).toEqual(expect.arrayContaining(['contact.name', 'contact.email', 'contact.phone', 'subject', 'description']));
  expect(tombstone[0]?.actor).toMatchObject({ id: admin.id });

  // Redelivering the old webhook sends the erased form.
  const deliveries = await ctx.http().get(`/v1/webhooks/${hookId}/deliveries?limit=100`).set(as(integrator));
  const delivery = deliveries.body.items.find((d: { eventType: string; caseId: string }) => d.eventType === 'case.note.enterprise' && d.caseId === caseId);
  expect(delivery).toBeDefined();
  const count = receiver.requests.length;
  const retried = await ctx.http().post(`/v1/webhooks/${hookId}/deliveries/${delivery.id}/retry`).set(as(integrator));
  expect(retried.status).toBeLessThan(300);
  const redelivered = await eventually(() => receiver.requests.slice(count).find((r) => r.json.type === 'case.note.enterprise' && r.json.data.caseId === caseId));
  expect(redelivered.json.data.note.body).toBe('[erased]');
  expect(redelivered.body).not.toContain(personal.name);

  // The enterprise's status page still works and shows the note erased.
  const status = await ctx.http().get(statusUrl);
  expect(status.status).toBe(200);
  expect(JSON.stringify(status.body)).toContain('[erased]');
  for (const value of [personal.name, enterpriseNote]) expect(JSON.stringify(status.body)).not.toContain(value);

  // The archive shows the erased case too.
  const archive = await ctx.http().get(`/v1/cases/${caseId}/archive`).set(as(admin));
  expect(archive.status).toBe(200);
  expect(JSON.stringify(archive.body)).not.toContain(personal.email);
  expect(archive.body.case.personalDataErasedAt).not.toBeNull();
});

test('the archive holds the whole case in one document and the read is logged', async () => {
  const personal = personalData();
  const { caseId, reference } = await submit(personal);
  await addNote(ctx, caseworker, caseId, { body: 'Intern bemærkning', visibility: 'department', department: 'jobcenter' });
  const res = await ctx.http().get(`/v1/cases/${caseId}/archive`).set(as(admin));
  expect(res.status).toBe(200);
  expect(res.headers['content-disposition']).toContain(`${reference}.json`);
  expect(res.body.case).toMatchObject({ id: caseId, reference, legalHold: null, personalDataErasedAt: null });
  expect(res.body.inquiry.contact).toEqual({ name: personal.name, email: personal.email, phone: personal.phone });
  expect(res.body.assignments.length).toBeGreaterThan(0);
  expect(res.body.notes.map((n: { body: string }) => n.body)).toEqual(['Intern bemærkning']);
  expect(res.body.events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['created', 'routed', 'note_added']));
  const log = await ctx.http().get(`/v1/cases/${caseId}/access-log`).set(as(admin));
  expect(JSON.stringify(log.body)).toContain('getCaseArchive');
});

describe('the nightly run', () => {
  // These tests share the database's resolved cases: each sets the schedule and looks at its own cases.
  test('the dry run and the real run agree; a held case, a recent one and an open one survive', async () => {
    const old = await resolvedCase(400);
    const due = await resolvedCase(100);
    const held = await resolvedCase(100);
    const recent = await resolvedCase(10);
    const open = await submit(personalData());
    await ctx.http().put(`/v1/cases/${held.caseId}/legal-hold`).set(as(admin)).send({ hold: true, reason: 'Aktindsigt under behandling' });
    expect((await ctx.http().put('/v1/retention').set(as(admin)).send({ anonymiseContactAfterDays: 30, deleteCaseAfterDays: 365 })).status).toBe(200);

    const dry = await ctx.http().post('/v1/retention/dry-run').set(as(admin));
    expect(dry.status).toBe(200);
    expect(dry.body.delete.references).toContain(old.reference);
    expect(dry.body.anonymise.references).toContain(due.reference);
    expect(dry.body.held.references).toContain(held.reference);
    for (const survivor of [held, recent, open]) {
      expect(dry.body.delete.references).not.toContain(survivor.reference);
      expect(dry.body.anonymise.references).not.toContain(survivor.reference);
    }
    // Nothing changed.
    expect((await ctx.http().get(`/v1/cases/${old.caseId}`).set(as(admin))).status).toBe(200);
    expect((await ctx.http().get(`/v1/cases/${due.caseId}`).set(as(admin))).body.inquiry.contact.name).toBe(due.personal.name);

    const run = await runRetention(ctx.db, { trigger: 'manual', batchSize: 2 });
    expect(run).toMatchObject({ status: 'finished', deleted: dry.body.delete.count, anonymised: dry.body.anonymise.count, failed: 0 });

    expect((await ctx.http().get(`/v1/cases/${old.caseId}`).set(as(admin))).status).toBe(404);
    expect(await whereFound(old.personal.email)).toEqual([]);
    expect(await whereFound(old.reference)).toEqual([]);
    const anonymised = (await ctx.http().get(`/v1/cases/${due.caseId}`).set(as(admin))).body;
    expect(anonymised.inquiry.contact.name).toBe('[erased]');
    expect(await whereFound(due.personal.email)).toEqual([]);
    const tombstone = (await events(due.caseId)).find((e) => e.type === 'personal_data_erased');
    expect(tombstone?.data).toMatchObject({ trigger: 'schedule', notes: 'all' });
    for (const survivor of [held, recent]) {
      expect((await ctx.http().get(`/v1/cases/${survivor.caseId}`).set(as(admin))).body.inquiry.contact.name).toBe(survivor.personal.name);
    }
    expect((await ctx.http().get(`/v1/cases/${open.caseId}`).set(as(admin))).status).toBe(200);

    const again = await ctx.http().post('/v1/retention/dry-run').set(as(admin));
    expect(again.body).toMatchObject({ delete: { count: 0 }, anonymise: { count: 0 } });
    expect(again.body.held.references).toContain(held.reference);

    const runs = await ctx.http().get('/v1/retention/runs').set(as(admin));
    expect(runs.status).toBe(200);
    expect(runs.body.items[0]).toMatchObject({ id: run.id, status: 'finished', deleted: run.deleted, anonymised: run.anonymised, errors: [] });
    expect(runs.body.items[0].durationMs).toEqual(expect.any(Number));
  });

  test('two runs at once erase each case once', async () => {
    const cases = [];
    for (let i = 0; i < 12; i += 1) cases.push(await resolvedCase(60));
    await ctx.http().put('/v1/retention').set(as(admin)).send({ anonymiseContactAfterDays: 30, deleteCaseAfterDays: null });
    const [a, b] = await Promise.all([runRetention(ctx.db, { trigger: 'manual', batchSize: 2 }), runRetention(ctx.db, { trigger: 'manual', batchSize: 2 })]);
    expect(a.anonymised + b.anonymised).toBe(12);
    for (const kase of cases) {
      expect((await events(kase.caseId)).filter((e) => e.type === 'personal_data_erased')).toHaveLength(1);
    }
  });

  test('a run stopped after its first batch leaves each case erased or untouched, and the next run finishes', async () => {
    const cases = [];
    for (let i = 0; i < 5; i += 1) cases.push(await resolvedCase(60));
    await ctx.http().put('/v1/retention').set(as(admin)).send({ anonymiseContactAfterDays: 30, deleteCaseAfterDays: null });
    const stop = new AbortController();
    const stopped = await runRetention(ctx.db, { trigger: 'manual', batchSize: 2, signal: stop.signal, onBatch: () => stop.abort() });
    expect(stopped).toMatchObject({ status: 'stopped', anonymised: 2 });
    const erasedNow = [];
    for (const kase of cases) {
      const view = (await ctx.http().get(`/v1/cases/${kase.caseId}`).set(as(admin))).body;
      const tombstones = (await events(kase.caseId)).filter((e) => e.type === 'personal_data_erased').length;
      const found = await whereFound(kase.personal.email);
      if (view.inquiry.contact.name === '[erased]') {
        expect({ tombstones, found }).toEqual({ tombstones: 1, found: [] });
        erasedNow.push(kase);
      } else {
        expect(view.inquiry.contact.name).toBe(kase.personal.name);
        expect(tombstones).toBe(0);
      }
    }
    expect(erasedNow).toHaveLength(2);
    const next = await runRetention(ctx.db, { trigger: 'manual' });
    expect(next).toMatchObject({ status: 'finished', anonymised: 3 });
  });

  test('the worker knows the nightly job, and the job records its run as the schedule\'s', async () => {
    await eventually(async () => {
      const { rows } = await sql<{ identifier: string }>`SELECT identifier FROM graphile_worker._private_known_crontabs`.execute(ctx.db);
      return rows.some((row) => row.identifier === RETENTION_CRON.identifier);
    });
    await retentionTask(ctx.db, ctx.app.log)({}, { abortSignal: new AbortController().signal } as Parameters<ReturnType<typeof retentionTask>>[1]);
    const runs = await ctx.http().get('/v1/retention/runs?limit=1').set(as(admin));
    expect(runs.body.items[0]).toMatchObject({ trigger: 'schedule', status: 'finished' });
  });

  test('a case that fails is left whole and recorded; a case another transaction holds is skipped; the next run finishes both', async () => {
    const failing = await resolvedCase(60);
    const locked = await resolvedCase(60);
    const fine = await resolvedCase(60);
    await addNote(ctx, caseworker, failing.caseId, { body: `Ring til ${failing.personal.phone}`, visibility: 'case' });
    await ctx.http().put('/v1/retention').set(as(admin)).send({ anonymiseContactAfterDays: 30, deleteCaseAfterDays: null });
    // The inquiry's update (the last step of an erasure) fails for one case.
    await sql`
      CREATE FUNCTION test_refuse_erasure() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.contact_email = ${sql.lit(failing.personal.email)} THEN RAISE EXCEPTION 'injected failure'; END IF;
        RETURN NEW;
      END $$`.execute(ctx.db);
    await sql`CREATE TRIGGER test_refuse_erasure BEFORE UPDATE ON inquiries FOR EACH ROW EXECUTE FUNCTION test_refuse_erasure()`.execute(ctx.db);
    const holder = await openTransaction(ctx.database.url);
    try {
      await holder.query('SELECT 1 FROM cases WHERE id = $1 FOR UPDATE', [locked.caseId]);
      const run = await runRetention(ctx.db, { trigger: 'manual', batchSize: 10 });
      expect(run.failed).toBe(1);
      expect(run.errors).toEqual([{ reference: failing.reference, message: expect.stringContaining('injected failure') }]);
    } finally {
      await holder.close();
      await sql`DROP TRIGGER test_refuse_erasure ON inquiries; DROP FUNCTION test_refuse_erasure()`.execute(ctx.db);
    }
    // The failed case is untouched everywhere, not half erased.
    const failed = (await ctx.http().get(`/v1/cases/${failing.caseId}`).set(as(admin))).body;
    expect(failed.inquiry.contact.name).toBe(failing.personal.name);
    expect(failed.notes.map((n: { body: string }) => n.body)).toContain(`Ring til ${failing.personal.phone}`);
    expect((await events(failing.caseId)).some((e) => e.type === 'personal_data_erased')).toBe(false);
    expect((await ctx.http().get(`/v1/cases/${locked.caseId}`).set(as(admin))).body.inquiry.contact.name).toBe(locked.personal.name);
    expect((await ctx.http().get(`/v1/cases/${fine.caseId}`).set(as(admin))).body.inquiry.contact.name).toBe('[erased]');

    const next = await runRetention(ctx.db, { trigger: 'manual' });
    expect(next).toMatchObject({ anonymised: 2, failed: 0 });
    for (const kase of [failing, locked]) expect(await whereFound(kase.personal.email)).toEqual([]);
  });
});
