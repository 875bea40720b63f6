import { sql } from 'kysely';
import { startTestApp, type TestContext } from '../support/app.js';
import { validInquiry } from '../support/fixtures.js';
import { createUserWithToken } from '../support/users.js';

let ctx: TestContext;
beforeAll(async () => {
  // The test plays the reverse proxy (it connects over loopback) and names each client in X-Forwarded-For.
  ctx = await startTestApp({ PUBLIC_RATE_LIMIT: '3', TRUST_PROXY: 'loopback' });
});
afterAll(async () => ctx.close());

describe('tokens on public endpoints', () => {
  test('an integrator token marks the channel as api and records the account', async () => {
    const integrator = await createUserWithToken(ctx.db, 'integrator');
    const res = await ctx.http().post('/v1/inquiries').set('authorization', `Bearer ${integrator.token}`).send(validInquiry());
    expect(res.status).toBe(201);
    const row = await ctx.db
      .selectFrom('inquiries')
      .select(['channel', 'submitted_by'])
      .where('id', '=', sql<string>`(SELECT inquiry_id FROM cases WHERE id = ${res.body.caseId})`)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ channel: 'api', submitted_by: integrator.id });
  });

  test.each([
    ['an unknown token', 'Bearer oe_unknown-token-of-sufficient-length'],
    ['a malformed header', 'Basic dXNlcjpwYXNz'],
  ])('%s is 401, never silently anonymous', async (_name, header) => {
    const res = await ctx.http().post('/v1/inquiries').set('authorization', header).send(validInquiry());
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  test('a revoked or expired token is 401', async () => {
    const revoked = await createUserWithToken(ctx.db, 'integrator');
    await ctx.db.updateTable('api_tokens').set({ revoked_at: new Date() }).where('user_id', '=', revoked.id).execute();
    const expired = await createUserWithToken(ctx.db, 'integrator');
    await ctx.db.updateTable('api_tokens').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', expired.id).execute();
    for (const user of [revoked, expired]) {
      const res = await ctx.http().get('/v1/topics').set('authorization', `Bearer ${user.token}`);
      expect(res.status).toBe(401);
    }
  });
});

describe('public rate limit', () => {
  test('anonymous submissions over the limit get 429 with Retry-After; token holders are exempt', async () => {
    const address = '203.0.113.7';
    const statuses: number[] = [];
    let limited;
    for (let i = 0; i < 4; i += 1) {
      // Invalid bodies count too: the limit protects the door, not just successful submissions.
      const res = await ctx.http().post('/v1/inquiries').set('x-forwarded-for', address).send({});
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(statuses).toEqual([400, 400, 400, 429]);
    expect(limited?.headers['content-type']).toMatch(/problem\+json/);
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);

    // Another address has its own budget.
    const other = await ctx.http().post('/v1/inquiries').set('x-forwarded-for', '203.0.113.8').send(validInquiry());
    expect(other.status).toBe(201);

    const integrator = await createUserWithToken(ctx.db, 'integrator');
    for (let i = 0; i < 5; i += 1) {
      const res = await ctx.http().post('/v1/inquiries').set('x-forwarded-for', address).set('authorization', `Bearer ${integrator.token}`).send(validInquiry());
      expect(res.status).toBe(201);
    }
  });
});
