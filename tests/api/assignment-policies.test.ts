import { sql } from 'kysely';
import { sweepAssignments } from '../../src/modules/cases/case-assignment.tasks.js';
import { startTestApp, type TestContext } from '../support/app.js';
import { createPerson, etagOf, type Person, submitCase } from '../support/people.js';
import { signIn } from '../support/staff.js';

// Automatic assignment against a real PostgreSQL, with two app instances on one database
// where the order matters. Each test works in a department of its own, or first retires
// the caseworkers an earlier test left there.

let ctx: TestContext;
let second: TestContext;
let coordinator: Person;
let admin: Person;

// A burst of intakes queues for the pool; here that is the point, not an overload to shed.
const env = { DATABASE_MAX_QUEUE: '0' };

beforeAll(async () => {
  ctx = await startTestApp(env);
  second = await startTestApp(env, ctx.database);
  coordinator = await createPerson(ctx, 'coordinator');
  admin = await createPerson(ctx, 'admin');
});
afterAll(async () => {
  await second.close();
  await ctx.close();
});

const TOPIC: Record<string, string> = { jobcenter: 'hiring', social: 'social-services', 'business-service': 'startup-funding', technical: 'premises-permits' };

function setPolicy(department: string, policy: Record<string, unknown>, as: Person = coordinator) {
  return ctx.http().put(`/v1/departments/${department}/assignment-policy`).set('authorization', as.auth).send(policy);
}

async function caseworkers(department: string, count: number): Promise<Person[]> {
  await sql`UPDATE users SET active = false WHERE role = 'caseworker' AND id IN (SELECT user_id FROM user_departments WHERE department_code = ${department})`.execute(ctx.db);
  const people: Person[] = [];
  for (let i = 0; i < count; i += 1) people.push(await createPerson(ctx, 'caseworker', [department]));
  return people;
}

// Names none of the routing table's keywords, so that no other department is involved.
const PLAIN = 'Vi har et spørgsmål til kommunen om vores virksomhed.';

async function intake(department: string, count: number, apps: TestContext[] = [ctx]): Promise<string[]> {
  const receipts = await Promise.all(Array.from({ length: count }, (_, i) => submitCase(apps[i % apps.length] as TestContext, { topics: [TOPIC[department]], subject: 'Et spørgsmål', description: PLAIN })));
  return receipts.map((r) => r.caseId);
}

interface AssignmentState {
  case_id: string;
  id: string;
  status: string;
  assignee_id: string | null;
}

async function assignmentsOf(caseIds: string[], department: string): Promise<AssignmentState[]> {
  return ctx.db
    .selectFrom('assignments')
    .select(['case_id', 'id', 'status', 'assignee_id'])
    .where('case_id', 'in', caseIds)
    .where('department_code', '=', department)
    .execute();
}

function countBy(rows: AssignmentState[], people: Person[]): number[] {
  return people.map((p) => rows.filter((r) => r.assignee_id === p.id).length);
}

async function assignedEvents(caseIds: string[]) {
  return ctx.db.selectFrom('case_events').select(['case_id', 'data', 'actor_role']).where('case_id', 'in', caseIds).where('type', '=', 'assigned').execute();
}

test('a department pulls until a coordinator sets a policy', async () => {
  const res = await ctx.http().get('/v1/departments/technical/assignment-policy').set('authorization', coordinator.auth).expect(200);
  expect(res.body).toEqual({ department: 'technical', mode: 'pull', maxOpenPerCaseworker: null, noAnswerHours: null, revision: 0, updatedAt: null });
  const [caseId] = await intake('technical', 1);
  const [row] = await assignmentsOf([caseId as string], 'technical');
  expect(row).toMatchObject({ status: 'queued', assignee_id: null });
});

