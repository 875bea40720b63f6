import { danishDate, WorkingDayCalendar } from '../../src/domain/working-days.js';
import { refreshSnapshot } from '../../src/modules/statistics/statistics.service.js';
import { startTestApp, type TestContext } from '../support/app.js';
import { addNote, caseworkTeam, changeAssignment, involve, resolveCase, transfer } from '../support/casework.js';
import { createPerson, type Person, type SubmittedCase, submitCase } from '../support/people.js';

let ctx: TestContext;
let admin: Person;
let coordinator: Person;
let caseworker: Person;
let answered: SubmittedCase;
let handedOver: SubmittedCase;
let premises: SubmittedCase;

const DAY = 86_400_000;
const today = danishDate(new Date());
const from = danishDate(new Date(Date.now() - DAY));
const to = danishDate(new Date(Date.now() + DAY));

const statistics = (query: Record<string, string>, as: Person = coordinator, path = '/v1/statistics') =>
  ctx.http().get(path).query(query).set('authorization', as.auth);
const refresh = (as: Person = admin) => ctx.http().post('/v1/statistics/snapshot').set('authorization', as.auth);

beforeAll(async () => {
  ctx = await startTestApp();
  admin = await createPerson(ctx, 'admin');
  ({ coordinator, caseworker } = await caseworkTeam(ctx));

  // Hiring: the jobcenter leads, the business service is involved. Taken, answered, resolved.
  answered = await submitCase(ctx);
  await changeAssignment(ctx, caseworker, answered.caseId, 'jobcenter', { status: 'in_progress', assignee: 'me' });
  await addNote(ctx, caseworker, answered.caseId, { body: 'Vi ringer i morgen.', visibility: 'enterprise' });
  await resolveCase(ctx, caseworker, answered.caseId);

  // The same routing, but the jobcenter hands the lead to the social administration, which brings in technical.
  handedOver = await submitCase(ctx);
  await transfer(ctx, caseworker, handedOver.caseId, 'jobcenter', 'social', 'Et socialt forløb.');
  await involve(ctx, caseworker, handedOver.caseId, 'technical', 'Lokaler.');

  // Premises: Teknik og Miljø leads alone, nothing done yet.
  premises = await submitCase(ctx, { topics: ['premises-permits'], subject: 'Udeservering', description: 'Vi vil gerne have borde ude.' });
});
afterAll(async () => ctx.close());

describe('the statistics snapshot', () => {
  test('an admin refreshes it and is told when it was made and how many cases it holds', async () => {
    const res = await refresh();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ generatedAt: expect.any(String), cases: 3, durationMs: expect.any(Number) });
  });

  test('read in many batches, it holds the same figures as in one', async () => {
    const deps = { db: ctx.db, calendar: WorkingDayCalendar.fromSetting(ctx.app.config.EXTRA_CLOSING_DAYS) };
    const figures = async () => (await statistics({ from, to, groupBy: 'topic' })).body.rows;
    await refreshSnapshot(deps);
    const inOne = await figures();
    const inBatches = await refreshSnapshot(deps, { batchSize: 2 });
    expect(inBatches.cases).toBe(3);
    expect(await figures()).toEqual(inOne);
  });

  test('only an admin may refresh it', async () => {
    expect((await refresh(coordinator)).status).toBe(403);
    expect((await ctx.http().post('/v1/statistics/snapshot')).status).toBe(401);
  });
});

