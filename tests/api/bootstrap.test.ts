import { ensureFirstAdmin } from '../../src/modules/auth/bootstrap.js';
import { startTestApp, type TestContext } from '../support/app.js';

// The first start against an empty database creates the first admin.

let contexts: TestContext[] = [];
afterEach(async () => {
  await Promise.all(contexts.map((ctx) => ctx.close()));
  contexts = [];
});
async function emptyService(): Promise<TestContext> {
  const ctx = await startTestApp();
  contexts.push(ctx);
  return ctx;
}

test('a configured ADMIN_TOKEN becomes the first admin\'s token, once', async () => {
  const ctx = await emptyService();
  const token = 'a-configured-admin-token-of-at-least-32-chars';
  expect(await ensureFirstAdmin(ctx.db, token)).toEqual({ created: true });
  const me = await ctx.http().get('/v1/me').set('authorization', `Bearer ${token}`);
  expect(me.body).toMatchObject({ role: 'admin', token: { name: 'bootstrap' } });
  expect(await ensureFirstAdmin(ctx.db, 'another-configured-admin-token-of-32-chars')).toEqual({ created: false });
});

test('without ADMIN_TOKEN a random token is made for the caller to show once', async () => {
  const ctx = await emptyService();
  const result = await ensureFirstAdmin(ctx.db, undefined);
  expect(result.generatedToken).toMatch(/^oe_/);
  const me = await ctx.http().get('/v1/me').set('authorization', `Bearer ${result.generatedToken}`);
  expect(me.body.role).toBe('admin');
  expect(await ensureFirstAdmin(ctx.db, undefined)).toEqual({ created: false });
});

test('processes starting together on one empty database create one admin', async () => {
  const ctx = await emptyService();
  const results = await Promise.all(Array.from({ length: 4 }, () => ensureFirstAdmin(ctx.db, undefined)));
  expect(results.filter((r) => r.created)).toHaveLength(1);
  const admins = await ctx.db.selectFrom('users').select('id').where('role', '=', 'admin').execute();
  expect(admins).toHaveLength(1);
});