test('200 simultaneous intakes on two instances are shared round robin: each assigned once, counts within 1', async () => {
  const people = await caseworkers('jobcenter', 5);
  const set = await setPolicy('jobcenter', { mode: 'round-robin' });
  expect(set.status).toBe(200);
  expect(set.body).toMatchObject({ department: 'jobcenter', mode: 'round-robin', revision: 1 });

  const caseIds = await intake('jobcenter', 200, [ctx, second]);
  const rows = await assignmentsOf(caseIds, 'jobcenter');
  expect(rows).toHaveLength(200);
  expect(rows.every((r) => r.status === 'queued' && r.assignee_id !== null)).toBe(true);
  const counts = countBy(rows, people);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(200);
  expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);

  const events = await assignedEvents(caseIds);
  expect(events).toHaveLength(200);
  expect(new Set(events.map((e) => e.case_id)).size).toBe(200);
  expect(events[0]).toMatchObject({ actor_role: 'system', data: { trigger: 'intake', reason: { policy: 1, mode: 'round-robin' } } });

  // The assignee starts it themselves; nobody else can claim it.
  const mine = rows.find((r) => r.assignee_id === people[0]?.id) as AssignmentState;
  const other = people[1] as Person;
  expect((await ctx.http().post('/v1/departments/jobcenter/claim').set('authorization', other.auth)).status).toBe(204);
  const owner = people[0] as Person;
  const started = await ctx
    .http()
    .patch(`/v1/cases/${mine.case_id}/assignments/jobcenter`)
    .set('authorization', owner.auth)
    .set('if-match', await etagOf(ctx, owner, mine.case_id))
    .send({ status: 'in_progress' });
  expect(started.status).toBe(200);
  expect(started.body.assignments[0]).toMatchObject({ status: 'in_progress', assignee: { id: owner.id } });
});

test('with a cap, simultaneous intakes fill everyone to the cap, the rest wait and go out as caseworkers finish', async () => {
  const people = await caseworkers('business-service', 5);
  await setPolicy('business-service', { mode: 'least-loaded', maxOpenPerCaseworker: 4 }).expect(200);
  const caseIds = await intake('business-service', 30, [ctx, second]);
  let rows = await assignmentsOf(caseIds, 'business-service');
  expect(countBy(rows, people)).toEqual([4, 4, 4, 4, 4]);
  expect(rows.filter((r) => r.assignee_id === null)).toHaveLength(10);

  // Nothing frees a place: the sweep hands out nothing.
  expect(await sweepAssignments(ctx.db)).toEqual({ reassigned: 0, handedOut: 0 });

  const finisher = people[2] as Person;
  for (const row of rows.filter((r) => r.assignee_id === finisher.id).slice(0, 2)) {
    for (const status of ['in_progress', 'done']) {
      await ctx
        .http()
        .patch(`/v1/cases/${row.case_id}/assignments/business-service`)
        .set('authorization', finisher.auth)
        .set('if-match', await etagOf(ctx, finisher, row.case_id))
        .send({ status })
        .expect(200);
    }
  }
  expect(await sweepAssignments(ctx.db)).toEqual({ reassigned: 0, handedOut: 2 });
  rows = await assignmentsOf(caseIds, 'business-service');
  const open = (p: Person) => rows.filter((r) => r.assignee_id === p.id && r.status !== 'done').length;
  expect(people.map(open)).toEqual([4, 4, 4, 4, 4]);
  expect(rows.filter((r) => r.assignee_id === null)).toHaveLength(8);
});

test('an unavailable caseworker gets nothing and their cover gets their turns, told why', async () => {
  const [anna, bo, cai] = (await caseworkers('social', 3)) as [Person, Person, Person];
  await setPolicy('social', { mode: 'round-robin' }).expect(200);

  const away = await ctx.http().put(`/v1/users/${anna.id}/availability`).set('authorization', anna.auth).send({ available: false, coverUserId: bo.id });
  expect(away.status).toBe(200);
  expect(away.body).toMatchObject({ userId: anna.id, available: false, coverUserId: bo.id, availableNow: false });

  const caseIds = await intake('social', 9);
  const rows = await assignmentsOf(caseIds, 'social');
  expect(countBy(rows, [anna, bo, cai])).toEqual([0, 6, 3]);
  const covered = (await assignedEvents(caseIds)).filter((e) => (e.data as { reason: { coverFor?: string } }).reason.coverFor === anna.id);
  expect(covered).toHaveLength(3);
  expect(covered.every((e) => (e.data as { assigneeId: string }).assigneeId === bo.id)).toBe(true);

  // Without a cover the absent caseworker's turns are skipped; back, she gets work again.
  await ctx.http().put(`/v1/users/${anna.id}/availability`).set('authorization', anna.auth).send({ available: false }).expect(200);
  const more = await intake('social', 4);
  expect(countBy(await assignmentsOf(more, 'social'), [anna, bo, cai])).toEqual([0, 2, 2]);
  await ctx.http().put(`/v1/users/${anna.id}/availability`).set('authorization', admin.auth).send({ available: true }).expect(200);
  const after = await intake('social', 3);
  expect(countBy(await assignmentsOf(after, 'social'), [anna, bo, cai])).toEqual([1, 1, 1]);
});

