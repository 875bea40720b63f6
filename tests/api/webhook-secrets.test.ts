import { sql } from 'kysely';
import { runCli } from '../../src/cli/commands.js';
import type { Database } from '../../src/db/database.js';
import { generateWebhookSecret } from '../../src/domain/webhook-signature.js';
import { LOST_SECRET_REASON } from '../../src/modules/webhooks/webhook-secrets.js';
import { decodeSecretsKey, generateSecretsKey, KeyRing, keyIdOf } from '../../src/domain/key-ring.js';
import { startTestApp, type TestContext } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { eventually } from '../support/eventually.js';
import { freePort, spawnServer, waitUntilReady } from '../support/server-process.js';
import { createUserWithToken, type TestUser } from '../support/users.js';
import { type Receiver, startReceiver, verifiedDelivery } from '../support/webhook-receiver.js';
import { registerWebhook, submitAs } from '../support/webhooks.js';

// Webhook signing secrets are stored encrypted under SECRETS_KEY. These tests read the
// column with SQL, deliver to a real receiver, rotate keys with the command line and start
// the service as a process, all against real PostgreSQL.

const workerEnv = (key: string, previous: string[] = []) => ({
  SECRETS_KEY: key,
  ...(previous.length > 0 ? { SECRETS_KEY_PREVIOUS: previous.join(',') } : {}),
  WEBHOOK_WORKER: 'true',
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
  WEBHOOK_POLL_INTERVAL_MS: '100',
  WEBHOOK_RETRY_SCHEDULE: '100ms,200ms,400ms,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s',
});

const ring = (key: string, previous: string[] = []) => new KeyRing(decodeSecretsKey(key) as Buffer, previous.map((k) => decodeSecretsKey(k) as Buffer));
const idOf = (key: string) => keyIdOf(decodeSecretsKey(key) as Buffer);
const as = (user: TestUser) => ({ authorization: `Bearer ${user.token}` });

interface StoredRow {
  id: string;
  secret: string;
  previous_secret: string | null;
}

async function stored(db: Database, id?: string): Promise<StoredRow[]> {
  const { rows } = await sql<StoredRow>`
    SELECT id, secret, previous_secret FROM webhook_endpoints WHERE ${id ?? null}::uuid IS NULL OR id = ${id ?? null}::uuid ORDER BY id`.execute(db);
  return rows;
}

async function cli(db: Database, keys: KeyRing, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, db, { out: (line) => out.push(line), err: (line) => err.push(line) }, { keys: () => keys });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function verifies(secret: string, request: { headers: Record<string, string | string[] | undefined>; body: string }): boolean {
  try {
    verifiedDelivery(secret, request);
    return true;
  } catch {
    return false;
  }
}

/** Submits a case as `user` and waits for its case.created delivery at the receiver. */
async function deliveredFor(ctx: TestContext, user: TestUser, receiver: Receiver) {
  const { caseId } = await submitAs(ctx, user);
  return eventually(() => [...receiver.accepted().values()].find((r) => r.json.data.caseId === caseId && r.json.type === 'case.created'));
}

describe('at rest', () => {
  const key = generateSecretsKey();
  let ctx: TestContext;
  let receiver: Receiver;
  beforeAll(async () => {
    ctx = await startTestApp(workerEnv(key));
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await ctx.close();
    await receiver.close();
  });

  test('the column never holds the secret shown at creation or rotation, only v1 ciphertext under the current key', async () => {
    const integrator = await createUserWithToken(ctx.db, 'integrator');
    const hook = await registerWebhook(ctx, integrator, { url: receiver.url, events: ['case.created'] });
    const [created] = await stored(ctx.db, hook.id);
    expect(created?.secret).toMatch(new RegExp(`^v1:${idOf(key)}:`));
    expect(created?.secret).not.toContain(hook.secret.slice('whsec_'.length));

    const rotated = await ctx.http().post(`/v1/webhooks/${hook.id}/rotate-secret`).set(as(integrator)).send({ gracePeriodSeconds: 3600 });
    expect(rotated.status).toBe(200);
    const [after] = await stored(ctx.db, hook.id);
    for (const value of [after?.secret, after?.previous_secret]) {
      expect(value).toMatch(new RegExp(`^v1:${idOf(key)}:`));
      expect(value).not.toContain(hook.secret.slice('whsec_'.length));
      expect(value).not.toContain(String(rotated.body.secret).slice('whsec_'.length));
    }
    // The previous secret is the one shown at creation, moved as it was (already under the current key).
    expect(after?.previous_secret).toBe(created?.secret);
    expect(ring(key).open(after?.previous_secret ?? '')).toBe(hook.secret);
  });

  test('deliveries are signed with the secret shown once, and verify', async () => {
    const integrator = await createUserWithToken(ctx.db, 'integrator');
    const hook = await registerWebhook(ctx, integrator, { url: receiver.url, events: ['case.created'] });
    const request = await deliveredFor(ctx, integrator, receiver);
    expect(() => verifiedDelivery(hook.secret, request)).not.toThrow();
  });
});

