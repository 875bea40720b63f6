import type { Test } from 'supertest';
import { startTestApp, type TestContext } from '../support/app.js';
import { createPerson, type Person, type SubmittedCase, submitCase } from '../support/people.js';

// Every endpoint × every role × inside/outside the case's departments. The case of each
// cell is fresh, submitted by `integratorOwner`, led by the jobcenter with the business
// service involved. `member` is a jobcenter caseworker, `involved` a business-service
// caseworker (on the case, but not the jobcenter), `outsider` a social caseworker.

const personas = ['anonymous', 'admin', 'coordinator', 'member', 'involved', 'outsider', 'integratorOwner', 'integratorOther'] as const;
type Persona = (typeof personas)[number];

let ctx: TestContext;
let people: Record<Exclude<Persona, 'anonymous'>, Person>;
let spareUser: Person;

beforeAll(async () => {
  ctx = await startTestApp();
  people = {
    admin: await createPerson(ctx, 'admin'),
    coordinator: await createPerson(ctx, 'coordinator'),
    member: await createPerson(ctx, 'caseworker', ['jobcenter']),
    involved: await createPerson(ctx, 'caseworker', ['business-service']),
    outsider: await createPerson(ctx, 'caseworker', ['social']),
    integratorOwner: await createPerson(ctx, 'integrator'),
    integratorOther: await createPerson(ctx, 'integrator'),
  };
  spareUser = await createPerson(ctx, 'coordinator');
});
afterAll(async () => ctx.close());

interface Cell {
  kase: SubmittedCase;
  /** Adds the persona's token, if any. */
  as: (request: Test) => Test;
}

type Expectation = number | 'listed' | 'not listed';

interface Endpoint {
  name: string;
  call: (cell: Cell) => Test;
  expect: Record<Persona, Expectation>;
}

const byRole = (
  admin: Expectation,
  coordinator: Expectation,
  member: Expectation,
  involved: Expectation,
  outsider: Expectation,
  integratorOwner: Expectation,
  integratorOther: Expectation,
): Record<Persona, Expectation> => ({ anonymous: 401, admin, coordinator, member, involved, outsider, integratorOwner, integratorOther });
const adminsOnly = (ok: number) => byRole(ok, 403, 403, 403, 403, 403, 403);

const endpoints: Endpoint[] = [
  {
    name: 'GET /v1/cases',
    call: ({ kase, as }) => as(ctx.http().get('/v1/cases').query({ q: kase.reference })),
    expect: byRole('listed', 'listed', 'listed', 'listed', 'not listed', 'listed', 'not listed'),
  },
  {
    name: 'GET /v1/cases/{caseId}',
    call: ({ kase, as }) => as(ctx.http().get(`/v1/cases/${kase.caseId}`)),
    expect: byRole(200, 200, 200, 200, 404, 200, 404),
  },
  {
    name: 'GET /v1/cases/{caseId}/events',
    call: ({ kase, as }) => as(ctx.http().get(`/v1/cases/${kase.caseId}/events`)),
    expect: byRole(200, 200, 200, 200, 404, 200, 404),
  },
  {
    name: 'POST /v1/departments/{department}/claim',
    call: ({ as }) => as(ctx.http().post('/v1/departments/jobcenter/claim')),
    expect: byRole(403, 403, 200, 403, 403, 403, 403),
  },
  {
    name: 'PATCH /v1/cases/{caseId}/assignments/{department}',
    call: ({ kase, as }) =>
      as(ctx.http().patch(`/v1/cases/${kase.caseId}/assignments/jobcenter`).set('if-match', '*').send({ assignee: people.member.id })),
    expect: byRole(200, 200, 200, 403, 404, 403, 403),
  },
  {
    name: 'POST /v1/cases/{caseId}/transfer',
    call: ({ kase, as }) => as(ctx.http().post(`/v1/cases/${kase.caseId}/transfer`).send({ from: 'jobcenter', to: 'technical', reason: 'Lokaler' })),
    expect: byRole(200, 200, 200, 403, 404, 403, 403),
  },
  {
    name: 'POST /v1/cases/{caseId}/involve',
    call: ({ kase, as }) => as(ctx.http().post(`/v1/cases/${kase.caseId}/involve`).send({ department: 'social', reason: 'Udsat medarbejder' })),
    expect: byRole(200, 200, 200, 200, 404, 403, 403),
  },
  {
    name: 'POST /v1/cases/{caseId}/notes',
    call: ({ kase, as }) => as(ctx.http().post(`/v1/cases/${kase.caseId}/notes`).send({ visibility: 'case', body: 'Ringet op.' })),
    expect: byRole(201, 201, 201, 201, 404, 403, 403),
  },
  {
    name: 'GET /v1/cases/{caseId}/access-log',
    call: ({ kase, as }) => as(ctx.http().get(`/v1/cases/${kase.caseId}/access-log`)),
    expect: adminsOnly(200),
  },
  { name: 'GET /v1/users', call: ({ as }) => as(ctx.http().get('/v1/users')), expect: adminsOnly(200) },
  {
    name: 'POST /v1/users',
    call: ({ as }) =>
      as(ctx.http().post('/v1/users').send({ name: 'Ny', email: `ny.${Math.random().toString(36).slice(2)}@kommune.example`, role: 'coordinator' })),
    expect: adminsOnly(201),
  },
  { name: 'GET /v1/users/{userId}', call: ({ as }) => as(ctx.http().get(`/v1/users/${spareUser.id}`)), expect: adminsOnly(200) },
  {
    name: 'PATCH /v1/users/{userId}',
    call: ({ as }) => as(ctx.http().patch(`/v1/users/${spareUser.id}`).send({ name: 'Omdøbt' })),
    expect: adminsOnly(200),
  },
  { name: 'GET /v1/users/{userId}/tokens', call: ({ as }) => as(ctx.http().get(`/v1/users/${spareUser.id}/tokens`)), expect: adminsOnly(200) },
  {
    name: 'POST /v1/users/{userId}/tokens',
    call: ({ as }) => as(ctx.http().post(`/v1/users/${spareUser.id}/tokens`).send({ name: 'extra' })),
    expect: adminsOnly(201),
  },
  {
    name: "DELETE /v1/tokens/{tokenId} (someone else's)",
    call: ({ as }) => as(ctx.http().delete(`/v1/tokens/${spareTokenId}`)),
    expect: byRole(204, 404, 404, 404, 404, 404, 404),
  },
  { name: 'GET /v1/me', call: ({ as }) => as(ctx.http().get('/v1/me')), expect: byRole(200, 200, 200, 200, 200, 200, 200) },
  { name: 'GET /v1/me/notifications', call: ({ as }) => as(ctx.http().get('/v1/me/notifications')), expect: byRole(200, 200, 200, 200, 200, 200, 200) },
  {
    name: 'PUT /v1/me/notifications',
    call: ({ as }) => as(ctx.http().put('/v1/me/notifications').send({ newAssignments: 'daily' })),
    expect: byRole(200, 200, 200, 200, 200, 200, 200),
  },
];