test('work waiting for an eligible caseworker is handed out when one becomes available', async () => {
  const [dina] = (await caseworkers('technical', 1)) as [Person];
  await ctx.http().put(`/v1/users/${dina.id}/availability`).set('authorization', dina.auth).send({ available: false }).expect(200);
  await setPolicy('technical', { mode: 'round-robin' }).expect(200);
  const caseIds = await intake('technical', 2);
  expect((await assignmentsOf(caseIds, 'technical')).every((r) => r.assignee_id === null)).toBe(true);

  await ctx.http().put(`/v1/users/${dina.id}/availability`).set('authorization', dina.auth).send({ available: true }).expect(200);
  expect((await assignmentsOf(caseIds, 'technical')).every((r) => r.assignee_id === dina.id)).toBe(true);
  const events = await assignedEvents(caseIds);
  expect(events.map((e) => (e.data as { trigger: string }).trigger)).toEqual(['queue', 'queue']);
});

test('an assignment not started within noAnswerHours goes to the next eligible caseworker', async () => {
  const [eva, finn] = (await caseworkers('technical', 2)) as [Person, Person];
  await setPolicy('technical', { mode: 'round-robin', noAnswerHours: 2 }).expect(200);
  const [caseId] = (await intake('technical', 1)) as [string];
  const [given] = (await assignmentsOf([caseId], 'technical')) as [AssignmentState];
  const first = given.assignee_id;
  expect([eva.id, finn.id]).toContain(first);
  const next = first === eva.id ? finn : eva;

  // An hour on it is still theirs (Dina's assignments from the test before go on now: she left).
  await sweepAssignments(ctx.db, new Date(Date.now() + 60 * 60 * 1000));
  expect((await assignmentsOf([caseId], 'technical'))[0]).toMatchObject({ assignee_id: first });
  expect((await sweepAssignments(ctx.db, new Date(Date.now() + 3 * 60 * 60 * 1000))).reassigned).toBeGreaterThanOrEqual(1);
  const [moved] = (await assignmentsOf([caseId], 'technical')) as [AssignmentState];
  expect(moved).toMatchObject({ status: 'queued', assignee_id: next.id });
  const history = await ctx.http().get(`/v1/cases/${caseId}/events`).set('authorization', coordinator.auth).expect(200);
  const assigned = (history.body as Array<{ type: string; data: { trigger: string; assigneeId: string } }>).filter((e) => e.type === 'assigned');
  expect(assigned.map((e) => [e.data.trigger, e.data.assigneeId])).toEqual([
    ['intake', first],
    ['timeout', next.id],
  ]);
});

test('an assignment given to someone who leaves the department goes on at the next sweep', async () => {
  const [kim, lis] = (await caseworkers('technical', 2)) as [Person, Person];
  await setPolicy('technical', { mode: 'round-robin' }).expect(200);
  const [caseId] = (await intake('technical', 1)) as [string];
  const [given] = (await assignmentsOf([caseId], 'technical')) as [AssignmentState];
  const leaver = given.assignee_id === kim.id ? kim : lis;
  const stayer = leaver === kim ? lis : kim;
  await sql`UPDATE users SET active = false WHERE id = ${leaver.id}`.execute(ctx.db);
  await sweepAssignments(ctx.db);
  expect((await assignmentsOf([caseId], 'technical'))[0]).toMatchObject({ status: 'queued', assignee_id: stayer.id });
});

test("what the policy gave a caseworker is on their 'my work' page, and the case's history says why", async () => {
  const [mia] = (await caseworkers('technical', 1)) as [Person];
  await setPolicy('technical', { mode: 'least-loaded' }).expect(200);
  const [caseId] = (await intake('technical', 1)) as [string];
  const reference = (await ctx.http().get(`/v1/cases/${caseId}`).set('authorization', mia.auth).expect(200)).body.reference as string;
  const cookie = await signIn(ctx, admin, mia);
  const work = await ctx.http().get('/staff?lang=en').set('cookie', cookie);
  expect(work.status).toBe(200);
  expect(work.text).toContain(reference);
  expect(work.text).toContain('Given to you, not started');
  const page = await ctx.http().get(`/staff/cases/${reference}?lang=en`).set('cookie', cookie);
  expect(page.status).toBe(200);
  expect(page.text).toContain('given out automatically (fewest open assignments; 0 open before)');
});