describe('rotating SECRETS_KEY', () => {
  const keyA = generateSecretsKey();
  const keyB = generateSecretsKey();
  let database: TestDatabase;
  let receiver: Receiver;
  beforeAll(async () => {
    database = await createTestDatabase();
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await database.drop();
  });

  test('rotate-secrets re-encrypts every secret under the new key; with the old key removed, deliveries still verify', async () => {
    const before = await startTestApp(workerEnv(keyA), database);
    const integrator = await createUserWithToken(before.db, 'integrator');
    const hooks = [];
    for (let i = 0; i < 3; i += 1) hooks.push(await registerWebhook(before, integrator, { url: receiver.url, events: ['case.created'] }));
    // One endpoint mid-rotation: its previous secret must move to the new key too.
    const rotation = await before.http().post(`/v1/webhooks/${hooks[0]?.id}/rotate-secret`).set(as(integrator)).send({ gracePeriodSeconds: 3600 });
    const rotatedSecret = String(rotation.body.secret);
    await before.close();

    const ctx = await startTestApp(workerEnv(keyB), database);
    try {
      // The new key alone cannot open what the old one sealed: a clear error, nothing changed.
      const refused = await cli(ctx.db, ring(keyB), 'rotate-secrets');
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(new RegExp(`^Webhook [0-9a-f-]{36}: A stored secret is encrypted under key ${idOf(keyA)}, which is neither SECRETS_KEY \\(key ${idOf(keyB)}\\)`));
      expect(refused.err).toContain('SECRETS_KEY_PREVIOUS');
      expect((await stored(ctx.db)).every((row) => row.secret.startsWith(`v1:${idOf(keyA)}:`))).toBe(true);

      const rotated = await cli(ctx.db, ring(keyB, [keyA]), 'rotate-secrets');
      expect(rotated).toMatchObject({ code: 0, err: '' });
      expect(rotated.out).toContain(`Re-encrypted the signing secrets of 3 webhooks; every secret is now under key ${idOf(keyB)}`);
      const rows = await stored(ctx.db);
      expect(rows).toHaveLength(3);
      for (const row of rows) {
        expect(row.secret.startsWith(`v1:${idOf(keyB)}:`)).toBe(true);
        if (row.previous_secret !== null) expect(row.previous_secret.startsWith(`v1:${idOf(keyB)}:`)).toBe(true);
      }
      expect(rows.filter((row) => row.previous_secret !== null)).toHaveLength(1);
      // Run again: nothing left to do.
      expect((await cli(ctx.db, ring(keyB), 'rotate-secrets')).out).toContain('secrets of 0 webhooks');
      // A previous secret left under the old key beside a current one under the new key is found too.
      const straggler = hooks[1]?.id ?? '';
      await sql`UPDATE webhook_endpoints SET previous_secret = ${ring(keyA).seal(generateWebhookSecret())}, previous_secret_expires_at = now() + interval '1 hour'
                WHERE id = ${straggler}`.execute(ctx.db);
      expect((await cli(ctx.db, ring(keyB, [keyA]), 'rotate-secrets')).out).toContain('secrets of 1 webhook;');
      expect((await stored(ctx.db, straggler))[0]?.previous_secret).toMatch(new RegExp(`^v1:${idOf(keyB)}:`));

      // This app holds keyB only: each endpoint's delivery verifies with the secret its owner was shown.
      const { caseId } = await submitAs(ctx, integrator);
      const deliveries = await eventually(() => {
        const forCase = [...receiver.accepted().values()].filter((r) => r.json.data.caseId === caseId);
        return forCase.length === hooks.length ? forCase : undefined;
      });
      for (const secret of [rotatedSecret, ...hooks.slice(1).map((hook) => hook.secret)]) {
        expect(deliveries.filter((r) => verifies(secret, r))).toHaveLength(1);
      }
    } finally {
      await ctx.close();
    }
  });
});

