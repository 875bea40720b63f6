import { startTestApp, type TestContext } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { httpFrom, listenOnLoopback } from '../support/http-from.js';
import { createPerson, submitCase } from '../support/people.js';

// The app listens on 127.0.0.1 and is reached over real connections from chosen loopback
// addresses: 127.0.0.2 plays the reverse proxy, 127.0.0.3 a client that connects directly,
// and 127.0.0.9 a second proxy in front of the first (a CDN).
const PROXY = '127.0.0.2';
const DIRECT_CLIENT = '127.0.0.3';

interface Running {
  ctx: TestContext;
  url: string;
  /** The client address the app logged for the request with this id. */
  clientAddressOf(requestId: string): string | undefined;
}

/** An app that listens for real and whose request log can be read back. */
async function start(env: Record<string, string>, database: TestDatabase): Promise<Running> {
  const lines: Array<{ reqId?: string; req?: { remoteAddress?: string } }> = [];
  const stream = { write: (line: string) => void lines.push(JSON.parse(line)) };
  const ctx = await startTestApp({ PUBLIC_RATE_LIMIT: '3', ...env }, database, { level: 'info', stream });
  const url = await listenOnLoopback(ctx.app);
  return { ctx, url, clientAddressOf: (requestId) => lines.find((line) => line.reqId === requestId && line.req)?.req?.remoteAddress };
}

let database: TestDatabase;
let trustingNobody: Running;
let behindProxies: Running;

beforeAll(async () => {
  database = await createTestDatabase();
  trustingNobody = await start({}, database);
  behindProxies = await start({ TRUST_PROXY: `${PROXY},127.0.0.8/29` }, database);
});
afterAll(async () => {
  await trustingNobody.ctx.close();
  await behindProxies.ctx.close();
  await database.drop();
});

/** An anonymous (invalid, so nothing is stored) submission: it counts against the public rate limit all the same. */
const submit = (app: Running, from: string, forwardedFor?: string) =>
  httpFrom(from, `${app.url}/v1/inquiries`, { method: 'POST', json: {}, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} });

const requestIdOf = (answer: { headers: Record<string, unknown> }) => String(answer.headers['x-request-id']);

describe('client address', () => {
  test('without trusted proxies, X-Forwarded-For neither changes the address nor escapes the rate limit', async () => {
    const statuses: number[] = [];
    for (const spoofed of ['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4']) {
      const answer = await submit(trustingNobody, '127.0.0.4', spoofed);
      statuses.push(answer.status);
      expect(trustingNobody.clientAddressOf(requestIdOf(answer))).toBe('127.0.0.4');
    }
    expect(statuses).toEqual([400, 400, 400, 429]);
  });

  test('behind a trusted proxy, the address the proxy appended is used, not one the client wrote itself', async () => {
    // The client sent "X-Forwarded-For: 198.51.100.1"; the proxy appended the address it saw.
    const answer = await submit(behindProxies, PROXY, '198.51.100.1, 203.0.113.20');
    expect(behindProxies.clientAddressOf(requestIdOf(answer))).toBe('203.0.113.20');
  });

  test('behind a trusted proxy, each client address has its own budget', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await submit(behindProxies, PROXY, `198.51.100.${i}, 203.0.113.30`)).status);
    expect(statuses).toEqual([400, 400, 400, 429]);
    expect((await submit(behindProxies, PROXY, '203.0.113.31')).status).toBe(400);
  });

  test('a chain of trusted proxies (a network given as CIDR) is walked back to the first untrusted address', async () => {
    const answer = await submit(behindProxies, PROXY, '198.51.100.1, 203.0.113.40, 127.0.0.9');
    expect(behindProxies.clientAddressOf(requestIdOf(answer))).toBe('203.0.113.40');
  });

  test('a client that reaches the service directly, past the proxy, is not believed', async () => {
    const statuses: number[] = [];
    for (const spoofed of ['203.0.113.51', '203.0.113.52', '203.0.113.53', '203.0.113.54']) {
      const answer = await submit(behindProxies, DIRECT_CLIENT, spoofed);
      statuses.push(answer.status);
      expect(behindProxies.clientAddressOf(requestIdOf(answer))).toBe(DIRECT_CLIENT);
    }
    expect(statuses).toEqual([400, 400, 400, 429]);
  });
});

describe('request id', () => {
  const GENERATED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

  test('is taken from a trusted proxy when well formed, and is what the case read-access log records', async () => {
    const { ctx, url } = behindProxies;
    const coordinator = await createPerson(ctx, 'coordinator');
    const admin = await createPerson(ctx, 'admin');
    const { caseId } = await submitCase(ctx);
    const read = (from: string, requestId: string) =>
      httpFrom(from, `${url}/v1/cases/${caseId}`, { headers: { authorization: coordinator.auth, 'x-request-id': requestId } });

    const viaProxy = await read(PROXY, 'proxy-assigned.id_0001');
    expect(viaProxy.status).toBe(200);
    expect(viaProxy.headers['x-request-id']).toBe('proxy-assigned.id_0001');
    const direct = await read(DIRECT_CLIENT, 'forged-by-client-0001');
    expect(direct.status).toBe(200);
    expect(direct.headers['x-request-id']).toMatch(GENERATED);

    const log = await ctx.http().get(`/v1/cases/${caseId}/access-log`).set('authorization', admin.auth).expect(200);
    expect(log.body.items.map((item: { requestId: string }) => item.requestId)).toEqual([requestIdOf(direct), 'proxy-assigned.id_0001']);
  });

  test('from a peer that is not a trusted proxy, any X-Request-Id is replaced', async () => {
    const answer = await httpFrom('127.0.0.1', `${trustingNobody.url}/healthz`, { headers: { 'x-request-id': 'abc-123-def-456' } });
    expect(answer.headers['x-request-id']).toMatch(GENERATED);
  });

  test.each([
    ['too short', 'abc1234'],
    ['too long', 'a'.repeat(65)],
    ['outside the allowed characters', 'evil\tvalue with spaces'],
    ['a log-forging attempt', 'id-0001"}\\n{"level":60'],
  ])('from a trusted proxy, one %s is replaced', async (_name, requestId) => {
    const answer = await httpFrom(PROXY, `${behindProxies.url}/healthz`, { headers: { 'x-request-id': requestId } });
    expect(answer.headers['x-request-id']).toMatch(GENERATED);
  });
});