test('transferred, involved and released assignments are handed out in the same change', async () => {
  const [gry, hans] = (await caseworkers('technical', 2)) as [Person, Person];
  await setPolicy('technical', { mode: 'least-loaded' }).expect(200);
  await sql`UPDATE assignment_policies SET mode = 'pull' WHERE department_code = 'social'`.execute(ctx.db);
  const [caseId] = (await intake('social', 1)) as [string];
  const transferred = await ctx
    .http()
    .post(`/v1/cases/${caseId}/transfer`)
    .set('authorization', coordinator.auth)
    .send({ from: 'social', to: 'technical', reason: 'Det handler om lokaler.' });
  expect(transferred.status).toBe(200);
  const technical = (transferred.body.assignments as Array<{ department: string; status: string; assignee: { id: string } | null }>).find(
    (a) => a.department === 'technical',
  );
  expect(technical?.status).toBe('queued');
  const holder = technical?.assignee?.id === gry.id ? gry : hans;
  const other = holder === gry ? hans : gry;
  expect(technical?.assignee?.id).toBe(holder.id);

  // Started and released: it goes to the other caseworker, not back to the one who let it go.
  for (const change of [{ status: 'in_progress' }, { status: 'queued' }]) {
    const res = await ctx
      .http()
      .patch(`/v1/cases/${caseId}/assignments/technical`)
      .set('authorization', holder.auth)
      .set('if-match', await etagOf(ctx, holder, caseId))
      .send(change);
    expect(res.status).toBe(200);
  }
  const [released] = (await assignmentsOf([caseId], 'technical')) as [AssignmentState];
  expect(released).toMatchObject({ status: 'queued', assignee_id: other.id });

  const [involveCase] = (await intake('social', 1)) as [string];
  const involved = await ctx.http().post(`/v1/cases/${involveCase}/involve`).set('authorization', coordinator.auth).send({ department: 'technical', reason: 'Lokaler.' });
  expect(involved.status).toBe(200);
  const events = await assignedEvents([caseId, involveCase]);
  expect(events.map((e) => (e.data as { trigger: string }).trigger).sort()).toEqual(['involve', 'release', 'transfer']);
});

test('a simulation shows who would have received the last assignments, changing nothing', async () => {
  const before = await ctx.db.selectFrom('case_events').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const res = await ctx
    .http()
    .post('/v1/departments/jobcenter/assignment-policy/simulate')
    .set('authorization', coordinator.auth)
    .send({ mode: 'least-loaded', maxOpenPerCaseworker: 10 });
  expect(res.status).toBe(200);
  expect(res.body.assignments).toHaveLength(100);
  const simulated = (res.body.perCaseworker as Array<{ simulated: number }>).map((c) => c.simulated);
  expect(simulated.reduce((a, b) => a + b, 0) + res.body.unassigned).toBe(100);
  expect(Math.max(...simulated)).toBeLessThanOrEqual(10);
  const after = await ctx.db.selectFrom('case_events').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  expect(after.n).toBe(before.n);
});

describe('bad input', () => {
  test.each([
    [{ mode: 'random' }, 'body.mode'],
    [{ mode: 'round-robin', maxOpenPerCaseworker: 0 }, 'body.maxOpenPerCaseworker'],
    [{ mode: 'round-robin', noAnswerHours: 0.5 }, 'body.noAnswerHours'],
  ])('%j is refused with 400 naming %s', async (body, path) => {
    const res = await setPolicy('social', body);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  test('only coordinators and admins see and set policies; an unknown department is 404', async () => {
    const caseworker = await createPerson(ctx, 'caseworker', ['social']);
    expect((await setPolicy('social', { mode: 'pull' }, caseworker)).status).toBe(403);
    expect((await ctx.http().get('/v1/departments/social/assignment-policy').set('authorization', caseworker.auth)).status).toBe(403);
    expect((await setPolicy('nowhere', { mode: 'pull' }, admin)).status).toBe(404);
  });

  test("a caseworker cannot set someone else's availability; a cover outside the departments is 422", async () => {
    const [ida, jon] = [await createPerson(ctx, 'caseworker', ['social']), await createPerson(ctx, 'caseworker', ['social'])];
    const outsider = await createPerson(ctx, 'caseworker', ['jobcenter']);
    expect((await ctx.http().put(`/v1/users/${jon.id}/availability`).set('authorization', ida.auth).send({ available: false })).status).toBe(403);
    const res = await ctx.http().put(`/v1/users/${ida.id}/availability`).set('authorization', ida.auth).send({ available: false, coverUserId: outsider.id });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe('body.coverUserId');
    await sql`UPDATE users SET active = false WHERE id = ${jon.id}`.execute(ctx.db);
    const inactive = await ctx.http().put(`/v1/users/${ida.id}/availability`).set('authorization', admin.auth).send({ available: false, coverUserId: jon.id });
    expect(inactive.status).toBe(422);
  });
});