describe('GET /v1/statistics', () => {
  beforeAll(async () => {
    expect((await refresh()).status).toBe(200);
  });

  test('by lead department: received, resolved, open, durations, target, cross-department work', async () => {
    const res = await statistics({ from, to, groupBy: 'department' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ from, to, groupBy: 'department', generatedAt: expect.any(String) });
    const rows = Object.fromEntries(res.body.rows.map((row: { key: string }) => [row.key, row]));
    expect(Object.keys(rows)).toEqual(['jobcenter', 'social', 'technical']);
    expect(rows.jobcenter).toEqual({
      key: 'jobcenter',
      received: 1,
      resolved: 1,
      openAtEnd: 0,
      pickUpDays: { median: 0, p90: 0 },
      firstAnswerDays: { median: 0, p90: 0 },
      resolutionDays: { median: 0, p90: 0 },
      withinTarget: 1,
      multiDepartment: 1,
      transfers: 0,
      involvements: 0,
    });
    // Handed over before anyone took it: not picked up, not answered, its date not yet come.
    expect(rows.social).toEqual({
      key: 'social',
      received: 1,
      resolved: 0,
      openAtEnd: 1,
      pickUpDays: { median: null, p90: null },
      firstAnswerDays: { median: null, p90: null },
      resolutionDays: { median: null, p90: null },
      withinTarget: null,
      multiDepartment: 1,
      transfers: 1,
      involvements: 1,
    });
    expect(rows.technical).toMatchObject({ received: 1, resolved: 0, openAtEnd: 1 });
  });

  test('by topic, a case counts under each of its topics', async () => {
    const res = await statistics({ from, to, groupBy: 'topic' });
    const received = Object.fromEntries(res.body.rows.map((row: { key: string; received: number }) => [row.key, row.received]));
    expect(received).toEqual({ 'business-development': 2, hiring: 2, 'premises-permits': 1 });
  });

  test('by month, every month of the period is a row, the empty ones too', async () => {
    const res = await statistics({ from: `${today.slice(0, 4)}-01-01`, to: `${today.slice(0, 4)}-12-31`, groupBy: 'month' });
    expect(res.body.rows).toHaveLength(12);
    const month = res.body.rows.find((row: { key: string }) => row.key === today.slice(0, 7));
    expect(month).toMatchObject({ received: 3, resolved: 1, openAtEnd: 2, transfers: 1, involvements: 1, multiDepartment: 2 });
    expect(res.body.rows.reduce((sum: number, row: { received: number }) => sum + row.received, 0)).toBe(3);
  });

  test('the figures come from the snapshot: a new case shows after the next refresh', async () => {
    const extra = await submitCase(ctx);
    const before = await statistics({ from, to, groupBy: 'department' });
    expect(before.body.rows.find((row: { key: string }) => row.key === 'jobcenter').received).toBe(1);
    await refresh();
    const after = await statistics({ from, to, groupBy: 'department' });
    expect(after.body.rows.find((row: { key: string }) => row.key === 'jobcenter').received).toBe(2);
    expect(extra.caseId).toBeTruthy();
  });

  test('as CSV, by Accept header or by the .csv path', async () => {
    const byHeader = await statistics({ from, to, groupBy: 'department' }).set('accept', 'text/csv');
    expect(byHeader.status).toBe(200);
    expect(byHeader.headers['content-type']).toMatch(/^text\/csv/);
    const lines = byHeader.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'department,received,resolved,openAtEnd,pickUpDaysMedian,pickUpDaysP90,firstAnswerDaysMedian,firstAnswerDaysP90,resolutionDaysMedian,resolutionDaysP90,withinTarget,multiDepartment,transfers,involvements',
    );
    expect(lines).toContain('social,1,0,1,,,,,,,,1,1,1');
    const byPath = await statistics({ from, to, groupBy: 'department' }, coordinator, '/v1/statistics.csv');
    expect(byPath.status).toBe(200);
    expect(byPath.text).toBe(byHeader.text);
  });

  test('bad parameters are a 400 naming each', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ from: to, to: from }, 'query.from'],
      [{ from: '2020-01-01', to: '2025-01-02' }, 'query.to'],
      [{ from, to, groupBy: 'week' }, 'query.groupBy'],
      [{ from: '2026-13-01', to }, 'query.from'],
      [{ from, to: '29-11-2026' }, 'query.to'],
      [{ to }, 'query.from'],
    ];
    for (const [query, path] of cases) {
      const res = await statistics(query);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors.map((error: { path: string }) => error.path)).toContain(path);
    }
    expect((await statistics({ from: '2020-01-01', to: '2025-01-01' })).status).toBe(200);
  });

  test('caseworkers and integrators are refused; without a token, 401', async () => {
    const jobcenter = await createPerson(ctx, 'caseworker', ['jobcenter']);
    const integrator = await createPerson(ctx, 'integrator');
    expect((await statistics({ from, to }, jobcenter)).status).toBe(403);
    expect((await statistics({ from, to }, integrator, '/v1/statistics/routing')).status).toBe(403);
    expect((await ctx.http().get('/v1/statistics').query({ from, to })).status).toBe(401);
    expect((await statistics({ from, to }, admin)).status).toBe(200);
  });
});

