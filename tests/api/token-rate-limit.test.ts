import { startTestApp, type TestContext } from '../support/app.js';
import { createUserWithToken } from '../support/users.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp({ API_RATE_LIMIT: '3' });
});
afterAll(async () => ctx.close());

describe('per-token rate limit', () => {
  test('every answer tells the client where it stands; over the limit it is 429 with Retry-After', async () => {
    const integrator = await createUserWithToken(ctx.db, 'integrator');
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await ctx.http().get('/v1/webhooks').set('authorization', `Bearer ${integrator.token}`));
    expect(answers.map((res) => res.status)).toEqual([200, 200, 200, 429]);
    expect(answers[0]?.headers['ratelimit-policy']).toBe('"per-token";q=3;w=60');
    expect(answers[0]?.headers.ratelimit).toMatch(/^"per-token";r=2;t=\d+$/);
    expect(answers[0]?.headers['ratelimit-remaining']).toBe('2');
    expect(answers[2]?.headers.ratelimit).toMatch(/^"per-token";r=0;t=\d+$/);

    const limited = answers[3];
    expect(limited?.headers['content-type']).toMatch(/problem\+json/);
    expect(limited?.body).toMatchObject({ status: 429, type: '/problems/too-many-requests' });
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
  });

  test('each token has its own budget, and requests without a token are not counted by it', async () => {
    const first = await createUserWithToken(ctx.db, 'integrator');
    const second = await createUserWithToken(ctx.db, 'integrator');
    for (let i = 0; i < 4; i += 1) await ctx.http().get('/v1/topics').set('authorization', `Bearer ${first.token}`);
    expect((await ctx.http().get('/v1/topics').set('authorization', `Bearer ${second.token}`)).status).toBe(200);
    const anonymous = await ctx.http().get('/v1/topics');
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.ratelimit).toBeUndefined();
  });
});