describe('secrets stored in clear by an earlier version', () => {
  const key = generateSecretsKey();
  let database: TestDatabase;
  let receiver: Receiver;
  beforeAll(async () => {
    database = await createTestDatabase();
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await database.drop();
  });

  test('are recognised by their form and still sign; the service encrypts them when it starts', async () => {
    const ctx = await startTestApp(workerEnv(key), database);
    const integrator = await createUserWithToken(ctx.db, 'integrator');
    let hook: Awaited<ReturnType<typeof registerWebhook>>;
    let earlier: string;
    try {
      hook = await registerWebhook(ctx, integrator, { url: receiver.url, events: ['case.created'] });
      earlier = (await registerWebhook(ctx, integrator, { url: receiver.url, events: ['case.created'] })).secret;
      // What an earlier version left behind: both secrets in clear.
      await sql`UPDATE webhook_endpoints SET secret = ${hook.secret}, previous_secret = ${earlier}, previous_secret_expires_at = now() + interval '1 hour'
                WHERE id = ${hook.id}`.execute(ctx.db);
      const request = await deliveredFor(ctx, integrator, receiver);
      expect(verifies(hook.secret, request) || verifies(earlier, request)).toBe(true);
    } finally {
      await ctx.close();
    }

    const server = spawnServer({ DATABASE_URL: database.url, SECRETS_KEY: key, PORT: String(await freePort()), WEBHOOK_WORKER: 'false' });
    try {
      await waitUntilReady(server);
      expect(server.output()).toContain('webhook signing secrets encrypted under the current SECRETS_KEY');
    } finally {
      expect(await server.stop('SIGTERM')).toBe(0);
    }
    const after = await startTestApp(workerEnv(key), database);
    try {
      const [row] = await stored(after.db, hook.id);
      expect(row?.secret).toMatch(new RegExp(`^v1:${idOf(key)}:`));
      expect(row?.previous_secret).toMatch(new RegExp(`^v1:${idOf(key)}:`));
      expect(ring(key).open(row?.secret ?? '')).toBe(hook.secret);
      expect(ring(key).open(row?.previous_secret ?? '')).toBe(earlier);
      const { caseId } = await submitAs(after, integrator);
      const deliveries = await eventually(() => {
        const forCase = [...receiver.accepted().values()].filter((r) => r.json.data.caseId === caseId);
        return forCase.length === 2 ? forCase : undefined;
      });
      // The upgraded endpoint signs with its secret and, during the grace period, the earlier one.
      const upgraded = deliveries.filter((r) => verifies(hook.secret, r));
      expect(upgraded).toHaveLength(1);
      expect(String(upgraded[0]?.headers['webhook-signature']).split(' ')).toHaveLength(2);
    } finally {
      await after.close();
    }
  });
});

