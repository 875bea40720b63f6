import { performance } from 'node:perf_hooks';
import { runCli } from '../../src/cli/commands.js';
import { hashSecret } from '../../src/modules/auth/tokens.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { eventually } from '../support/eventually.js';
import { type Instance, startInstance } from '../support/instance.js';
import { untilRevocationBoundPassed } from '../support/revocation-bound.js';
import { createUserWithToken, type TestUser } from '../support/users.js';

// Two instances of the service on one database, each listening for real, as behind a
// load balancer. The promise under test: a token revoked anywhere (an instance, the
// command line) is refused by every instance within REVOCATION_BOUND_MS of the revoke
// committing; with TOKEN_CACHE_TTL_MS=0, at once.

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.drop());

const me = (instance: Instance, user: TestUser) => instance.http().get('/v1/me').set('authorization', user.auth);

async function tokenIdOf(instance: Instance, user: TestUser): Promise<string> {
  const res = await me(instance, user).expect(200);
  return res.body.token.id as string;
}

/** Revokes on the command line, a process of its own; resolves once the revoke has committed. */
async function revokeOnCommandLine(instance: Instance, tokenId: string): Promise<number> {
  const code = await runCli(['revoke-token', '--id', tokenId], instance.db, { out: () => {}, err: () => {} });
  expect(code).toBe(0);
  return performance.now();
}

/** Uses the token on the instance until the instance answers it from memory. */
async function cachedOn(instance: Instance, user: TestUser): Promise<void> {
  const key = hashSecret(user.token).toString('base64');
  await eventually(async () => (await me(instance, user)).status === 200 && instance.app.principals.get(key) !== undefined, 10_000);
}

describe('strict mode: TOKEN_CACHE_TTL_MS=0', () => {
  let a: Instance;
  let b: Instance;
  beforeAll(async () => {
    a = await startInstance(database, { TOKEN_CACHE_TTL_MS: '0' });
    b = await startInstance(database, { TOKEN_CACHE_TTL_MS: '0' });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  test('a token revoked through one instance is refused by the other on the very next request', async () => {
    const user = await createUserWithToken(a.db, 'integrator');
    const tokenId = await tokenIdOf(a, user);
    await me(b, user).expect(200);
    await a.http().delete(`/v1/tokens/${tokenId}`).set('authorization', user.auth).expect(204);
    expect((await me(b, user)).status).toBe(401);
  });

  test('a token revoked on the command line is refused by every instance on the very next request', async () => {
    const user = await createUserWithToken(a.db, 'integrator');
    const tokenId = await tokenIdOf(a, user);
    await me(b, user).expect(200);
    await revokeOnCommandLine(a, tokenId);
    expect((await me(a, user)).status).toBe(401);
    expect((await me(b, user)).status).toBe(401);
  });
});

describe('default mode: tokens answered from memory', () => {
  let a: Instance;
  let b: Instance;
  beforeAll(async () => {
    a = await startInstance(database);
    b = await startInstance(database);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  test('a token revoked on the command line is refused by every instance once the bound has passed', async () => {
    const user = await createUserWithToken(a.db, 'integrator');
    const tokenId = await tokenIdOf(a, user);
    await cachedOn(a, user);
    await cachedOn(b, user);
    const committed = await revokeOnCommandLine(a, tokenId);
    await untilRevocationBoundPassed(committed);
    expect((await me(a, user)).status).toBe(401);
    expect((await me(b, user)).status).toBe(401);
  });

  test('a user deactivated through one instance is refused by the other once the bound has passed', async () => {
    const admin = await createUserWithToken(a.db, 'admin');
    const leaving = await createUserWithToken(a.db, 'caseworker', ['jobcenter']);
    await cachedOn(b, leaving);
    await a.http().patch(`/v1/users/${leaving.id}`).set('authorization', admin.auth).send({ active: false }).expect(200);
    const committed = performance.now();
    // The instance that made the change refuses at once.
    expect((await me(a, leaving)).status).toBe(401);
    await untilRevocationBoundPassed(committed);
    expect((await me(b, leaving)).status).toBe(401);
  });

  test('an instance whose notifications have gone silent stops answering from memory within the bound', async () => {
    const user = await createUserWithToken(a.db, 'integrator');
    const tokenId = await tokenIdOf(a, user);
    await cachedOn(b, user);
    // B's listening connection stays open but nothing gets through: B hears of no change,
    // and no error tells it so.
    b.notifications.stall();
    try {
      await a.http().delete(`/v1/tokens/${tokenId}`).set('authorization', user.auth).expect(204);
      const committed = performance.now();
      await untilRevocationBoundPassed(committed);
      expect((await me(b, user)).status).toBe(401);
    } finally {
      b.notifications.resume();
    }
    // Once the connection speaks again, memory answers again.
    await cachedOn(b, await createUserWithToken(a.db, 'integrator'));
  });
});