describe('GET /v1/statistics/routing', () => {
  test('per rule: the cases it led, how many its department handed over, and to where', async () => {
    await refresh();
    const res = await statistics({ from, to }, coordinator, '/v1/statistics/routing');
    expect(res.status).toBe(200);
    const employment = res.body.rules.find((rule: { ruleId: string }) => rule.ruleId === 'jobcenter-employment');
    expect(employment).toEqual({
      ruleId: 'jobcenter-employment',
      ruleName: 'Ansættelse og fleksjob går til jobcentret',
      department: 'jobcenter',
      led: 3,
      transferredAway: 1,
      transferredTo: [{ department: 'social', cases: 1 }],
    });
    const premisesRule = res.body.rules.find((rule: { ruleId: string }) => rule.ruleId === 'technical-premises');
    expect(premisesRule).toMatchObject({ department: 'technical', led: 1, transferredAway: 0, transferredTo: [] });

    const csv = await statistics({ from, to }, coordinator, '/v1/statistics/routing.csv');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text.split('\r\n')).toContain('jobcenter-employment,Ansættelse og fleksjob går til jobcentret,jobcenter,3,1,social:1');
    expect(premises.reference).toBeTruthy();
    expect(answered.reference).toBeTruthy();
    expect(handedOver.reference).toBeTruthy();
  });

  test('bad periods are a 400 naming the parameter', async () => {
    const res = await statistics({ from: to, to: from }, coordinator, '/v1/statistics/routing');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'query.from', message: expect.any(String) }]);
  });
});

type PublicCell = { month: string; topic: string; received: number | null; resolved: number | null; medianFirstAnswerDays: number | null; withinTarget: number | null };

/** Checks a CSV against a Frictionless table schema: header, types, constraints, missing values, primary key. */
function validateAgainstTableSchema(csv: string, schema: { fields: { name: string; type: string; constraints?: Record<string, unknown> }[]; missingValues: string[]; primaryKey: string[] }): string[] {
  const problems: string[] = [];
  const [header, ...lines] = csv.trimEnd().split('\r\n');
  if (header !== schema.fields.map((field) => field.name).join(',')) problems.push(`header ${header}`);
  const keys = new Set<string>();
  for (const line of lines) {
    const values = line.split(',');
    if (values.length !== schema.fields.length) problems.push(`width of ${line}`);
    schema.fields.forEach((field, i) => {
      const value = values[i] ?? '';
      const c = field.constraints ?? {};
      if (schema.missingValues.includes(value)) {
        if (c.required) problems.push(`${field.name} missing in ${line}`);
        return;
      }
      if (field.type === 'integer' && !/^-?\d+$/.test(value)) problems.push(`${field.name} not an integer: ${value}`);
      if (field.type === 'number' && !/^-?\d+(\.\d+)?$/.test(value)) problems.push(`${field.name} not a number: ${value}`);
      if (typeof c.minimum === 'number' && Number(value) < c.minimum) problems.push(`${field.name} below minimum: ${value}`);
      if (typeof c.maximum === 'number' && Number(value) > c.maximum) problems.push(`${field.name} above maximum: ${value}`);
      if (typeof c.pattern === 'string' && !new RegExp(`^(?:${c.pattern})$`).test(value)) problems.push(`${field.name} against pattern: ${value}`);
      if (Array.isArray(c.enum) && !c.enum.includes(value)) problems.push(`${field.name} not in enum: ${value}`);
    });
    const key = schema.primaryKey.map((name) => values[schema.fields.findIndex((field) => field.name === name)]).join('|');
    if (keys.has(key)) problems.push(`duplicate key ${key}`);
    keys.add(key);
  }
  return problems;
}

