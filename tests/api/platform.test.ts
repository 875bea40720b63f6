import { Writable } from 'node:stream';
import request from 'supertest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createDatabase } from '../../src/db/database.js';
import { loggerOptions } from '../../src/plugins/logging.js';
import { startTestApp, type TestContext } from '../support/app.js';
import { validInquiry } from '../support/fixtures.js';
import { TEST_SECRETS_KEY } from '../support/secrets-key.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(async () => ctx.close());

describe('health', () => {
  test('/healthz answers while the process runs', async () => {
    const res = await ctx.http().get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  test('/readyz answers 200 when the database is reachable and migrated', async () => {
    const res = await ctx.http().get('/readyz');
    expect(res.status).toBe(200);
  });

  test('/readyz answers 503 problem+json when the database is unreachable', async () => {
    const db = createDatabase({ connectionString: 'postgres://nobody@127.0.0.1:1/none' });
    const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent', MAX_EVENT_LOOP_DELAY_MS: '0', SECRETS_KEY: TEST_SECRETS_KEY }), { db, logger: false });
    await app.ready();
    try {
      const res = await request(app.server).get('/readyz');
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.headers['retry-after']).toBeDefined();
      // Other endpoints answer 503 too, never 500.
      const topics = await request(app.server).get('/v1/topics');
      expect(topics.status).toBe(503);
      expect(topics.headers['retry-after']).toBeDefined();
    } finally {
      await app.close();
      await db.destroy();
    }
  });
});

describe('errors and request ids', () => {
  test('an unknown route is 404 problem+json', async () => {
    const res = await ctx.http().get('/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: '/problems/not-found', title: 'Not found', status: 404 });
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
  });

  // Which incoming X-Request-Id is kept (only a trusted proxy's, well formed): proxy-trust.test.ts.
});

describe('documentation', () => {
  test('/openapi.json is the OpenAPI 3.1 document', async () => {
    const res = await ctx.http().get('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/v1/inquiries', '/v1/topics', '/v1/inquiries/{reference}/status']));
  });

  test('/docs serves the interactive documentation', async () => {
    const res = await ctx.http().get('/docs/').redirects(1);
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/swagger/i);
  });

  test('security headers are set', async () => {
    const res = await ctx.http().get('/v1/topics');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
  });
});

describe('logs', () => {
  test('contact data, descriptions and tokens never reach the log', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, callback) {
        lines.push(String(chunk));
        callback();
      },
    });
    const db = createDatabase({ connectionString: ctx.database.url });
    const app = await buildApp(loadConfig({ LOG_LEVEL: 'trace', PUBLIC_RATE_LIMIT: '0', MAX_EVENT_LOOP_DELAY_MS: '0', DATABASE_URL: ctx.database.url, SECRETS_KEY: TEST_SECRETS_KEY }), {
      db,
      logger: { ...(loggerOptions('trace') as object), stream },
    });
    await app.ready();
    try {
      const inquiry = validInquiry({ contact: { name: 'Mette Hemmelig', email: 'hemmelig@example.dk', phone: '+4587654321' }, description: 'En helt fortrolig beskrivelse af sagen.' });
      const receipt = (await request(app.server).post('/v1/inquiries').set('authorization', 'Bearer oe_not-a-real-token-but-long').send(inquiry)).body;
      const ok = await request(app.server).post('/v1/inquiries').send(inquiry);
      await request(app.server).get(ok.body.statusUrl);
      const log = lines.join('');
      expect(receipt.status).toBe(401);
      expect(log).toContain('inquiry received');
      expect(log).toContain(ok.body.caseId);
      for (const secret of ['hemmelig@example.dk', 'Mette Hemmelig', '87654321', 'fortrolig', 'oe_not-a-real-token', ok.body.trackingToken]) {
        expect(log).not.toContain(secret);
      }
    } finally {
      await app.close();
      await db.destroy();
    }
  });
});
