import { sql } from 'kysely';
import { loadConfig } from '../../src/config.js';
import { WorkingDayCalendar } from '../../src/domain/working-days.js';
import { startTestApp, type TestContext } from '../support/app.js';
import { intakeRowCounts } from '../support/counts.js';
import { validInquiry } from '../support/fixtures.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(async () => ctx.close());

const submit = (body: unknown) => ctx.http().post('/v1/inquiries').send(body as object);

describe('POST /v1/inquiries', () => {
  test('a valid inquiry is routed, stored with its case, and answered with a receipt', async () => {
    const inquiry = validInquiry({ enterprise: { cvr: 'DK 13 74 81 36', name: 'Café Overskud ApS' } });
    const res = await submit(inquiry);
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body).toMatchObject({
      status: 'received',
      routing: { lead: 'jobcenter', involved: ['business-service'] },
    });
    expect(res.body.reference).toMatch(/^KOL-\d{4}-\d{6}$/);
    expect(res.body.trackingToken.length).toBeGreaterThanOrEqual(22);
    expect(res.body.expectedResponseBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(res.headers.location).toBe(`/v1/cases/${res.body.caseId}`);

    const stored = await ctx.db
      .selectFrom('cases as c')
      .innerJoin('inquiries as i', 'i.id', 'c.inquiry_id')
      .select(['c.reference', 'c.status', 'c.lead_department', 'c.routing_version', 'c.matched_rule_ids', 'c.tracking_token_hash', 'i.cvr', 'i.channel', 'i.contact_phone'])
      .where('c.id', '=', res.body.caseId)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ reference: res.body.reference, status: 'received', lead_department: 'jobcenter', routing_version: 1, cvr: '13748136', channel: 'web', contact_phone: '+4512345678' });
    expect(stored.matched_rule_ids).toEqual(expect.arrayContaining(['jobcenter-employment', 'business-development']));
    // Only the hash of the tracking token is stored.
    expect(stored.tracking_token_hash.toString('utf8')).not.toContain(res.body.trackingToken);

    const assignments = await ctx.db
      .selectFrom('assignments')
      .select(['department_code', 'role', 'status', 'due_date'])
      .where('case_id', '=', res.body.caseId)
      .orderBy('role', 'desc')
      .execute();
    expect(assignments).toEqual([
      { department_code: 'jobcenter', role: 'lead', status: 'queued', due_date: res.body.expectedResponseBy },
      { department_code: 'business-service', role: 'involved', status: 'queued', due_date: res.body.expectedResponseBy },
    ]);
    const events = await ctx.db.selectFrom('case_events').select(['type', 'data']).where('case_id', '=', res.body.caseId).orderBy('id').execute();
    expect(events.map((e) => e.type)).toEqual(['created', 'routed']);
    expect(events[1]?.data).toMatchObject({ routingVersion: 1, lead: 'jobcenter', involved: ['business-service'] });
  });

  test('references never repeat', async () => {
    const references = new Set<string>();
    const responses = await Promise.all(Array.from({ length: 10 }, () => submit(validInquiry())));
    for (const res of responses) {
      expect(res.status).toBe(201);
      references.add(res.body.reference);
    }
    expect(references.size).toBe(10);
  });

  test('the expected response date is the lead due date in working days from the fastest topic target', async () => {
    const res = await submit(validInquiry({ topics: ['premises-permits'] }));
    expect(res.status).toBe(201);
    expect(res.body.routing.lead).toBe('technical');
    const { rows } = await sql<{ due: string; received: string }>`
      SELECT a.due_date::text AS due, (i.received_at AT TIME ZONE 'Europe/Copenhagen')::date::text AS received
      FROM assignments a JOIN cases c ON c.id = a.case_id JOIN inquiries i ON i.id = c.inquiry_id
      WHERE c.id = ${res.body.caseId} AND a.role = 'lead'`.execute(ctx.db);
    expect(rows[0]?.due).toBe(res.body.expectedResponseBy);
    // premises-permits promises 15 working days, counted with the service's default closing days.
    const calendar = WorkingDayCalendar.fromSetting(loadConfig({}).EXTRA_CLOSING_DAYS);
    expect(rows[0]?.due).toBe(calendar.addWorkingDays(rows[0]?.received ?? '', 15));
  });

  test('a topic without any lead rule goes to the fallback department', async () => {
    const res = await submit(validInquiry({ topics: ['other'], subject: 'Et spørgsmål', description: 'Noget helt andet end det sædvanlige.' }));
    expect(res.status).toBe(201);
    expect(res.body.routing).toEqual({ lead: 'business-service', involved: [] });
  });

  test('keywords involve further departments', async () => {
    const res = await submit(validInquiry({ topics: ['business-development'], description: 'Vi mangler et lokale og vil ansætte i fleksjob.' }));
    expect(res.status).toBe(201);
    expect(res.body.routing.lead).toBe('business-service');
    expect(res.body.routing.involved).toEqual(expect.arrayContaining(['jobcenter', 'technical']));
  });

  test('optional enterprise and contact fields may be left out', async () => {
    const res = await submit({
      enterprise: { cvr: '13748136', name: 'Lille Værksted' },
      contact: { name: 'Ole', email: 'ole@example.dk' },
      topics: ['startup-funding'],
      subject: 'Opstart',
      description: 'Vi vil gerne starte en socialøkonomisk virksomhed.',
      consent: true,
    });
    expect(res.status).toBe(201);
    const inquiry = await ctx.db.selectFrom('inquiries').select(['language', 'contact_phone', 'postcode']).where('id', '=', sql<string>`(SELECT inquiry_id FROM cases WHERE id = ${res.body.caseId})`).executeTakeFirstOrThrow();
    expect(inquiry).toEqual({ language: 'da', contact_phone: null, postcode: null });
  });
});

