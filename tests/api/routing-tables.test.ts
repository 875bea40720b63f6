import { startTestApp, type TestContext } from '../support/app.js';
import { validInquiry } from '../support/fixtures.js';
import { fleksjobRule, routingAs } from '../support/routing.js';
import { type TestUser, createUserWithToken } from '../support/users.js';

let ctx: TestContext;
let coordinator: TestUser;
let admin: TestUser;
let caseworker: TestUser;

beforeAll(async () => {
  ctx = await startTestApp();
  coordinator = await createUserWithToken(ctx.db, 'coordinator');
  admin = await createUserWithToken(ctx.db, 'admin');
  caseworker = await createUserWithToken(ctx.db, 'caseworker', ['jobcenter']);
});
afterAll(async () => ctx.close());

async function copyOfPublished() {
  const res = await routingAs(ctx, coordinator).copy(1);
  expect(res.status).toBe(201);
  return res.body as { version: number; rules: Record<string, unknown>[]; fallbackDepartment: string };
}

describe('who may administer routing', () => {
  test('without a token the routing endpoints are 401, with a caseworker token 403', async () => {
    expect((await ctx.http().get('/v1/routing/tables')).status).toBe(401);
    const forbidden = await ctx.http().get('/v1/routing/tables').set('authorization', caseworker.auth);
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await ctx.http().post('/v1/routing/simulate').set('authorization', caseworker.auth).send({ inquiry: { topics: ['hiring'] } })).status).toBe(403);
  });

  test('coordinators and admins list the versions', async () => {
    for (const user of [coordinator, admin]) {
      const res = await ctx.http().get('/v1/routing/tables').set('authorization', user.auth);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(expect.arrayContaining([expect.objectContaining({ version: 1, status: 'published' })]));
    }
  });
});

describe('drafts', () => {
  test('a copy of the published table is a draft with the same rules, its history and its source', async () => {
    const draft = await copyOfPublished();
    const res = await ctx.http().get(`/v1/routing/tables/${draft.version}`).set('authorization', coordinator.auth);
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBeDefined();
    expect(res.body).toMatchObject({ status: 'draft', copiedFrom: 1, fallbackDepartment: 'business-service', createdBy: { id: coordinator.id } });
    expect(res.body.rules).toHaveLength(8);
    expect(res.body.history).toEqual([expect.objectContaining({ action: 'created', by: { id: coordinator.id, name: coordinator.name }, details: { copiedFrom: 1 } })]);
  });

  test('an empty draft takes the published fallback department', async () => {
    const res = await ctx.http().post('/v1/routing/tables').set('authorization', admin.auth).send({});
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'draft', rules: [], fallbackDepartment: 'business-service', copiedFrom: null });
    expect(res.headers.location).toBe(`/v1/routing/tables/${res.body.version}`);
  });

  test('replacing a draft saves its rules, gives missing ids and records the edit', async () => {
    const draft = await copyOfPublished();
    const { id: _id, ...withoutId } = fleksjobRule;
    const res = await ctx
      .http()
      .put(`/v1/routing/tables/${draft.version}`)
      .set('authorization', admin.auth)
      .send({ fallbackDepartment: 'social', rules: [withoutId, ...draft.rules], note: 'fleksjob first' });
    expect(res.status).toBe(200);
    expect(res.body.rules[0].id).toMatch(/^rule-[0-9a-f]{8}$/);
    expect(res.body).toMatchObject({ fallbackDepartment: 'social', note: 'fleksjob first', updatedBy: { id: admin.id } });
    expect(res.body.history.map((h: { action: string }) => h.action)).toEqual(['created', 'edited']);
  });

  test('every invalid field is named by rule and field', async () => {
    const draft = await copyOfPublished();
    const res = await routingAs(ctx, coordinator).replace(draft.version, {
      fallbackDepartment: 'library',
      rules: [
        fleksjobRule,
        { ...fleksjobRule, name: 'again', when: { topics: { anyOf: ['knitting'] }, employees: { min: 9, max: 2 } } },
        { id: 'postcodes', name: 'p', when: { postcodes: [{ from: '6000', to: '60a0' }], keywords: { anyOf: [' '] } }, then: { department: 'mars', role: 'involve' } },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([
      'body.fallbackDepartment',
      'body.rules.1.id',
      'body.rules.1.when.topics.anyOf.0',
      'body.rules.1.when.employees.min',
      'body.rules.2.then.department',
      'body.rules.2.when.keywords.anyOf.0',
      'body.rules.2.when.postcodes.0.to',
    ]);
  });

  test('a malformed rule is a 400 naming the field', async () => {
    const draft = await copyOfPublished();
    const res = await ctx
      .http()
      .put(`/v1/routing/tables/${draft.version}`)
      .set('authorization', coordinator.auth)
      .send({ fallbackDepartment: 'social', rules: [{ ...fleksjobRule, then: { department: 'social', role: 'boss' } }] });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'body.rules.0.then.role' })]);
  });

  test('published and retired tables are immutable', async () => {
    const res = await ctx
      .http()
      .put('/v1/routing/tables/1')
      .set('authorization', coordinator.auth)
      .send({ fallbackDepartment: 'social', rules: [] });
    expect(res.status).toBe(409);
    expect((await ctx.http().post('/v1/routing/tables/1/publish').set('authorization', coordinator.auth).send({})).status).toBe(409);
  });

  test('an edit based on a stale read is refused when If-Match is sent', async () => {
    const draft = await copyOfPublished();
    const read = await ctx.http().get(`/v1/routing/tables/${draft.version}`).set('authorization', coordinator.auth);
    const body = { fallbackDepartment: 'social', rules: [] };
    const first = await ctx.http().put(`/v1/routing/tables/${draft.version}`).set('authorization', coordinator.auth).set('if-match', String(read.headers.etag)).send(body);
    expect(first.status).toBe(200);
    const second = await ctx.http().put(`/v1/routing/tables/${draft.version}`).set('authorization', coordinator.auth).set('if-match', String(read.headers.etag)).send(body);
    expect(second.status).toBe(412);
  });

  test('an unknown version is 404', async () => {
    expect((await ctx.http().get('/v1/routing/tables/999999').set('authorization', coordinator.auth)).status).toBe(404);
  });

  test('the analysis warns about unreachable lead rules, topics left to the fallback, unrouted departments and duplicates', async () => {
    const draft = await copyOfPublished();
    const res = await routingAs(ctx, coordinator).replace(draft.version, {
      fallbackDepartment: 'business-service',
      rules: [
        { id: 'hiring', name: 'h', when: { topics: { anyOf: ['hiring', 'flex-jobs'] } }, then: { department: 'jobcenter', role: 'lead' } },
        { id: 'flex', name: 'f', when: { topics: { anyOf: ['flex-jobs'] } }, then: { department: 'social', role: 'lead' } },
        { id: 'hiring-again', name: 'h2', when: { topics: { anyOf: ['flex-jobs', 'hiring'] } }, then: { department: 'jobcenter', role: 'lead' } },
      ],
    });
    expect(res.status).toBe(200);
    const warnings = res.body.warnings as { code: string; ruleId?: string; topic?: string; department?: string }[];
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'unreachable-lead-rule', ruleId: 'flex', relatedRuleIds: ['hiring'] }),
        expect.objectContaining({ code: 'duplicate-rule', ruleId: 'hiring-again', relatedRuleIds: ['hiring'] }),
        expect.objectContaining({ code: 'topic-without-lead-rule', topic: 'other' }),
        expect.objectContaining({ code: 'department-not-routed', department: 'technical' }),
      ]),
    );
  });
});

