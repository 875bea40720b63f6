import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { startTestApp, type TestContext } from '../support/app.js';
import { eventually } from '../support/eventually.js';
import { createPerson, type Person } from '../support/people.js';

let ctx: TestContext;
let admin: Person;

beforeAll(async () => {
  ctx = await startTestApp();
  admin = await createPerson(ctx, 'admin', [], 'Ada Admin');
});
afterAll(async () => ctx.close());

let emails = 0;
const email = (name: string) => `${name}.${(emails += 1)}@kommune.example`;
const asAdmin = {
  post: (url: string, body: object) => ctx.http().post(url).set('authorization', admin.auth).send(body),
  patch: (url: string, body: object) => ctx.http().patch(url).set('authorization', admin.auth).send(body),
  get: (url: string) => ctx.http().get(url).set('authorization', admin.auth),
};

async function userWithToken(body: Record<string, unknown>): Promise<{ id: string; auth: string; tokenId: string }> {
  const user = await asAdmin.post('/v1/users', body);
  expect(user.status).toBe(201);
  const token = await asAdmin.post(`/v1/users/${user.body.id}/tokens`, { name: 'laptop' });
  expect(token.status).toBe(201);
  return { id: user.body.id, auth: `Bearer ${token.body.token}`, tokenId: token.body.id };
}