let spareTokenId = '';

const cells = endpoints.flatMap((endpoint) => personas.map((persona) => [endpoint.name, persona, endpoint.expect[persona], endpoint] as const));

test.each(cells)('%s as %s: %s', async (_name, persona, expected, endpoint) => {
  const kase = await submitCase(ctx, { topics: ['hiring', 'business-development'] }, people.integratorOwner);
  // A token of someone else's to revoke, new for each cell.
  const spare = await ctx.http().post(`/v1/users/${spareUser.id}/tokens`).set('authorization', people.admin.auth).send({ name: 'spare' });
  spareTokenId = spare.body.id;
  const as = (request: Test) => (persona === 'anonymous' ? request : request.set('authorization', people[persona].auth));

  const res = await endpoint.call({ kase, as });
  if (expected === 'listed' || expected === 'not listed') {
    expect(res.status).toBe(200);
    const ids = res.body.items.map((item: { id: string }) => item.id);
    if (expected === 'listed') expect(ids).toContain(kase.caseId);
    else expect(ids).not.toContain(kase.caseId);
    return;
  }
  expect(res.status).toBe(expected);
  if (expected >= 400) {
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.status).toBe(expected);
  }
});

test('a case a caseworker cannot see answers exactly like a case that does not exist', async () => {
  const kase = await submitCase(ctx, { topics: ['hiring'] });
  const hidden = await ctx.http().get(`/v1/cases/${kase.caseId}`).set('authorization', people.outsider.auth);
  const missing = await ctx.http().get('/v1/cases/6f1c4c1e-8d1a-4f5e-9b7a-2a1d3c4b5e6f').set('authorization', people.outsider.auth);
  expect([hidden.status, missing.status]).toEqual([404, 404]);
  expect(hidden.body.detail).toBe(missing.body.detail);
});

test('an unknown, revoked or expired token is 401, never treated as anonymous', async () => {
  const person = await createPerson(ctx, 'coordinator');
  const unknown = await ctx.http().get('/v1/me').set('authorization', 'Bearer oe_this-token-does-not-exist-at-all');
  expect(unknown.status).toBe(401);
  const me = await ctx.http().get('/v1/me').set('authorization', person.auth);
  await ctx.http().delete(`/v1/tokens/${me.body.token.id}`).set('authorization', person.auth).expect(204);
  const revoked = await ctx.http().get('/v1/me').set('authorization', person.auth);
  expect(revoked.status).toBe(401);
});