describe('invalid inquiries get 400 naming the field and write nothing', () => {
  const cases: [string, (body: Record<string, any>) => void, string][] = [
    ['CVR with a wrong check digit', (b) => (b.enterprise.cvr = '13748137'), 'body.enterprise.cvr'],
    ['CVR of seven digits', (b) => (b.enterprise.cvr = '1374813'), 'body.enterprise.cvr'],
    ['CVR missing', (b) => delete b.enterprise.cvr, 'body.enterprise.cvr'],
    ['empty enterprise name', (b) => (b.enterprise.name = '  '), 'body.enterprise.name'],
    ['postcode of three digits', (b) => (b.enterprise.postcode = '600'), 'body.enterprise.postcode'],
    ['negative employees', (b) => (b.enterprise.employees = -1), 'body.enterprise.employees'],
    ['fractional employees', (b) => (b.enterprise.employees = 1.5), 'body.enterprise.employees'],
    ['employees as a string', (b) => (b.enterprise.employees = '12'), 'body.enterprise.employees'],
    ['invalid email', (b) => (b.contact.email = 'mette@'), 'body.contact.email'],
    ['invalid phone', (b) => (b.contact.phone = '1234'), 'body.contact.phone'],
    ['contact name with a line break', (b) => (b.contact.name = 'Mette\nHansen'), 'body.contact.name'],
    ['no topics', (b) => (b.topics = []), 'body.topics'],
    ['six topics', (b) => (b.topics = ['hiring', 'flex-jobs', 'business-development', 'startup-funding', 'other', 'social-services']), 'body.topics'],
    ['a duplicate topic', (b) => (b.topics = ['hiring', 'hiring']), 'body.topics'],
    ['an unknown topic', (b) => (b.topics = ['hiring', 'astrology']), 'body.topics.1'],
    ['a malformed topic code', (b) => (b.topics = ['Hiring!']), 'body.topics.0'],
    ['subject of two characters', (b) => (b.subject = 'Hi'), 'body.subject'],
    ['subject of 201 characters', (b) => (b.subject = 'x'.repeat(201)), 'body.subject'],
    ['description of nine characters', (b) => (b.description = '123456789'), 'body.description'],
    ['description of 5001 characters', (b) => (b.description = 'x'.repeat(5001)), 'body.description'],
    ['a control character in the description', (b) => (b.description = 'Hello \u0007 there, friends'), 'body.description'],
    ['a control character in the subject', (b) => (b.subject = 'Hello\u0000world'), 'body.subject'],
    ['consent false', (b) => (b.consent = false), 'body.consent'],
    ['consent missing', (b) => delete b.consent, 'body.consent'],
    ['an unknown language', (b) => (b.language = 'de'), 'body.language'],
    ['an unknown top-level field', (b) => (b.priority = 'high'), 'body.priority'],
    ['an unknown nested field', (b) => (b.enterprise.secret = 1), 'body.enterprise.secret'],
    ['enterprise as a string', (b) => (b.enterprise = 'Café'), 'body.enterprise'],
  ];

  test.each(cases)('%s', async (_name, mutate, path) => {
    const before = await intakeRowCounts(ctx.db);
    const body = structuredClone(validInquiry()) as Record<string, any>;
    mutate(body);
    const res = await submit(body);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: '/problems/validation-error', status: 400, title: 'Invalid request' });
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(await intakeRowCounts(ctx.db)).toEqual(before);
  });

  test('every bad field is listed at once', async () => {
    const res = await submit({ enterprise: { cvr: '1', name: '' }, contact: { email: 'x' }, topics: [], subject: '', description: '', consent: false });
    expect(res.status).toBe(400);
    const paths = res.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['body.enterprise.cvr', 'body.enterprise.name', 'body.contact.name', 'body.contact.email', 'body.topics', 'body.subject', 'body.description', 'body.consent']),
    );
  });

  test('a body that is not JSON is 400', async () => {
    const res = await ctx.http().post('/v1/inquiries').set('content-type', 'application/json').send('{"enterprise":');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'body', message: 'Invalid JSON' }]);
  });

  test('a body that is not an object is 400', async () => {
    const res = await ctx.http().post('/v1/inquiries').set('content-type', 'application/json').send('[1,2]');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  test('another content type is 415', async () => {
    const res = await ctx.http().post('/v1/inquiries').set('content-type', 'text/plain').send('hello');
    expect(res.status).toBe(415);
    expect(res.body.errors[0].path).toBe('headers.content-type');
  });

  test('a body over 64 KiB is 413', async () => {
    const before = await intakeRowCounts(ctx.db);
    const res = await submit(validInquiry({ description: 'x'.repeat(70 * 1024) }));
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(await intakeRowCounts(ctx.db)).toEqual(before);
  });

  test('a malformed Idempotency-Key is 400 naming the header', async () => {
    const res = await ctx.http().post('/v1/inquiries').set('idempotency-key', 'has spaces in it').send(validInquiry());
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('headers.idempotency-key');
  });
});

