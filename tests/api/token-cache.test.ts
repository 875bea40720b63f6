import { sql } from 'kysely';
import { startTestApp, type TestContext } from '../support/app.js';
import { eventually } from '../support/eventually.js';
import { createUserWithToken, type TestUser } from '../support/users.js';

// Each process keeps the principals of recently used tokens in memory and empties that
// memory whenever the database announces a change to tokens or users (LISTEN/NOTIFY).
// Changes made "by another process" are made here with SQL on the test's own connection.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(async () => ctx.close());

const me = (user: TestUser) => ctx.http().get('/v1/me').set('authorization', user.auth);

/** Runs `change` with the announcing triggers off: a change the process cannot hear of. */
async function unannounced(change: () => Promise<unknown>): Promise<void> {
  await sql`ALTER TABLE api_tokens DISABLE TRIGGER api_tokens_principals_changed`.execute(ctx.db);
  try {
    await change();
  } finally {
    await sql`ALTER TABLE api_tokens ENABLE TRIGGER api_tokens_principals_changed`.execute(ctx.db);
  }
}

const revoke = (user: TestUser) => ctx.db.updateTable('api_tokens').set({ revoked_at: new Date() }).where('user_id', '=', user.id).execute();

test('a used token is answered from memory: a change nobody announces is not seen', async () => {
  const integrator = await createUserWithToken(ctx.db, 'integrator');
  expect((await me(integrator)).status).toBe(200);
  await unannounced(() => revoke(integrator));
  // Proof that the lookup was skipped; in production every such change is announced.
  expect((await me(integrator)).status).toBe(200);
  ctx.app.principals.forget();
  expect((await me(integrator)).status).toBe(401);
});

test('a revocation made by another process is heard, and the token refused', async () => {
  const integrator = await createUserWithToken(ctx.db, 'integrator');
  expect((await me(integrator)).status).toBe(200);
  await revoke(integrator);
  await eventually(async () => (await me(integrator)).status === 401, 5000);
});

test("a change of a user's departments made elsewhere is seen on the next requests", async () => {
  const caseworker = await createUserWithToken(ctx.db, 'caseworker', ['jobcenter']);
  expect((await me(caseworker)).body.departments).toEqual(['jobcenter']);
  await ctx.db.insertInto('user_departments').values({ user_id: caseworker.id, department_code: 'social' }).execute();
  await eventually(async () => {
    const res = await me(caseworker);
    return res.body.departments?.includes('social') ? res : undefined;
  }, 5000);
});

test('a user deactivated through the API is refused on the very next request', async () => {
  const admin = await createUserWithToken(ctx.db, 'admin');
  const leaving = await createUserWithToken(ctx.db, 'caseworker', ['jobcenter']);
  expect((await me(leaving)).status).toBe(200);
  await ctx.http().patch(`/v1/users/${leaving.id}`).set('authorization', admin.auth).send({ active: false }).expect(200);
  expect((await me(leaving)).status).toBe(401);
});

test('while the process cannot hear changes it looks every token up, and it listens again', async () => {
  const integrator = await createUserWithToken(ctx.db, 'integrator');
  expect((await me(integrator)).status).toBe(200);
  await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = 'one-entry-listener'`.execute(ctx.db);
  // Not announced, so only a lookup in the database can see it.
  await unannounced(() => revoke(integrator));
  await eventually(async () => (await me(integrator)).status === 401, 5000);

  // Back to listening (the listener reconnects by itself): memory is used again.
  const next = await createUserWithToken(ctx.db, 'integrator');
  await eventually(async () => {
    const listeners = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND application_name = 'one-entry-listener' AND query LIKE 'LISTEN "principals_changed"%'`.execute(ctx.db);
    return listeners.rows[0]?.n === 1;
  }, 5000);
  await eventually(async () => {
    expect((await me(next)).status).toBe(200);
    return ctx.app.principals.size > 0;
  }, 5000);
});
