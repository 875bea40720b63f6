import { sql } from 'kysely';
import { casesPageQuery } from '../../src/modules/cases/case-list.repository.js';
import type { Principal } from '../../src/domain/principal.js';
import { startTestApp, type TestContext } from '../support/app.js';
import { createPerson, type Person, type SubmittedCase, submitCase } from '../support/people.js';

let ctx: TestContext;
let coordinator: Person;
let jonas: Person;
let bodil: Person;

beforeAll(async () => {
  ctx = await startTestApp();
  coordinator = await createPerson(ctx, 'coordinator');
  jonas = await createPerson(ctx, 'caseworker', ['jobcenter']);
  bodil = await createPerson(ctx, 'caseworker', ['business-service']);
});
afterAll(async () => ctx.close());

const list = (as: Person, query: Record<string, string | number> = {}) => ctx.http().get('/v1/cases').query(query).set('authorization', as.auth);
const ids = (body: { items: { id: string }[] }) => body.items.map((item) => item.id);

describe('filters and order', () => {
  // Hiring is answered within 5 working days by the jobcenter; business development within
  // 10 by the business service.
  let bizOld: SubmittedCase;
  let hiringOld: SubmittedCase;
  let bizNew: SubmittedCase;
  let hiringNew: SubmittedCase;
  let mine: string;

  beforeAll(async () => {
    bizOld = await submitCase(ctx, { topics: ['business-development'], subject: 'Vækstplan', description: 'Hjælp til vækst og nye markeder, tak.' });
    hiringOld = await submitCase(ctx, { topics: ['hiring'], enterprise: { cvr: '13748136', name: 'Grøn Omstilling ApS' } });
    bizNew = await submitCase(ctx, { topics: ['business-development'], subject: 'Eksport', description: 'Vi vil gerne sælge til Sverige og Norge.' });
    hiringNew = await submitCase(ctx, { topics: ['hiring'] });
    const claimed = await ctx.http().post('/v1/departments/jobcenter/claim').set('authorization', jonas.auth);
    mine = claimed.body.id;
  });

  test('cases come by due date, then oldest first', async () => {
    const res = await list(coordinator);
    expect(res.status).toBe(200);
    expect(ids(res.body)).toEqual([hiringOld.caseId, hiringNew.caseId, bizOld.caseId, bizNew.caseId]);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.items[0]).toMatchObject({
      reference: hiringOld.reference,
      status: 'in_progress',
      enterprise: { cvr: '13748136', name: 'Grøn Omstilling ApS' },
      topics: ['hiring'],
      leadDepartment: 'jobcenter',
      overdue: false,
      assignments: [{ department: 'jobcenter', role: 'lead', status: 'in_progress', assigneeId: jonas.id }],
    });
  });

  test('newest first on request', async () => {
    expect(ids((await list(coordinator, { sort: 'newest' })).body)).toEqual([hiringNew.caseId, bizNew.caseId, hiringOld.caseId, bizOld.caseId]);
  });

  test('a caseworker sees only the cases of their departments', async () => {
    expect(ids((await list(jonas)).body)).toEqual([hiringOld.caseId, hiringNew.caseId]);
    expect(ids((await list(bodil)).body)).toEqual([bizOld.caseId, bizNew.caseId]);
  });

  test('department, status and assignee describe one and the same assignment', async () => {
    expect(mine).toBe(hiringOld.caseId);
    expect(ids((await list(coordinator, { department: 'jobcenter', status: 'queued' })).body)).toEqual([hiringNew.caseId]);
    expect(ids((await list(coordinator, { department: 'business-service', status: 'queued' })).body)).toEqual([bizOld.caseId, bizNew.caseId]);
    expect(ids((await list(jonas, { assignee: 'me' })).body)).toEqual([hiringOld.caseId]);
    expect(ids((await list(coordinator, { assignee: jonas.id })).body)).toEqual([hiringOld.caseId]);
    expect(ids((await list(coordinator, { assignee: 'none' })).body)).toEqual([hiringNew.caseId, bizOld.caseId, bizNew.caseId]);
    expect(ids((await list(coordinator, { department: 'business-service', assignee: 'me' })).body)).toEqual([]);
  });

  test('filter by the status the enterprise sees, and by topic', async () => {
    expect(ids((await list(coordinator, { caseStatus: 'in_progress' })).body)).toEqual([hiringOld.caseId]);
    expect(ids((await list(coordinator, { topic: 'business-development' })).body)).toEqual([bizOld.caseId, bizNew.caseId]);
  });

  test('q finds a case by reference, enterprise name or CVR number', async () => {
    expect(ids((await list(coordinator, { q: hiringNew.reference })).body)).toEqual([hiringNew.caseId]);
    expect(ids((await list(coordinator, { q: hiringNew.reference.toLowerCase() })).body)).toEqual([hiringNew.caseId]);
    expect(ids((await list(coordinator, { q: 'grøn omstilling' })).body)).toEqual([hiringOld.caseId]);
    expect(ids((await list(coordinator, { q: 'DK 1374 8136' })).body)).toEqual([hiringOld.caseId]);
    expect(ids((await list(coordinator, { q: '%' })).body)).toEqual([]);
  });

  test('overdue finds open assignments past their due date', async () => {
    await sql`UPDATE assignments SET due_date = '2020-01-02' WHERE case_id = ${bizNew.caseId}`.execute(ctx.db);
    try {
      expect(ids((await list(coordinator, { overdue: 'true' })).body)).toEqual([bizNew.caseId]);
      expect(ids((await list(coordinator, { overdue: 'false' })).body)).not.toContain(bizNew.caseId);
      expect((await list(coordinator, { q: bizNew.reference })).body.items[0].overdue).toBe(true);
    } finally {
      await sql`UPDATE assignments a SET due_date = c.due_date FROM cases c WHERE c.id = a.case_id AND a.case_id = ${bizNew.caseId}`.execute(ctx.db);
    }
  });

  test('unknown or malformed filters are 400 naming each', async () => {
    const res = await list(coordinator, { status: 'lost', assignee: 'someone', limit: 500, colour: 'blue' });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['query.assignee', 'query.colour', 'query.limit', 'query.status']);
  });
});

