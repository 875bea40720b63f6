import { startTestApp, type TestContext } from '../support/app.js';
import { createPerson, etagOf, type Person, submitCase } from '../support/people.js';
import { registerWebhook } from '../support/webhooks.js';

// An integrator reads the cases it submitted at the enterprise's level of detail:
// departments and statuses, never the municipality's people, their user ids, internal
// notes or the routing rules that matched.

let ctx: TestContext;
let coordinator: Person;
let caseworker: Person;
let integrator: Person;
let caseId: string;
let webhookId: string;

beforeAll(async () => {
  ctx = await startTestApp({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' });
  coordinator = await createPerson(ctx, 'coordinator', [], 'Kirsten Koordinator');
  caseworker = await createPerson(ctx, 'caseworker', ['jobcenter'], 'Jonas Jobcenter');
  integrator = await createPerson(ctx, 'integrator');
  webhookId = (await registerWebhook(ctx, integrator, { url: 'http://127.0.0.1:9/hooks' })).id;

  // A case the integrator submitted, worked on by a named caseworker, with every kind of note.
  ({ caseId } = await submitCase(ctx, { topics: ['hiring', 'business-development'] }, integrator));
  const as = (person: Person) => ({ authorization: person.auth });
  const assign = await ctx.http().patch(`/v1/cases/${caseId}/assignments/jobcenter`).set(as(caseworker)).set('if-match', await etagOf(ctx, caseworker, caseId)).send({ assignee: 'me' });
  expect(assign.status).toBe(200);
  for (const [visibility, body] of [['department', 'Internt i jobcentret'], ['case', 'Til alle på sagen'], ['enterprise', 'Vi ringer i morgen']]) {
    expect((await ctx.http().post(`/v1/cases/${caseId}/notes`).set(as(caseworker)).send({ visibility, body })).status).toBe(201);
  }
});
afterAll(async () => ctx.close());

const get = (person: Person, url: string) => ctx.http().get(url).set('authorization', person.auth);

/** Whatever the shape, none of the municipality's people or rule ids appear anywhere. */
function expectNoCaseworkDetail(body: unknown): void {
  const text = JSON.stringify(body);
  for (const secret of [caseworker.id, caseworker.name, 'Internt i jobcentret', 'Til alle på sagen']) expect(text).not.toContain(secret);
}

test('the municipality sees who works on the case and why it was routed there', async () => {
  const res = await get(coordinator, `/v1/cases/${caseId}`);
  expect(res.status).toBe(200);
  expect(res.body.routing.matchedRuleIds.length).toBeGreaterThan(0);
  expect(res.body.assignments.find((a: { department: string }) => a.department === 'jobcenter').assignee).toEqual({ id: caseworker.id, name: caseworker.name });
  expect(res.body.notes.map((n: { author: { id: string } }) => n.author.id)).toEqual([caseworker.id, caseworker.id, caseworker.id]);
  const events = await get(coordinator, `/v1/cases/${caseId}/events`);
  expect(events.body.some((e: { actor: { id: string | null } }) => e.actor.id === caseworker.id)).toBe(true);
});

test('an integrator reading the case gets departments and statuses, and no people, user ids, internal notes or rule ids', async () => {
  const res = await get(integrator, `/v1/cases/${caseId}`);
  expect(res.status).toBe(200);
  expect(res.body.routing).toEqual({ version: expect.any(Number) });
  expect(res.body.assignments.map((a: Record<string, unknown>) => [a.department, a.role, a.status])).toEqual([
    ['jobcenter', 'lead', 'in_progress'],
    ['business-service', 'involved', 'queued'],
  ]);
  for (const assignment of res.body.assignments) expect(assignment).not.toHaveProperty('assignee');
  expect(res.body.notes).toEqual([
    { id: expect.any(String), visibility: 'enterprise', department: 'jobcenter', body: 'Vi ringer i morgen', createdAt: expect.any(String) },
  ]);
  expectNoCaseworkDetail(res.body);
});

test('an integrator listing its cases gets no assignee ids, and may not filter by assignee', async () => {
  const res = await get(integrator, '/v1/cases');
  expect(res.status).toBe(200);
  const listed = res.body.items.find((item: { id: string }) => item.id === caseId);
  expect(listed.assignments.map((a: { department: string; status: string }) => [a.department, a.status])).toEqual([
    ['jobcenter', 'in_progress'],
    ['business-service', 'queued'],
  ]);
  for (const assignment of listed.assignments) expect(assignment).not.toHaveProperty('assigneeId');
  expectNoCaseworkDetail(res.body);

  for (const assignee of ['me', 'none', caseworker.id]) {
    const filtered = await get(integrator, `/v1/cases?assignee=${assignee}`);
    expect(filtered.status).toBe(403);
    expect(filtered.headers['content-type']).toMatch(/^application\/problem\+json/);
  }
  const coordinatorList = await get(coordinator, `/v1/cases?assignee=${caseworker.id}`);
  expect(coordinatorList.body.items.map((item: { id: string }) => item.id)).toContain(caseId);
});

test('an integrator reading the history gets what happened to the case, without who did it', async () => {
  const res = await get(integrator, `/v1/cases/${caseId}/events`);
  expect(res.status).toBe(200);
  expect(res.body.map((e: { type: string }) => e.type)).toEqual(['created', 'case_status_changed', 'note_added']);
  for (const event of res.body) expect(event).not.toHaveProperty('actor');
  const noteEvent = res.body.find((e: { type: string }) => e.type === 'note_added');
  expect(noteEvent.note).not.toHaveProperty('author');
  expect(noteEvent.note.body).toBe('Vi ringer i morgen');
  expectNoCaseworkDetail(res.body);
});

test('the webhooks for the integrator\'s endpoint carry no people, user ids, internal notes or rule ids', async () => {
  const deliveries = await ctx.db.selectFrom('webhook_deliveries').select(['event_type', 'payload']).where('endpoint_id', '=', webhookId).execute();
  expect(deliveries.map((d) => d.event_type).sort()).toEqual(['case.assignment.changed', 'case.created', 'case.note.enterprise']);
  for (const delivery of deliveries) {
    expectNoCaseworkDetail(delivery.payload);
    expect(JSON.stringify(delivery.payload)).not.toMatch(/assignee|author|actor|matchedRuleIds|ruleId/i);
  }
});

test('the OpenAPI document says which fields integrators are not sent', () => {
  const schemas = (ctx.app.swagger() as { components: { schemas: Record<string, any> } }).components.schemas;
  expect(schemas.Assignment.required).not.toContain('assignee');
  expect(schemas.Note.required).not.toContain('author');
  // An event's schema is one per type of the catalogue.
  const eventTypes = (schemas.CaseEvent.oneOf as { $ref: string }[]).map((variant) => schemas[variant.$ref.replace('#/components/schemas/', '')]);
  expect(eventTypes.length).toBeGreaterThan(5);
  for (const eventType of eventTypes) {
    expect(eventType.required).not.toContain('actor');
    expect(JSON.stringify(eventType.properties.actor)).toContain('Not sent to integrators');
  }
  expect(schemas.Case.properties.routing.required).not.toContain('matchedRuleIds');
  expect(schemas.CaseSummary.properties.assignments.items.required).not.toContain('assigneeId');
  for (const described of [schemas.Assignment.properties.assignee, schemas.Note.properties.author]) {
    expect(JSON.stringify(described)).toContain('Not sent to integrators');
  }
});
