import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { eventually } from '../support/eventually.js';
import { type Instance, startInstance } from '../support/instance.js';
import { createUserWithToken, type TestUser } from '../support/users.js';

// Each process keeps the principals of recently used tokens in memory and empties that
// memory whenever the database announces a change to tokens or users (LISTEN/NOTIFY).
// Changes made "by another process" are made here with SQL on the test's own connection.
// The process's listening connection goes through a relay the test can cut.

let database: TestDatabase;
let ctx: Instance;
beforeAll(async () => {
  database = await createTestDatabase();
  ctx = await startInstance(database);
});
afterAll(async () => {
  await ctx.close();
  await database.drop();
});

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
  // Memory answers only while the connection's heartbeats come back in time; on a machine
  // too busy for that, every token is looked up, so try again with a fresh token.
  const integrator = await eventually(async () => {
    const candidate = await createUserWithToken(ctx.db, 'integrator');
    expect((await me(candidate)).status).toBe(200);
    await unannounced(() => revoke(candidate));
    // Proof that the lookup was skipped; in production every such change is announced.
    return (await me(candidate)).status === 200 ? candidate : undefined;
  }, 10_000);
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
  // The listening connection is lost, and cannot come back until the path is restored.
  ctx.notifications.cut();
  await eventually(() => !ctx.app.principals.listening, 5000);
  // A request while not listening: what it reads must not be kept, since nothing would
  // empty it again. (Losing the listener already emptied the memory; this refills it if
  // the cache stored while deaf.)
  expect((await me(integrator)).status).toBe(200);
  // Not announced, so only a lookup in the database can see it.
  await unannounced(() => revoke(integrator));
  expect((await me(integrator)).status).toBe(401);

  // Back to listening (the listener reconnects by itself): memory is used again.
  ctx.notifications.restore();
  const next = await createUserWithToken(ctx.db, 'integrator');
  await eventually(() => ctx.app.principals.listening, 5000);
  await eventually(async () => {
    expect((await me(next)).status).toBe(200);
    return ctx.app.principals.size > 0;
  }, 5000);
});
