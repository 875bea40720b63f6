import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { advisoryLockKey } from '../../src/modules/idempotency/idempotency.repository.js';
import { startTestApp, type TestContext } from '../support/app.js';
import { intakeRowCounts } from '../support/counts.js';
import { validInquiry } from '../support/fixtures.js';
import { createUserWithToken } from '../support/users.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(async () => ctx.close());

const submitWithKey = (key: string, body: object, token?: string) => {
  const req = ctx.http().post('/v1/inquiries').set('idempotency-key', key);
  if (token) req.set('authorization', `Bearer ${token}`);
  return req.send(body);
};
const newKey = () => crypto.randomUUID();

describe('Idempotency-Key', () => {
  test('a replay with the same body returns the original receipt, tracking token included, and no second case', async () => {
    const key = newKey();
    const body = validInquiry();
    const first = await submitWithKey(key, body);
    expect(first.status).toBe(201);
    const before = await intakeRowCounts(ctx.db);
    const again = await submitWithKey(key, body);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await intakeRowCounts(ctx.db)).toEqual(before);
    // The replayed token really works.
    expect((await ctx.http().get(again.body.statusUrl)).status).toBe(200);
  });

  test('the same body with its keys in another order is the same request', async () => {
    const key = newKey();
    const body = validInquiry();
    const first = await submitWithKey(key, body);
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const again = await submitWithKey(key, reordered);
    expect(again.status).toBe(201);
    expect(again.body.caseId).toBe(first.body.caseId);
  });

  test('the same key with a different body is 422 and writes nothing', async () => {
    const key = newKey();
    await submitWithKey(key, validInquiry());
    const before = await intakeRowCounts(ctx.db);
    const res = await submitWithKey(key, validInquiry({ subject: 'Et andet emne' }));
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body.errors[0].path).toBe('headers.idempotency-key');
    expect(await intakeRowCounts(ctx.db)).toEqual(before);
  });

  test('twenty simultaneous identical requests create exactly one case', async () => {
    const key = newKey();
    const body = validInquiry();
    const before = await intakeRowCounts(ctx.db);
    const responses = await Promise.all(Array.from({ length: 20 }, () => submitWithKey(key, body)));
    const statuses = responses.map((r) => r.status);
    // Duplicates wait for the first and get its receipt.
    expect(statuses).toEqual(Array.from({ length: 20 }, () => 201));
    const caseIds = new Set(responses.filter((r) => r.status === 201).map((r) => r.body.caseId));
    expect(caseIds.size).toBe(1);
    const after = await intakeRowCounts(ctx.db);
    expect(after.cases - before.cases).toBe(1);
    expect(after.inquiries - before.inquiries).toBe(1);
  });

  test('duplicates sent to two instances at once create one case, and every one gets its receipt', async () => {
    // The second instance shares the database: its duplicates find the key held by the
    // other process and look again until the first request has finished.
    const other = await startTestApp({}, ctx.database);
    try {
      const key = newKey();
      const body = validInquiry();
      const before = await intakeRowCounts(ctx.db);
      const send = (instance: TestContext) => instance.http().post('/v1/inquiries').set('idempotency-key', key).send(body);
      const responses = await Promise.all(Array.from({ length: 16 }, (_, i) => send(i % 2 === 0 ? ctx : other)));
      expect(responses.map((r) => r.status)).toEqual(Array.from({ length: 16 }, () => 201));
      expect(new Set(responses.map((r) => r.body.caseId)).size).toBe(1);
      expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(15);
      const after = await intakeRowCounts(ctx.db);
      expect(after.cases - before.cases).toBe(1);
    } finally {
      await other.close();
    }
  });

  test('a duplicate that waits in vain is answered 409 with Retry-After, and nothing is written for it', async () => {
    const key = newKey();
    const body = validInquiry();
    const before = await intakeRowCounts(ctx.db);
    // Another process holds the key (its advisory lock) and does not finish within the wait.
    const lockKey = advisoryLockKey('public', createHash('sha256').update(key, 'utf8').digest());
    await ctx.db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${lockKey}::bigint)`.execute(trx);
      const res = await submitWithKey(key, body);
      expect(res.status).toBe(409);
      expect(res.headers['retry-after']).toBe('1');
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    });
    expect(await intakeRowCounts(ctx.db)).toEqual(before);
    // Once the holder is gone the same request goes through.
    expect((await submitWithKey(key, body)).status).toBe(201);
  }, 20_000);

  test('a request rejected by validation does not use up its key', async () => {
    const key = newKey();
    const bad = await submitWithKey(key, validInquiry({ topics: ['astrology'] }));
    expect(bad.status).toBe(400);
    const good = await submitWithKey(key, validInquiry());
    expect(good.status).toBe(201);
  });

  test('keys of different callers never collide', async () => {
    const integrator = await createUserWithToken(ctx.db, 'integrator');
    const key = newKey();
    const body = validInquiry();
    const anonymous = await submitWithKey(key, body);
    const withToken = await submitWithKey(key, body, integrator.token);
    expect(anonymous.status).toBe(201);
    expect(withToken.status).toBe(201);
    expect(withToken.body.caseId).not.toBe(anonymous.body.caseId);
  });

  test('the key is stored only as a hash and the tracking token only sealed', async () => {
    const key = newKey();
    const res = await submitWithKey(key, validInquiry());
    const rows = await ctx.db.selectFrom('idempotency_keys').selectAll().execute();
    const dump = JSON.stringify(rows.map((r) => ({ ...r, key_hash: r.key_hash.toString('latin1'), sealed: r.sealed_secret?.toString('latin1') })));
    expect(dump).not.toContain(key);
    expect(dump).not.toContain(res.body.trackingToken);
  });
});

describe('retention', () => {
  test('keys older than the retention are purged, younger ones kept; a replay after that is a new submission', async () => {
    const { deleteExpiredKeys } = await import('../../src/modules/idempotency/idempotency.repository.js');
    const oldKey = newKey();
    const youngKey = newKey();
    const oldBody = validInquiry();
    const youngBody = validInquiry();
    const first = await submitWithKey(oldKey, oldBody);
    const young = await submitWithKey(youngKey, youngBody);
    const oldHash = createHash('sha256').update(oldKey).digest();
    await sql`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key_hash = ${oldHash}`.execute(ctx.db);

    expect(await deleteExpiredKeys(ctx.db, 24)).toBe(1);
    const again = await submitWithKey(oldKey, oldBody);
    expect(again.status).toBe(201);
    expect(again.body.caseId).not.toBe(first.body.caseId);
    const replay = await submitWithKey(youngKey, youngBody);
    expect(replay.body.caseId).toBe(young.body.caseId);
  });
});
