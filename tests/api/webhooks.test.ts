import { sql } from 'kysely';
import { startTestApp, type TestContext } from '../support/app.js';
import { createUserWithToken, type TestUser } from '../support/users.js';
import { registerWebhook, submitAs } from '../support/webhooks.js';
import { addNote } from '../support/casework.js';
import { failCommitsMentioning } from '../support/commit-fault.js';
import { createPerson } from '../support/people.js';

// Registration, access and the outbox, without the delivery worker: deliveries stay
// pending, so what the outbox wrote can be read back exactly.
let ctx: TestContext;
let integrator: TestUser;
let other: TestUser;
let admin: TestUser;
const PUBLIC_URL = 'https://93.184.215.14/hooks';

beforeAll(async () => {
  ctx = await startTestApp({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false' });
  integrator = await createUserWithToken(ctx.db, 'integrator');
  other = await createUserWithToken(ctx.db, 'integrator');
  admin = await createUserWithToken(ctx.db, 'admin');
});
afterAll(async () => ctx.close());

const as = (user: TestUser) => ({ authorization: `Bearer ${user.token}` });

describe('registering a webhook', () => {
  test('returns the endpoint with its signing secret once; later reads never show the secret', async () => {
    const res = await ctx
      .http()
      .post('/v1/webhooks')
      .set(as(integrator))
      .send({ url: PUBLIC_URL, events: ['case.created', 'case.resolved'], description: 'Partner portal, production' });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/v1/webhooks/${res.body.id}`);
    expect(res.body).toMatchObject({
      url: PUBLIC_URL,
      events: ['case.created', 'case.resolved'],
      description: 'Partner portal, production',
      ownerId: integrator.id,
      status: 'active',
      disabledReason: null,
    });
    expect(res.body.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);

    const one = await ctx.http().get(`/v1/webhooks/${res.body.id}`).set(as(integrator));
    expect(one.status).toBe(200);
    expect(one.body.secret).toBeUndefined();
    const list = await ctx.http().get('/v1/webhooks').set(as(integrator));
    expect(list.body.items.map((w: { id: string }) => w.id)).toContain(res.body.id);
    expect(JSON.stringify(list.body)).not.toContain(res.body.secret);
  });

  test('every invalid field is named', async () => {
    const res = await ctx.http().post('/v1/webhooks').set(as(integrator)).send({ url: '', events: ['case.created', 'case.created', 'case.exploded'], extra: 1 });
    expect(res.status).toBe(400);
    const paths = res.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.url', 'body.events.2', 'body.extra']));
  });

  test.each([
    ['plain http', 'http://93.184.215.14/hooks', /https/],
    ['a loopback address', 'https://127.0.0.1/hooks', /private, loopback/],
    ['the cloud metadata address', 'https://169.254.169.254/latest', /private, loopback/],
    ['a private IPv6 address', 'https://[fd00::1]/hooks', /private, loopback/],
    ['loopback as an IPv4-compatible IPv6 address', 'https://[::127.0.0.1]/hooks', /private, loopback/],
    ['loopback as an IPv4-translated IPv6 address', 'https://[::ffff:0:7f00:1]/hooks', /private, loopback/],
    ['a private address through NAT64', 'https://[64:ff9b::a00:1]/hooks', /private, loopback/],
    ['a name that resolves to loopback', 'https://localhost/hooks', /resolves to/],
    ['credentials in the URL', 'https://user:pass@93.184.215.14/hooks', /user name or password/],
    ['not a URL', 'webhooks please', /valid absolute URL/],
  ])('%s is refused', async (_name, url, message) => {
    const res = await ctx.http().post('/v1/webhooks').set(as(integrator)).send({ url, events: ['case.created'] });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'body.url', message: expect.stringMatching(message) }]);
  });
});

describe('who may do what', () => {
  test('without a token 401, with a caseworker or coordinator token 403', async () => {
    expect((await ctx.http().get('/v1/webhooks')).status).toBe(401);
    for (const role of ['caseworker', 'coordinator'] as const) {
      const user = await createUserWithToken(ctx.db, role, role === 'caseworker' ? ['jobcenter'] : []);
      const res = await ctx.http().post('/v1/webhooks').set(as(user)).send({ url: PUBLIC_URL, events: ['case.created'] });
      expect(res.status).toBe(403);
    }
  });

  test("an integrator cannot see, change or remove another integrator's endpoint; an admin sees all", async () => {
    const theirs = await registerWebhook(ctx, other, { url: PUBLIC_URL });
    const mine = await ctx.http().get('/v1/webhooks').set(as(integrator));
    expect(mine.body.items.map((w: { id: string }) => w.id)).not.toContain(theirs.id);
    for (const res of [
      await ctx.http().get(`/v1/webhooks/${theirs.id}`).set(as(integrator)),
      await ctx.http().patch(`/v1/webhooks/${theirs.id}`).set(as(integrator)).send({ enabled: false }),
      await ctx.http().delete(`/v1/webhooks/${theirs.id}`).set(as(integrator)),
      await ctx.http().get(`/v1/webhooks/${theirs.id}/deliveries`).set(as(integrator)),
      await ctx.http().post(`/v1/webhooks/${theirs.id}/rotate-secret`).set(as(integrator)).send({}),
    ]) {
      expect(res.status).toBe(404);
    }
    const all = await ctx.http().get('/v1/webhooks').set(as(admin));
    expect(all.body.items.map((w: { id: string }) => w.id)).toContain(theirs.id);
  });
});

describe('managing an endpoint', () => {
  test('pausing shows a reason, enabling clears it; events and description can change', async () => {
    const hook = await registerWebhook(ctx, integrator, { url: PUBLIC_URL });
    const paused = await ctx.http().patch(`/v1/webhooks/${hook.id}`).set(as(integrator)).send({ enabled: false, events: ['case.resolved'] });
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({ status: 'disabled', disabledReason: expect.any(String), events: ['case.resolved'] });
    const enabled = await ctx.http().patch(`/v1/webhooks/${hook.id}`).set(as(integrator)).send({ enabled: true, description: null });
    expect(enabled.body).toMatchObject({ status: 'active', disabledReason: null, disabledAt: null, description: null });
  });

  test('rotating the secret returns a new one and keeps the old valid for the grace period', async () => {
    const hook = await registerWebhook(ctx, integrator, { url: PUBLIC_URL });
    const rotated = await ctx.http().post(`/v1/webhooks/${hook.id}/rotate-secret`).set(as(integrator)).send({ gracePeriodSeconds: 3600 });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(hook.secret);
    expect(Date.parse(rotated.body.previousSecretExpiresAt)).toBeGreaterThan(Date.now() + 3500_000);
    const immediate = await ctx.http().post(`/v1/webhooks/${hook.id}/rotate-secret`).set(as(integrator)).send({ gracePeriodSeconds: 0 });
    expect(immediate.body.previousSecretExpiresAt).toBeNull();
  });

  test('removing an endpoint removes it and its deliveries', async () => {
    const hook = await registerWebhook(ctx, integrator, { url: PUBLIC_URL, events: ['case.created'] });
    await submitAs(ctx, integrator);
    const res = await ctx.http().delete(`/v1/webhooks/${hook.id}`).set(as(integrator));
    expect(res.status).toBe(204);
    expect((await ctx.http().get(`/v1/webhooks/${hook.id}`).set(as(integrator))).status).toBe(404);
    const left = await ctx.db.selectFrom('webhook_deliveries').select('id').where('endpoint_id', '=', hook.id).execute();
    expect(left).toEqual([]);
  });
});

describe('the outbox', () => {
  test('a case is announced only to endpoints that may see it: its integrator and admins, not other integrators', async () => {
    const mine = await registerWebhook(ctx, integrator, { url: PUBLIC_URL, events: ['case.created'] });
    const theirs = await registerWebhook(ctx, other, { url: PUBLIC_URL, events: ['case.created'] });
    const admins = await registerWebhook(ctx, admin, { url: PUBLIC_URL, events: ['case.created'] });
    const unsubscribed = await registerWebhook(ctx, integrator, { url: PUBLIC_URL, events: ['case.resolved'] });

    const submitted = await submitAs(ctx, integrator);
    const anonymous = await submitAs(ctx, null);

    const rows = await ctx.db
      .selectFrom('webhook_deliveries')
      .select(['endpoint_id', 'case_id', 'event_type'])
      .where('case_id', 'in', [submitted.caseId, anonymous.caseId])
      .execute();
    const seen = (endpoint: string) => rows.filter((r) => r.endpoint_id === endpoint).map((r) => r.case_id).sort();
    expect(seen(mine.id)).toEqual([submitted.caseId]);
    expect(seen(theirs.id)).toEqual([]);
    expect(seen(unsubscribed.id)).toEqual([]);
    expect(seen(admins.id)).toEqual([submitted.caseId, anonymous.caseId].sort());
  });

  test('a change whose transaction rolls back leaves no delivery and no job', async () => {
    const hook = await registerWebhook(ctx, integrator, { url: PUBLIC_URL, events: ['case.note.enterprise'] });
    const { caseId } = await submitAs(ctx, integrator);
    const jobsBefore = await sql<{ n: number }>`SELECT count(*)::int AS n FROM graphile_worker.jobs`.execute(ctx.db);
    const coordinator = await createPerson(ctx, 'coordinator');
    const undo = await failCommitsMentioning(ctx.db, 'Never happened');
    try {
      const failed = await ctx.http().post(`/v1/cases/${caseId}/notes`).set(as(coordinator)).send({ visibility: 'enterprise', body: 'Never happened' });
      expect(failed.status).toBe(500);
    } finally {
      await undo();
    }
    const deliveries = await ctx.db.selectFrom('webhook_deliveries').select('id').where('endpoint_id', '=', hook.id).execute();
    expect(deliveries).toEqual([]);
    const jobsAfter = await sql<{ n: number }>`SELECT count(*)::int AS n FROM graphile_worker.jobs`.execute(ctx.db);
    expect(jobsAfter.rows[0]?.n).toBe(jobsBefore.rows[0]?.n);
  });

  test('an event for a paused endpoint is recorded as failed, so it can be redelivered later', async () => {
    const hook = await registerWebhook(ctx, integrator, { url: PUBLIC_URL, events: ['case.created'] });
    await ctx.http().patch(`/v1/webhooks/${hook.id}`).set(as(integrator)).send({ enabled: false });
    await submitAs(ctx, integrator);
    const page = await ctx.http().get(`/v1/webhooks/${hook.id}/deliveries`).set(as(integrator));
    expect(page.body.items).toEqual([expect.objectContaining({ status: 'failed', lastError: expect.stringMatching(/disabled/) })]);
    const retry = await ctx.http().post(`/v1/webhooks/${hook.id}/deliveries/${page.body.items[0].id}/retry`).set(as(integrator));
    expect(retry.status).toBe(409);
  });
});

describe('the delivery log', () => {
  test('is keyset-paginated newest first without gaps or repeats', async () => {
    const hook = await registerWebhook(ctx, integrator, { url: PUBLIC_URL, events: ['case.note.enterprise'] });
    const { caseId } = await submitAs(ctx, integrator);
    const coordinator = await createPerson(ctx, 'coordinator');
    for (let i = 1; i <= 5; i += 1) await addNote(ctx, coordinator, caseId, { visibility: 'enterprise', body: `Note ${i}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: { items: Array<{ id: string }>; nextCursor: string | null } } = await ctx
        .http()
        .get(`/v1/webhooks/${hook.id}/deliveries`)
        .query({ limit: 2, ...(cursor ? { cursor } : {}) })
        .set(as(integrator));
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((d: { id: string }) => d.id));
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(5);
    const bodies = await ctx.db.selectFrom('webhook_deliveries').select(['id', 'payload']).where('id', 'in', seen).execute();
    const order = seen.map((id) => (bodies.find((b) => b.id === id)?.payload as { data: { note: { body: string } } }).data.note.body);
    expect(order).toEqual(['Note 5', 'Note 4', 'Note 3', 'Note 2', 'Note 1']);
    const first = await ctx.http().get(`/v1/webhooks/${hook.id}/deliveries`).query({ limit: 1 }).set(as(integrator));
    expect(first.body.items[0]).toMatchObject({ status: 'pending', eventType: 'case.note.enterprise', caseId, attempts: [], messageId: expect.stringMatching(/^msg_[0-9a-f]{32}$/) });
  });

  test('a cursor that did not come from the list is 400; an unknown delivery is 404', async () => {
    const hook = await registerWebhook(ctx, integrator, { url: PUBLIC_URL });
    const bad = await ctx.http().get(`/v1/webhooks/${hook.id}/deliveries`).query({ cursor: 'bm9wZQ' }).set(as(integrator));
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: 'query.cursor', message: expect.any(String) }]);
    const missing = await ctx.http().post(`/v1/webhooks/${hook.id}/deliveries/00000000-0000-4000-8000-000000000000/retry`).set(as(integrator));
    expect(missing.status).toBe(404);
  });
});
