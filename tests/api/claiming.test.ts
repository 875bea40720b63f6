import { sql } from 'kysely';
import { startTestApp, type TestContext } from '../support/app.js';
import { createPerson, etagOf, type Person, submitCase } from '../support/people.js';

// Claiming against a real PostgreSQL, including two app instances on one database.

let ctx: TestContext;
let second: TestContext;

beforeAll(async () => {
  ctx = await startTestApp();
  second = await startTestApp({}, ctx.database);
});
afterAll(async () => {
  await second.close();
  await ctx.close();
});

/** Jobcenter-only inquiries, in order of submission. */
async function queueJobcenterCases(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) ids.push((await submitCase(ctx, { topics: ['hiring'] })).caseId);
  return ids;
}

async function queuedJobcenterCaseIds(): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('assignments')
    .select('case_id')
    .where('department_code', '=', 'jobcenter')
    .where('status', '=', 'queued')
    .orderBy('priority', 'desc')
    .orderBy('due_date')
    .orderBy('queued_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => row.case_id);
}

async function claimAll(claims: { app: TestContext; person: Person }[]) {
  return Promise.all(claims.map(({ app, person }) => app.http().post('/v1/departments/jobcenter/claim').set('authorization', person.auth)));
}

test('claims take the highest priority first, then the earliest due date, then the longest waiting', async () => {
  const caseworker = await createPerson(ctx, 'caseworker', ['jobcenter']);
  const coordinator = await createPerson(ctx, 'coordinator');
  const [oldest, dueSooner, urgent] = await queueJobcenterCases(3);
  await sql`UPDATE assignments SET due_date = due_date - 3 WHERE case_id = ${dueSooner}`.execute(ctx.db);
  await ctx
    .http()
    .patch(`/v1/cases/${urgent}/assignments/jobcenter`)
    .set('authorization', coordinator.auth)
    .set('if-match', await etagOf(ctx, coordinator, urgent as string))
    .send({ priority: 5 })
    .expect(200);

  const order: string[] = [];
  for (let i = 0; i < 3; i += 1) {
    const res = await ctx.http().post('/v1/departments/jobcenter/claim').set('authorization', caseworker.auth);
    expect(res.status).toBe(200);
    expect(res.headers.etag).toMatch(/^"\d+"$/);
    const mine = res.body.assignments.find((a: { department: string }) => a.department === 'jobcenter');
    expect(mine).toMatchObject({ status: 'in_progress', assignee: { id: caseworker.id } });
    order.push(res.body.id);
  }
  expect(order).toEqual([urgent, dueSooner, oldest]);

  const empty = await ctx.http().post('/v1/departments/jobcenter/claim').set('authorization', caseworker.auth);
  expect(empty.status).toBe(204);
  expect(empty.text).toBe('');
});

test('a caseworker claims only from the queues of their own departments', async () => {
  const social = await createPerson(ctx, 'caseworker', ['social']);
  await queueJobcenterCases(1);
  const res = await ctx.http().post('/v1/departments/jobcenter/claim').set('authorization', social.auth);
  expect(res.status).toBe(403);
  expect(await queuedJobcenterCaseIds()).toHaveLength(1);
  // Leave the queue empty for the next test.
  const jobcenter = await createPerson(ctx, 'caseworker', ['jobcenter']);
  await ctx.http().post('/v1/departments/jobcenter/claim').set('authorization', jobcenter.auth).expect(200);
});

test('when caseworkers hammer claim on two app instances at once, no two get the same assignment and none is skipped', async () => {
  const caseworkers = await Promise.all(Array.from({ length: 10 }, () => createPerson(ctx, 'caseworker', ['jobcenter'])));
  await queueJobcenterCases(60);
  const inClaimOrder = await queuedJobcenterCaseIds();
  expect(inClaimOrder).toHaveLength(60);

  // 50 claims at once, spread over both instances and all caseworkers.
  const first = await claimAll(
    Array.from({ length: 50 }, (_, i) => ({ app: i % 2 === 0 ? ctx : second, person: caseworkers[i % caseworkers.length] as Person })),
  );
  expect(first.map((res) => res.status)).toEqual(Array(50).fill(200));
  const claimed = first.map((res) => res.body.id as string);
  expect(new Set(claimed).size).toBe(50);
  // The 50 claimed are exactly the first 50 in claim order: nobody jumped the queue.
  expect(new Set(claimed)).toEqual(new Set(inClaimOrder.slice(0, 50)));
  expect(await queuedJobcenterCaseIds()).toEqual(inClaimOrder.slice(50));

  // More claims than cases left: the rest are taken once each, the others find the queue empty.
  const second12 = await claimAll(
    Array.from({ length: 12 }, (_, i) => ({ app: i % 2 === 0 ? second : ctx, person: caseworkers[i % caseworkers.length] as Person })),
  );
  const statuses = second12.map((res) => res.status).sort();
  expect(statuses).toEqual([...Array(10).fill(200), 204, 204]);
  const all = [...claimed, ...second12.filter((res) => res.status === 200).map((res) => res.body.id as string)];
  expect(new Set(all).size).toBe(60);

  // Every claim is in the database as its response says, with one claimed event each.
  const rows = await ctx.db
    .selectFrom('assignments')
    .select(['case_id', 'assignee_id', 'status'])
    .where('case_id', 'in', inClaimOrder)
    .where('department_code', '=', 'jobcenter')
    .execute();
  expect(rows.every((row) => row.status === 'in_progress')).toBe(true);
  const byCase = new Map(rows.map((row) => [row.case_id, row.assignee_id]));
  for (const res of [...first, ...second12].filter((r) => r.status === 200)) {
    const assignee = res.body.assignments.find((a: { department: string }) => a.department === 'jobcenter').assignee.id;
    expect(byCase.get(res.body.id)).toBe(assignee);
  }
  const events = await ctx.db
    .selectFrom('case_events')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('case_id', 'in', inClaimOrder)
    .where('type', '=', 'claimed')
    .executeTakeFirstOrThrow();
  expect(Number(events.n)).toBe(60);
});