describe('a failure inside the intake transaction leaves nothing behind', () => {
  test('when assignments cannot be written, the inquiry and case are rolled back and the 500 is masked', async () => {
    // Break the published table behind the API's back: a rule naming a department that does not exist.
    const published = await ctx.db.selectFrom('routing_tables').select(['version', 'rules']).where('status', '=', 'published').executeTakeFirstOrThrow();
    const broken = [{ id: 'ghost', name: 'ghost', when: { topics: { anyOf: ['environment-waste'] } }, then: { department: 'ghost-department', role: 'involve' } }, ...(published.rules as unknown[])];
    await sql`INSERT INTO routing_tables (version, status, fallback_department, rules) VALUES (900, 'draft', 'business-service', ${JSON.stringify(broken)}::jsonb)`.execute(ctx.db);
    await sql`UPDATE routing_tables SET status = 'retired' WHERE status = 'published'`.execute(ctx.db);
    await sql`UPDATE routing_tables SET status = 'published' WHERE version = 900`.execute(ctx.db);
    await ctx.app.intake.routing.refresh();
    try {
      const before = await intakeRowCounts(ctx.db);
      const res = await submit(validInquiry({ topics: ['environment-waste'] }));
      expect(res.status).toBe(500);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body.detail).not.toMatch(/ghost|foreign key|assignments/i);
      expect(await intakeRowCounts(ctx.db)).toEqual(before);
    } finally {
      await sql`UPDATE routing_tables SET status = 'retired' WHERE version = 900`.execute(ctx.db);
      await sql`UPDATE routing_tables SET status = 'published' WHERE version = ${published.version}`.execute(ctx.db);
      await ctx.app.intake.routing.refresh();
    }
  });
});

describe('GET /v1/inquiries/{reference}/status', () => {
  test('with the tracking token, the enterprise sees its case', async () => {
    const receipt = (await submit(validInquiry())).body;
    const res = await ctx.http().get(receipt.statusUrl);
    expect(res.status).toBe(200);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      reference: receipt.reference,
      status: 'received',
      subject: 'To nye medarbejdere i løntilskud',
      receivedAt: receipt.receivedAt,
      leadDepartment: { code: 'jobcenter', name: { da: 'Jobcenter', en: 'Job centre' } },
      expectedResponseBy: receipt.expectedResponseBy,
      notes: [],
    });
  });

  test('a wrong, missing or foreign token is 404, like an unknown reference', async () => {
    const a = (await submit(validInquiry())).body;
    const b = (await submit(validInquiry())).body;
    for (const url of [
      `/v1/inquiries/${a.reference}/status?token=wrong`,
      `/v1/inquiries/${a.reference}/status`,
      `/v1/inquiries/${a.reference}/status?token=${b.trackingToken}`,
      `/v1/inquiries/KOL-1999-000001/status?token=${a.trackingToken}`,
    ]) {
      const res = await ctx.http().get(url);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
  });
});

describe('GET /v1/topics', () => {
  test('serves the catalogue in Danish and English with response targets', async () => {
    const res = await ctx.http().get('/v1/topics');
    expect(res.status).toBe(200);
    expect(res.body.length).toBeGreaterThanOrEqual(10);
    for (const topic of res.body) {
      expect(topic).toEqual({
        code: expect.stringMatching(/^[a-z-]+$/),
        name: { da: expect.any(String), en: expect.any(String) },
        description: { da: expect.any(String), en: expect.any(String) },
        responseDays: expect.any(Number),
        public: expect.any(Boolean),
      });
    }
    expect(res.body.map((t: { code: string }) => t.code)).toEqual(expect.arrayContaining(['hiring', 'business-development', 'other']));
  });
});