describe('simulation', () => {
  test('shows the decision and, rule by rule, what matched and which condition failed', async () => {
    const res = await ctx
      .http()
      .post('/v1/routing/simulate')
      .set('authorization', coordinator.auth)
      .send({ inquiry: validInquiry({ topics: ['social-services'], subject: 'Mentor til ny medarbejder', description: 'Vi har brug for en mentor.' }) });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(1);
    expect(res.body.decision).toMatchObject({ lead: 'social', involved: [], leadRuleId: 'social-courses', matchedRuleIds: ['social-courses', 'keywords-social'] });
    const byId = Object.fromEntries(res.body.rules.map((r: { id: string }) => [r.id, r]));
    expect(byId['jobcenter-employment']).toMatchObject({ matched: false, failedCondition: 'topics', effect: 'none' });
    expect(byId['keywords-social']).toMatchObject({ matched: true, effect: 'already-routed', matchedKeywords: ['mentor'] });
    expect(res.body.rules).toHaveLength(8);
  });

  test('a draft can be simulated before it is published', async () => {
    const draft = await copyOfPublished();
    await ctx.http().put(`/v1/routing/tables/${draft.version}`).set('authorization', coordinator.auth).send({ fallbackDepartment: 'business-service', rules: [fleksjobRule] });
    const res = await ctx
      .http()
      .post('/v1/routing/simulate')
      .set('authorization', coordinator.auth)
      .send({ version: draft.version, inquiry: { topics: ['other'], subject: 'Fleksjob?', description: 'Kan vi ansætte i fleksjob?' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: draft.version, fallback: false, decision: { lead: 'jobcenter' } });
  });

  test('an unknown topic is named', async () => {
    const res = await ctx.http().post('/v1/routing/simulate').set('authorization', coordinator.auth).send({ inquiry: { topics: ['hiring', 'knitting'] } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'body.inquiry.topics.1', message: 'Unknown topic: knitting' }]);
  });
});

describe('diff', () => {
  test('lists the rules added, removed and changed against the version it was copied from', async () => {
    const draft = await copyOfPublished();
    const [first, ...rest] = draft.rules as { id: string; then: { department: string; role: string } }[];
    const changed = { ...first, then: { ...first?.then, department: 'social' } };
    await ctx
      .http()
      .put(`/v1/routing/tables/${draft.version}`)
      .set('authorization', coordinator.auth)
      .send({ fallbackDepartment: 'business-service', rules: [changed, fleksjobRule, ...rest.slice(0, -1)] });
    const res = await ctx.http().get(`/v1/routing/tables/${draft.version}/diff`).set('authorization', coordinator.auth);
    expect(res.status).toBe(200);
    expect(res.body.against).toBe(1);
    expect(res.body.added.map((a: { rule: { id: string } }) => a.rule.id)).toEqual(['fleksjob-jobcenter']);
    expect(res.body.removed.map((a: { rule: { id: string } }) => a.rule.id)).toEqual(['volunteers-social']);
    expect(res.body.changed).toEqual([expect.objectContaining({ id: 'jobcenter-employment', fields: ['then.department'] })]);

    const explicit = await ctx.http().get(`/v1/routing/tables/1/diff?against=${draft.version}`).set('authorization', coordinator.auth);
    expect(explicit.body.added.map((a: { rule: { id: string } }) => a.rule.id)).toEqual(['volunteers-social']);
  });
});