describe('keyset pagination', () => {
  test('walking the pages returns every case once, in order', async () => {
    for (let i = 0; i < 7; i += 1) await submitCase(ctx, { topics: ['flex-jobs'] });
    const all = ids((await list(coordinator, { limit: 100 })).body);
    const walked: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await list(coordinator, { limit: 3, ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(3);
      walked.push(...ids(res.body));
      cursor = res.body.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(walked).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 3));
  });

  test('a page stays put when cases change ahead of it', async () => {
    const first = await list(coordinator, { limit: 2, sort: 'newest' });
    const fresh = await submitCase(ctx, { topics: ['hiring'] });
    const next = await list(coordinator, { limit: 2, sort: 'newest', cursor: first.body.nextCursor });
    expect(ids(next.body)).not.toContain(fresh.caseId);
    expect(ids(next.body)).not.toEqual(expect.arrayContaining(ids(first.body)));
  });

  test('a cursor only works with the filters it was made for', async () => {
    const first = await list(coordinator, { limit: 1, department: 'jobcenter' });
    const other = await list(coordinator, { limit: 1, department: 'social', cursor: first.body.nextCursor });
    expect(other.status).toBe(400);
    expect(other.body.errors).toEqual([{ path: 'query.cursor', message: expect.any(String) }]);
    expect((await list(coordinator, { cursor: 'bm90LWEtY3Vyc29y' })).status).toBe(400);
  });
});

test('a deep page seeks through the index: no sort, no skipping over earlier rows', async () => {
  // 20,000 cases, enough that PostgreSQL would rather sort than walk an index if it could.
  await sql`
    WITH i AS (
      INSERT INTO inquiries (channel, cvr, enterprise_name, contact_name, contact_email, topics, subject, description, language, consent)
      SELECT 'web', '13748136', 'Bulk ' || g, 'X', 'x@example.dk', ARRAY['hiring'], 'Bulk', 'Bulk case for the plan test', 'da', true
        FROM generate_series(1, 20000) g
      RETURNING id),
    c AS (
      INSERT INTO cases (inquiry_id, reference, status, lead_department, routing_version, matched_rule_ids, tracking_token_hash, due_date)
      SELECT id, 'BULK-' || id, 'received', 'jobcenter', 1, '{}', '\\x00', date '2026-12-01' + (random() * 60)::int FROM i
      RETURNING id, due_date)
    INSERT INTO assignments (case_id, department_code, role, status, due_date)
    SELECT id, 'jobcenter', 'lead', 'queued', due_date FROM c`.execute(ctx.db);
  await sql`ANALYZE`.execute(ctx.db);

  const deep = await sql<{ due_date: string; created_at: string; id: string }>`
    SELECT due_date::text, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_at, id
      FROM cases ORDER BY due_date, created_at, id OFFSET 19000 LIMIT 1`.execute(ctx.db);
  const after = { dueDate: deep.rows[0]?.due_date ?? '', createdAt: deep.rows[0]?.created_at ?? '', id: deep.rows[0]?.id ?? '' };

  const principals: Principal[] = [
    { userId: coordinator.id, tokenId: '', name: 'c', role: 'coordinator', departments: [] },
    { userId: jonas.id, tokenId: '', name: 'j', role: 'caseworker', departments: ['jobcenter'] },
  ];
  for (const principal of principals) {
    const query = casesPageQuery(ctx.db, principal, { assignment: {}, sort: 'due', after, limit: 26 }).compile();
    const { rows } = await ctx.db.executeQuery<{ 'QUERY PLAN': unknown }>({ ...query, sql: `EXPLAIN (FORMAT JSON) ${query.sql}` });
    const plan = JSON.stringify(rows[0]?.['QUERY PLAN']);
    expect(plan).not.toMatch(/"Node Type":"Sort"/);
    expect(plan).toMatch(/"Index Name":"cases_due_idx"/);
    // The cursor is the index's start key, not a filter applied after reading earlier rows.
    expect(plan).toMatch(/"Index Cond":"\(ROW\((c\.)?due_date, (c\.)?created_at, (c\.)?id\) > ROW\(/);
  }
});
