import { startTestApp, type TestContext } from '../support/app.js';
import { validInquiry } from '../support/fixtures.js';
import { fleksjobRule, routingAs } from '../support/routing.js';
import { type TestUser, createUserWithToken } from '../support/users.js';

let ctx: TestContext;
let coordinator: TestUser;
let routing: ReturnType<typeof routingAs>;

beforeAll(async () => {
  ctx = await startTestApp();
  coordinator = await createUserWithToken(ctx.db, 'coordinator');
  routing = routingAs(ctx, coordinator);
});
afterAll(async () => ctx.close());
afterEach(async () => {
  await ctx.db.deleteFrom('routing_golden_cases').execute();
});

const fleksjobInquiry = (overrides: Record<string, unknown> = {}) =>
  validInquiry({ topics: ['other'], subject: 'Spørgsmål om fleksjob', description: 'Vi overvejer at ansætte en person i fleksjob.', ...overrides });

const fleksjobGoldenCase = {
  name: 'Fleksjob questions go to the jobcenter',
  inquiry: fleksjobInquiry(),
  expected: { lead: 'jobcenter', involved: [] },
};

async function publishedVersions(): Promise<number[]> {
  const rows = await ctx.db.selectFrom('routing_tables').select('version').where('status', '=', 'published').execute();
  return rows.map((r) => r.version);
}

async function seedRulesWith(first: unknown): Promise<unknown[]> {
  const seed = await routing.get(1);
  return [first, ...(seed.body.rules as unknown[])];
}

describe('golden cases', () => {
  test('are kept without contact data and checked against the published table', async () => {
    const created = await routing.addGoldenCase(fleksjobGoldenCase);
    expect(created.status).toBe(201);
    expect(created.body.inquiry).toEqual({
      topics: ['other'],
      subject: 'Spørgsmål om fleksjob',
      description: 'Vi overvejer at ansætte en person i fleksjob.',
      enterprise: { postcode: '6000', employees: 12, registeredSocialEnterprise: true },
    });
    expect(JSON.stringify(created.body)).not.toContain('mette@example.dk');
    // The seeded table lets the fallback lead and only involves the jobcenter.
    expect(created.body.check).toMatchObject({ passed: false, actual: { lead: 'business-service', involved: ['jobcenter'] } });

    const list = await ctx.http().get('/v1/routing/golden-cases').set('authorization', coordinator.auth);
    expect(list.body).toEqual([expect.objectContaining({ id: created.body.id, expected: { lead: 'jobcenter', involved: [] } })]);

    const removed = await ctx.http().delete(`/v1/routing/golden-cases/${created.body.id}`).set('authorization', coordinator.auth);
    expect(removed.status).toBe(204);
    expect((await ctx.http().delete(`/v1/routing/golden-cases/${created.body.id}`).set('authorization', coordinator.auth)).status).toBe(404);
  });

  test('with an unknown department or topic are refused, naming the field', async () => {
    const res = await routing.addGoldenCase({ name: 'x', inquiry: { topics: ['knitting'] }, expected: { lead: 'library', involved: ['social', 'mars'] } });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.inquiry.topics.0', 'body.expected.lead', 'body.expected.involved.1']);
  });
});

describe('publishing', () => {
  test('a draft that breaks a golden case is refused with each failure, and published with force and a reason', async () => {
    const golden = await routing.addGoldenCase({
      name: 'Hiring leads at the jobcenter',
      inquiry: validInquiry({ topics: ['hiring'], subject: 'Ansættelse', description: 'Vi vil gerne ansætte en kok.' }),
      expected: { lead: 'jobcenter', involved: [] },
    });
    const draft = await routing.draft([{ id: 'all-social', name: 'Everything to social', when: {}, then: { department: 'social', role: 'lead' } }]);

    const refused = await routing.publish(draft);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ type: '/problems/golden-cases-failed', status: 422 });
    expect(refused.body.failures).toEqual([
      { id: golden.body.id, name: 'Hiring leads at the jobcenter', expected: { lead: 'jobcenter', involved: [] }, actual: { lead: 'social', involved: [] } },
    ]);
    expect(await publishedVersions()).toEqual([1]);

    const withoutReason = await routing.publish(draft, { force: true });
    expect(withoutReason.status).toBe(400);
    expect(withoutReason.body.errors).toEqual([expect.objectContaining({ path: 'body.reason' })]);

    const forced = await routing.publish(draft, { force: true, reason: 'Social takes every inquiry during the pilot' });
    expect(forced.status).toBe(200);
    expect(forced.body.table).toMatchObject({ version: draft, status: 'published', publishForced: true, publishReason: 'Social takes every inquiry during the pilot', publishedBy: { id: coordinator.id } });
    expect(forced.body.goldenCases.failed).toHaveLength(1);
    expect(forced.body.table.history.at(-1)).toMatchObject({
      action: 'published',
      by: { id: coordinator.id },
      details: { forced: true, reason: 'Social takes every inquiry during the pilot', failedGoldenCases: [golden.body.id] },
    });
    expect(await publishedVersions()).toEqual([draft]);

    const retired = await routing.get(forced.body.retiredVersion);
    expect(retired.body).toMatchObject({ status: 'retired' });
    expect(retired.body.history.at(-1)).toMatchObject({ action: 'retired', details: { replacedBy: draft } });
  });

  test('a passing draft is published, and the next inquiry is routed by it and records its version', async () => {
    await routing.addGoldenCase(fleksjobGoldenCase);
    const draft = await routing.draft(await seedRulesWith(fleksjobRule));
    const published = await routing.publish(draft);
    expect(published.status).toBe(200);
    expect(published.body.goldenCases).toEqual({ total: 1, failed: [] });

    const receipt = await ctx.http().post('/v1/inquiries').send(fleksjobInquiry());
    expect(receipt.body.routing).toEqual({ lead: 'jobcenter', involved: [] });
    const row = await ctx.db.selectFrom('cases').select(['routing_version', 'matched_rule_ids']).where('id', '=', receipt.body.caseId).executeTakeFirstOrThrow();
    expect(row).toEqual({ routing_version: draft, matched_rule_ids: ['fleksjob-jobcenter', 'keywords-employment'] });
  });

  test('two drafts published at once leave exactly one published table', async () => {
    const [a, b] = [await routing.draft(await seedRulesWith(fleksjobRule)), await routing.draft(await seedRulesWith(fleksjobRule))];
    const results = await Promise.all([routing.publish(a), routing.publish(b)]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    const published = await publishedVersions();
    expect(published).toHaveLength(1);
    expect([a, b]).toContain(published[0]);
  });

  test('a draft that refers to a department closed since it was saved cannot be published', async () => {
    await ctx.db.insertInto('departments').values({ code: 'library', name_da: 'Bibliotek', name_en: 'Library' }).execute();
    const draft = await routing.draft([{ id: 'books', name: 'Books', when: { keywords: { anyOf: ['bøger'] } }, then: { department: 'library', role: 'involve' } }]);
    await ctx.db.updateTable('departments').set({ active: false }).where('code', '=', 'library').execute();
    const res = await routing.publish(draft);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ type: '/problems/routing-table-invalid', errors: [{ path: 'rules.0.then.department', message: 'Unknown department: library' }] });
  });

  test('an unknown version is 404', async () => {
    expect((await routing.publish(424242)).status).toBe(404);
  });
});