describe('a wrong or missing key', () => {
  const keyA = generateSecretsKey();
  const keyC = generateSecretsKey();
  let database: TestDatabase;
  let receiver: Receiver;
  let integrator: TestUser;
  let hook: Awaited<ReturnType<typeof registerWebhook>>;
  beforeAll(async () => {
    database = await createTestDatabase();
    receiver = await startReceiver();
    const ctx = await startTestApp({ SECRETS_KEY: keyA, WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' }, database);
    try {
      integrator = await createUserWithToken(ctx.db, 'integrator');
      hook = await registerWebhook(ctx, integrator, { url: receiver.url, events: ['case.created'] });
    } finally {
      await ctx.close();
    }
  });
  afterAll(async () => {
    await receiver.close();
    await database.drop();
  });

  test('a delivery is not sent nor counted against the endpoint, and goes out once the key is back', async () => {
    const wrong = await startTestApp(workerEnv(keyC), database);
    let deliveryId: string;
    try {
      const { caseId } = await submitAs(wrong, integrator);
      const job = await eventually(async () => {
        const { rows } = await sql<{ id: string; last_error: string | null }>`
          SELECT d.id, j.last_error FROM webhook_deliveries d JOIN graphile_worker.jobs j ON j.key = 'webhook-delivery:' || d.id
          WHERE d.case_id = ${caseId}::uuid AND d.endpoint_id = ${hook.id}::uuid`.execute(wrong.db);
        return rows[0]?.last_error ? rows[0] : undefined;
      });
      deliveryId = job.id;
      expect(job.last_error).toContain(`encrypted under key ${idOf(keyA)}, which is neither SECRETS_KEY (key ${idOf(keyC)})`);
      const { rows } = await sql<{ attempts: number; status: string; disabled: boolean }>`
        SELECT (SELECT count(*)::int FROM webhook_attempts WHERE delivery_id = d.id) AS attempts, d.status, e.disabled_at IS NOT NULL AS disabled
        FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE d.id = ${deliveryId}::uuid`.execute(wrong.db);
      expect(rows[0]).toEqual({ attempts: 0, status: 'pending', disabled: false });
      expect(receiver.requests.filter((r) => r.json.data.caseId === caseId)).toHaveLength(0);
    } finally {
      await wrong.close();
    }

    const fixed = await startTestApp(workerEnv(keyC, [keyA]), database);
    try {
      const retried = await fixed.http().post(`/v1/webhooks/${hook.id}/deliveries/${deliveryId}/retry`).set(as(integrator));
      expect(retried.status).toBe(202);
      const request = await eventually(() => receiver.accepted().get(`msg_${deliveryId.replaceAll('-', '')}`));
      expect(verifies(hook.secret, request)).toBe(true);
    } finally {
      await fixed.close();
    }
  });

  test('the service refuses to start with a key that opens no stored secret, saying which key is missing', async () => {
    const server = spawnServer({ DATABASE_URL: database.url, SECRETS_KEY: generateSecretsKey(), PORT: String(await freePort()) });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(new RegExp(`Start-up failed: Webhook ${hook.id}: A stored secret is encrypted under key ${idOf(keyA)}, which is neither SECRETS_KEY`));
    expect(server.output()).toContain('SECRETS_KEY_PREVIOUS');
  });

  test('with DATABASE_URL and no SECRETS_KEY the service refuses to start, naming the variable', async () => {
    const server = spawnServer({ DATABASE_URL: database.url, PORT: String(await freePort()) });
    expect(await server.exited).toBe(1);
    expect(server.output().trim()).toMatch(/^Invalid configuration: SECRETS_KEY: required with DATABASE_URL; set it to the base64 of 32 random bytes/);
  });

  test('a tampered ciphertext fails authentication instead of signing with garbage', async () => {
    const ctx = await startTestApp({ SECRETS_KEY: keyA }, database);
    try {
      const [row] = await stored(ctx.db, hook.id);
      const original = row?.secret ?? '';
      const at = original.length - 10;
      const tampered = `${original.slice(0, at)}${original[at] === 'A' ? 'B' : 'A'}${original.slice(at + 1)}`;
      await sql`UPDATE webhook_endpoints SET secret = ${tampered} WHERE id = ${hook.id}`.execute(ctx.db);
      try {
        const result = await cli(ctx.db, ring(keyC, [keyA]), 'rotate-secrets');
        expect(result.code).toBe(1);
        expect(result.err).toContain(`Webhook ${hook.id}: A stored secret encrypted under key ${idOf(keyA)} failed authentication: it was altered`);
      } finally {
        await sql`UPDATE webhook_endpoints SET secret = ${original} WHERE id = ${hook.id}`.execute(ctx.db);
      }
    } finally {
      await ctx.close();
    }
  });

  test('when a key is lost for good, --reset-unreadable disables its endpoints until their owners rotate', async () => {
    const keyD = generateSecretsKey();
    const ctx = await startTestApp({ SECRETS_KEY: keyD }, database);
    try {
      const result = await cli(ctx.db, ring(keyD), 'rotate-secrets', '--reset-unreadable');
      expect(result.code).toBe(0);
      expect(result.out).toContain('Gave 1 webhook a new secret and disabled them');
      const [row] = await stored(ctx.db, hook.id);
      expect(row?.secret).toMatch(new RegExp(`^v1:${idOf(keyD)}:`));
      const shown = await ctx.http().get(`/v1/webhooks/${hook.id}`).set(as(integrator));
      expect(shown.body).toMatchObject({ status: 'disabled', disabledReason: LOST_SECRET_REASON });

      const rotated = await ctx.http().post(`/v1/webhooks/${hook.id}/rotate-secret`).set(as(integrator)).send({});
      expect(rotated.status).toBe(200);
      const enabled = await ctx.http().patch(`/v1/webhooks/${hook.id}`).set(as(integrator)).send({ enabled: true });
      expect(enabled.body).toMatchObject({ status: 'active' });
    } finally {
      await ctx.close();
    }
  });
});
