import { startTestApp, type TestContext } from '../support/app.js';
import { changeAssignment, resolveCase } from '../support/casework.js';
import { validInquiry } from '../support/fixtures.js';
import { fleksjobRule, routingAs } from '../support/routing.js';
import { type TestUser, createUserWithToken } from '../support/users.js';

let ctx: TestContext;
let coordinator: TestUser;
let newVersion: number;
// Submitted before the fleksjob rule is published: the fallback leads, the jobcenter is involved.
let caseIds: string[];

beforeAll(async () => {
  ctx = await startTestApp();
  coordinator = await createUserWithToken(ctx.db, 'coordinator');
  caseIds = [];
  for (let i = 0; i < 4; i++) {
    const res = await ctx
      .http()
      .post('/v1/inquiries')
      .send(validInquiry({ topics: ['other'], subject: 'Fleksjob', description: 'Vi vil gerne ansætte en person i fleksjob.' }));
    expect(res.body.routing).toEqual({ lead: 'business-service', involved: ['jobcenter'] });
    caseIds.push(res.body.caseId);
  }
  const routing = routingAs(ctx, coordinator);
  const seed = await routing.get(1);
  newVersion = await routing.draft([fleksjobRule, ...seed.body.rules]);
  expect((await routing.publish(newVersion)).status).toBe(200);
});
afterAll(async () => ctx.close());

const reroute = (caseId: string, as: TestUser | null = coordinator, body: Record<string, unknown> = {}) => {
  const req = ctx.http().post(`/v1/cases/${caseId}/reroute`);
  return (as ? req.set('authorization', as.auth) : req).send(body);
};

async function assignments(caseId: string) {
  return ctx.db
    .selectFrom('assignments')
    .select(['department_code as department', 'role', 'status'])
    .where('case_id', '=', caseId)
    .orderBy('department_code')
    .orderBy('status')
    .execute();
}

test('re-routing moves the lead to the new decision, transfers queued work and records both decisions', async () => {
  const caseId = caseIds[0] as string;
  const res = await reroute(caseId, coordinator, { reason: 'New fleksjob rule' });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({
    changed: true,
    before: { routingVersion: 1, lead: 'business-service', involved: ['jobcenter'] },
    after: { routingVersion: newVersion, lead: 'jobcenter', involved: [], matchedRuleIds: ['fleksjob-jobcenter', 'keywords-employment'] },
    added: [],
    transferred: ['business-service'],
    kept: [],
  });
  expect(await assignments(caseId)).toEqual([
    { department: 'business-service', role: 'lead', status: 'transferred' },
    { department: 'jobcenter', role: 'lead', status: 'queued' },
  ]);
  const row = await ctx.db.selectFrom('cases').select(['lead_department', 'routing_version', 'revision']).where('id', '=', caseId).executeTakeFirstOrThrow();
  expect(row).toEqual({ lead_department: 'jobcenter', routing_version: newVersion, revision: 2 });
  const event = await ctx.db.selectFrom('case_events').select(['type', 'actor_id', 'data']).where('case_id', '=', caseId).where('type', '=', 'rerouted').executeTakeFirstOrThrow();
  expect(event).toMatchObject({
    actor_id: coordinator.id,
    data: { before: { lead: 'business-service' }, after: { lead: 'jobcenter', leadRuleId: 'fleksjob-jobcenter' }, reason: 'New fleksjob rule' },
  });
});

test('work already in progress stays with its department, as involved', async () => {
  const caseId = caseIds[1] as string;
  const caseworker = await createUserWithToken(ctx.db, 'caseworker', ['business-service']);
  await changeAssignment(ctx, caseworker, caseId, 'business-service', { status: 'in_progress', assignee: 'me' });
  const res = await reroute(caseId);
  expect(res.body).toMatchObject({ changed: true, transferred: [], kept: ['business-service'] });
  expect(await assignments(caseId)).toEqual([
    { department: 'business-service', role: 'involved', status: 'in_progress' },
    { department: 'jobcenter', role: 'lead', status: 'queued' },
  ]);
});

test('re-routing a case the current table already routed changes nothing and records nothing', async () => {
  const caseId = caseIds[2] as string;
  await reroute(caseId);
  const again = await reroute(caseId);
  expect(again.body).toMatchObject({ changed: false, added: [], transferred: [] });
  const events = await ctx.db.selectFrom('case_events').select('type').where('case_id', '=', caseId).where('type', '=', 'rerouted').execute();
  expect(events).toHaveLength(1);
});

test('a resolved case is refused', async () => {
  const caseId = caseIds[3] as string;
  await resolveCase(ctx, await createUserWithToken(ctx.db, 'caseworker', ['business-service', 'jobcenter']), caseId);
  const res = await reroute(caseId);
  expect(res.status).toBe(409);
});

test('an unknown case is 404; other roles are 403; no token is 401', async () => {
  expect((await reroute('00000000-0000-4000-8000-000000000000')).status).toBe(404);
  const caseworker = await createUserWithToken(ctx.db, 'caseworker', ['jobcenter']);
  expect((await reroute(caseIds[0] as string, caseworker)).status).toBe(403);
  expect((await reroute(caseIds[0] as string, null)).status).toBe(401);
});