describe('public figures', () => {
  test('before any topic is public, there are only empty totals', async () => {
    await refresh();
    const res = await ctx.http().get('/v1/public/statistics');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ generatedAt: expect.any(String), suppressionThreshold: 5, topics: [], months: [] });
    expect(res.body.cells).toEqual([{ month: 'all', topic: 'all', received: 0, resolved: 0, medianFirstAnswerDays: null, withinTarget: null }]);
  });

  test('a count of 3 never appears: it is suppressed, and so is the total that would give it away', async () => {
    expect((await ctx.http().patch('/v1/topics/hiring').set('authorization', admin.auth).send({ public: true })).status).toBe(200);
    await refresh();
    const res = await ctx.http().get('/v1/public/statistics');
    const month = today.slice(0, 7);
    expect(res.body.topics).toEqual([{ code: 'hiring', name: { da: 'Ansættelse og løntilskud', en: 'Hiring and wage subsidy' } }]);
    // Three hiring cases so far this month, one of them resolved.
    const cells = res.body.cells as PublicCell[];
    expect(cells.find((cell) => cell.month === month && cell.topic === 'hiring')).toEqual({
      month,
      topic: 'hiring',
      received: null,
      resolved: null,
      medianFirstAnswerDays: null,
      withinTarget: null,
    });
    for (const cell of cells) {
      for (const count of [cell.received, cell.resolved]) expect(count === null || count === 0 || count >= 5).toBe(true);
    }
  });

  test('with enough cases the figures show, without a name, CVR number, reference or word the enterprise wrote', async () => {
    const receipts = [];
    for (let i = 0; i < 3; i++) receipts.push(await submitCase(ctx));
    await refresh();
    const res = await ctx.http().get('/v1/public/statistics');
    const month = today.slice(0, 7);
    expect((res.body.cells as PublicCell[]).find((cell) => cell.month === month && cell.topic === 'hiring')).toMatchObject({ received: 6 });
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    const text = JSON.stringify(res.body) + (await ctx.http().get('/v1/public/statistics.csv')).text;
    for (const secret of ['Café Overskud', 'Mette', 'mette@example.dk', 'løntilskud og udvikle', 'KOL-', ...receipts.map((r) => r.reference)]) expect(text).not.toContain(secret);
  });

  test('as CSV, described by a Frictionless data package that the CSV satisfies', async () => {
    const csv = await ctx.http().get('/v1/public/statistics.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const byHeader = await ctx.http().get('/v1/public/statistics').set('accept', 'text/csv');
    expect(byHeader.text).toBe(csv.text);

    const pkg = await ctx.http().get('/v1/public/datapackage.json');
    expect(pkg.status).toBe(200);
    expect(pkg.body).toMatchObject({ profile: 'tabular-data-package', name: expect.stringMatching(/^[a-z0-9._-]+$/), resources: [{ path: 'statistics.csv', format: 'csv', profile: 'tabular-data-resource' }] });
    expect(validateAgainstTableSchema(csv.text, pkg.body.resources[0].schema)).toEqual([]);
    const month = today.slice(0, 7);
    // Six received; the one resolved is suppressed, and one answer is too few for a median or a share.
    expect(csv.text.split('\r\n')).toContain(`${month},hiring,6,,,`);
  });
});

describe('the transparency page', () => {
  test('shows the public figures as charts and tables in Danish and English, with no inline script or style', async () => {
    const da = await ctx.http().get('/transparency');
    expect(da.status).toBe(200);
    expect(da.headers['content-type']).toMatch(/^text\/html/);
    expect(da.headers['content-security-policy']).toContain("style-src 'self'");
    expect(da.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(da.text).toContain('<html lang="da">');
    expect(da.text).toMatch(/<svg class="chart"[^>]*role="img"/);
    expect(da.text).toContain('<caption>Ansættelse og løntilskud: tal pr. måned</caption>');
    expect(da.text).not.toMatch(/<script(?![^>]*src=)/);
    expect(da.text).not.toMatch(/\sstyle=/);
    expect(da.text).not.toContain('Café Overskud');

    const en = await ctx.http().get('/transparency?lang=en');
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('<caption>Hiring and wage subsidy: figures per month</caption>');
  });
});

describe('agreement with the case list', () => {
  const listed = async (query: Record<string, string>) => {
    const res = await ctx.http().get('/v1/cases').query({ ...query, limit: '100' }).set('authorization', coordinator.auth);
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeNull();
    return (res.body.items as unknown[]).length;
  };

  test('the statistics count the cases the coordinators see in the case list', async () => {
    await refresh();
    const byDepartment = (await statistics({ from, to, groupBy: 'department' })).body.rows as { received: number; resolved: number; openAtEnd: number }[];
    const sum = (pick: (row: { received: number; resolved: number; openAtEnd: number }) => number) => byDepartment.reduce((total, row) => total + pick(row), 0);
    expect(sum((row) => row.received)).toBe(await listed({}));
    expect(sum((row) => row.resolved)).toBe(await listed({ caseStatus: 'resolved' }));
    expect(sum((row) => row.openAtEnd)).toBe((await listed({})) - (await listed({ caseStatus: 'resolved' })));

    const byTopic = (await statistics({ from, to, groupBy: 'topic' })).body.rows as { key: string; received: number }[];
    for (const row of byTopic) expect(row.received).toBe(await listed({ topic: row.key }));
  });
});