describe('users', () => {
  test('an admin creates a caseworker in a department, and can read it back', async () => {
    const res = await asAdmin.post('/v1/users', { name: 'Jonas Jobcenter', email: email('Jonas'), role: 'caseworker', departments: ['jobcenter'] });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/v1/users/${res.body.id}`);
    expect(res.body).toMatchObject({ name: 'Jonas Jobcenter', role: 'caseworker', departments: ['jobcenter'], active: true });
    expect((await asAdmin.get(`/v1/users/${res.body.id}`)).body).toEqual(res.body);
  });

  test('memberships are for caseworkers, at least one, in departments that exist', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ role: 'caseworker', departments: [] }, 'body.departments'],
      [{ role: 'coordinator', departments: ['jobcenter'] }, 'body.departments'],
      [{ role: 'caseworker', departments: ['jobcenter', 'harbour'] }, 'body.departments.1'],
      [{ role: 'wizard', departments: [] }, 'body.role'],
    ];
    for (const [fields, path] of cases) {
      const res = await asAdmin.post('/v1/users', { name: 'X', email: email('x'), ...fields });
      expect([fields, res.status, res.body.errors?.map((e: { path: string }) => e.path)]).toEqual([fields, 400, [path]]);
    }
  });

  test('an email is used once, whatever its case', async () => {
    const address = email('mette');
    await asAdmin.post('/v1/users', { name: 'Mette', email: address, role: 'coordinator' }).expect(201);
    const again = await asAdmin.post('/v1/users', { name: 'Mette', email: address.toUpperCase(), role: 'coordinator' });
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual([{ path: 'body.email', message: 'Already in use' }]);
  });

  test('lists users by role and department, a page at a time', async () => {
    for (let i = 0; i < 3; i += 1) await asAdmin.post('/v1/users', { name: `Social ${i}`, email: email('social'), role: 'caseworker', departments: ['social'] });
    const first = await asAdmin.get('/v1/users?department=social&limit=2');
    expect(first.body.items).toHaveLength(2);
    const rest = await asAdmin.get(`/v1/users?department=social&limit=2&cursor=${first.body.nextCursor}`);
    expect(rest.body.items).toHaveLength(1);
    expect(rest.body.nextCursor).toBeNull();
    expect([...first.body.items, ...rest.body.items].map((u: { name: string }) => u.name)).toEqual(['Social 0', 'Social 1', 'Social 2']);
    expect((await asAdmin.get('/v1/users?role=admin')).body.items.map((u: { id: string }) => u.id)).toEqual([admin.id]);
  });

  test('changing a caseworker\'s departments changes what they see at once', async () => {
    const caseworker = await userWithToken({ name: 'Flytter', email: email('flytter'), role: 'caseworker', departments: ['jobcenter'] });
    const moved = await asAdmin.patch(`/v1/users/${caseworker.id}`, { departments: ['social', 'technical'] });
    expect(moved.body.departments).toEqual(['social', 'technical']);
    const me = await ctx.http().get('/v1/me').set('authorization', caseworker.auth);
    expect(me.body).toMatchObject({ id: caseworker.id, role: 'caseworker', departments: ['social', 'technical'], token: { name: 'laptop' } });
    expect((await ctx.http().post('/v1/departments/jobcenter/claim').set('authorization', caseworker.auth)).status).toBe(403);
  });

  test('leaving the caseworker role clears the departments; joining it needs them', async () => {
    const user = await userWithToken({ name: 'Skifter', email: email('skifter'), role: 'caseworker', departments: ['jobcenter'] });
    const promoted = await asAdmin.patch(`/v1/users/${user.id}`, { role: 'coordinator' });
    expect(promoted.body).toMatchObject({ role: 'coordinator', departments: [] });
    const back = await asAdmin.patch(`/v1/users/${user.id}`, { role: 'caseworker' });
    expect(back.status).toBe(400);
    expect((await asAdmin.patch(`/v1/users/${user.id}`, { role: 'caseworker', departments: ['social'] })).body.departments).toEqual(['social']);
  });

  test('a deactivated user\'s tokens stop working, and work again when reactivated', async () => {
    const user = await userWithToken({ name: 'Pause', email: email('pause'), role: 'coordinator' });
    await asAdmin.patch(`/v1/users/${user.id}`, { active: false }).expect(200);
    expect((await ctx.http().get('/v1/me').set('authorization', user.auth)).status).toBe(401);
    expect((await asAdmin.post(`/v1/users/${user.id}/tokens`, { name: 'ny' })).status).toBe(409);
    await asAdmin.patch(`/v1/users/${user.id}`, { active: true }).expect(200);
    expect((await ctx.http().get('/v1/me').set('authorization', user.auth)).status).toBe(200);
  });

  test('the last active admin can be neither demoted nor deactivated', async () => {
    expect((await asAdmin.patch(`/v1/users/${admin.id}`, { role: 'coordinator' })).status).toBe(409);
    expect((await asAdmin.patch(`/v1/users/${admin.id}`, { active: false })).status).toBe(409);
    const second = await userWithToken({ name: 'Anden admin', email: email('admin2'), role: 'admin' });
    const renamed = await ctx.http().patch(`/v1/users/${second.id}`).set('authorization', second.auth).send({ name: 'Stadig admin' });
    expect(renamed.status).toBe(200);
    await asAdmin.patch(`/v1/users/${second.id}`, { active: false }).expect(200);
    expect((await asAdmin.patch(`/v1/users/${admin.id}`, { active: false })).status).toBe(409);
  });

  test('two admins deactivating each other at once leave one admin standing', async () => {
    const other = await userWithToken({ name: 'Rival', email: email('rival'), role: 'admin' });
    const [first, second] = await Promise.all([
      ctx.http().patch(`/v1/users/${other.id}`).set('authorization', admin.auth).send({ active: false }),
      ctx.http().patch(`/v1/users/${admin.id}`).set('authorization', other.auth).send({ active: false }),
    ]);
    expect([first.status, second.status].filter((status) => status === 200)).toHaveLength(1);
    const admins = await ctx.db.selectFrom('users').select('id').where('role', '=', 'admin').where('active', '=', true).execute();
    expect(admins).toHaveLength(1);
    // Leave Ada in charge for the tests that follow.
    await sql`UPDATE users SET active = (id = ${admin.id}) WHERE id IN (${admin.id}, ${other.id})`.execute(ctx.db);
  });

  test('an unknown user is 404', async () => {
    expect((await asAdmin.patch('/v1/users/6f1c4c1e-8d1a-4f5e-9b7a-2a1d3c4b5e6f', { name: 'x' })).status).toBe(404);
    expect((await asAdmin.get('/v1/users/6f1c4c1e-8d1a-4f5e-9b7a-2a1d3c4b5e6f/tokens')).status).toBe(404);
  });
});

describe('tokens', () => {
  test('a token is shown once, stored only as its hash, and records when it was last used', async () => {
    const user = await asAdmin.post('/v1/users', { name: 'Integration', email: email('integration'), role: 'integrator' });
    const created = await asAdmin.post(`/v1/users/${user.body.id}/tokens`, { name: 'partner portal' });
    expect(created.status).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    expect(created.body).toMatchObject({ name: 'partner portal', usable: true, expiresAt: null, revokedAt: null, lastUsedAt: null });
    const { token } = created.body;
    expect(token).toMatch(/^oe_[A-Za-z0-9_-]{43}$/);

    const row = await ctx.db.selectFrom('api_tokens').selectAll().where('id', '=', created.body.id).executeTakeFirstOrThrow();
    expect(row.token_hash.equals(createHash('sha256').update(token).digest())).toBe(true);
    expect(JSON.stringify(row)).not.toContain(token);

    await ctx.http().get('/v1/me').set('authorization', `Bearer ${token}`).expect(200);
    // The use is recorded beside the request, not in its way: look until it shows.
    const listed = await eventually(async () => {
      const res = await asAdmin.get(`/v1/users/${user.body.id}/tokens`);
      return res.body[0]?.lastUsedAt ? res : false;
    });
    expect(listed.body).toEqual([expect.not.objectContaining({ token: expect.anything() })]);
    expect(listed.body[0].lastUsedAt).toEqual(expect.any(String));
  });

  test('a user has many named tokens, each revocable on its own', async () => {
    const user = await userWithToken({ name: 'To tokens', email: email('two'), role: 'coordinator' });
    const second = await asAdmin.post(`/v1/users/${user.id}/tokens`, { name: 'phone' });
    await ctx.http().delete(`/v1/tokens/${user.tokenId}`).set('authorization', admin.auth).expect(204);
    await ctx.http().delete(`/v1/tokens/${user.tokenId}`).set('authorization', admin.auth).expect(204);
    expect((await ctx.http().get('/v1/me').set('authorization', user.auth)).status).toBe(401);
    expect((await ctx.http().get('/v1/me').set('authorization', `Bearer ${second.body.token}`)).status).toBe(200);
    const tokens = await asAdmin.get(`/v1/users/${user.id}/tokens`);
    expect(tokens.body.map((t: { name: string; usable: boolean }) => [t.name, t.usable])).toEqual([
      ['laptop', false],
      ['phone', true],
    ]);
  });

  test('a token stops working when it expires; an expiry in the past is refused', async () => {
    const user = await asAdmin.post('/v1/users', { name: 'Kort', email: email('kort'), role: 'coordinator' });
    const past = await asAdmin.post(`/v1/users/${user.body.id}/tokens`, { name: 'old', expiresAt: '2020-01-01T00:00:00Z' });
    expect(past.status).toBe(400);
    expect(past.body.errors).toEqual([{ path: 'body.expiresAt', message: 'Must be in the future' }]);
    const soon = await asAdmin.post(`/v1/users/${user.body.id}/tokens`, { name: 'soon', expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    await ctx.http().get('/v1/me').set('authorization', `Bearer ${soon.body.token}`).expect(200);
    await sql`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = ${soon.body.id}`.execute(ctx.db);
    expect((await ctx.http().get('/v1/me').set('authorization', `Bearer ${soon.body.token}`)).status).toBe(401);
  });

  test('everyone may revoke their own tokens, and only those', async () => {
    const mine = await userWithToken({ name: 'Egen', email: email('egen'), role: 'caseworker', departments: ['social'] });
    const theirs = await userWithToken({ name: 'Andens', email: email('andens'), role: 'caseworker', departments: ['social'] });
    expect((await ctx.http().delete(`/v1/tokens/${theirs.tokenId}`).set('authorization', mine.auth)).status).toBe(404);
    expect((await ctx.http().delete(`/v1/tokens/${mine.tokenId}`).set('authorization', mine.auth)).status).toBe(204);
    expect((await ctx.http().get('/v1/me').set('authorization', mine.auth)).status).toBe(401);
    expect((await ctx.http().get('/v1/me').set('authorization', theirs.auth)).status).toBe(200);
  });
});
