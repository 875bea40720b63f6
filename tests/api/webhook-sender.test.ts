import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RESPONSE_EXCERPT_BYTES, sendWebhook } from '../../src/modules/webhooks/sender.js';
import { publicOnlyLookup } from '../../src/modules/webhooks/url-safety.js';

// The outbound side on its own, against a real local server: what a hostile or broken
// receiver can and cannot make the worker do.
let server: Server;
let base: string;
const paths: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    paths.push(req.url ?? '');
    req.resume();
    if (req.url === '/redirect') {
      res.writeHead(302, { location: '/elsewhere' }).end();
    } else if (req.url === '/large') {
      res.writeHead(200).end('x'.repeat(100_000));
    } else if (req.url === '/silent') {
      // Never answers.
    } else {
      res.writeHead(204).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const open = { allowPrivateNetworks: true, timeoutMs: 5000 };
const strict = { allowPrivateNetworks: false, timeoutMs: 5000 };

describe('outbound safety', () => {
  test('a redirect is not followed and counts as a failure', async () => {
    paths.length = 0;
    const result = await sendWebhook(`${base}/redirect`, {}, '{}', open);
    expect(result).toMatchObject({ succeeded: false, statusCode: 302, error: 'Redirects are not followed' });
    expect(paths).toEqual(['/redirect']);
  });

  test('only a short excerpt of the answer is kept', async () => {
    const result = await sendWebhook(`${base}/large`, {}, '{}', open);
    expect(result.succeeded).toBe(true);
    expect(result.responseExcerpt?.length).toBeLessThanOrEqual(RESPONSE_EXCERPT_BYTES);
  });

  test('a receiver that never answers is given up on at the deadline', async () => {
    const result = await sendWebhook(`${base}/silent`, {}, '{}', { ...open, timeoutMs: 300 });
    expect(result).toMatchObject({ succeeded: false, statusCode: null, error: 'No complete answer within 300 ms' });
  });

  test.each([
    ['plain http', () => `${base}/hooks`, /https/],
    ['an https URL on a loopback address', () => `https://127.0.0.1:${new URL(base).port}/hooks`, /private, loopback/],
    ['a name that resolves to loopback', () => `https://localhost:${new URL(base).port}/hooks`, /resolves to 127\.0\.0\.1|resolves to ::1/],
  ])('without private networks allowed, %s is refused at delivery time', async (_name, url, message) => {
    paths.length = 0;
    const result = await sendWebhook(url(), {}, '{}', strict);
    expect(result).toMatchObject({ succeeded: false, statusCode: null, error: expect.stringMatching(message) });
    expect(paths).toEqual([]);
  });

  test('the connection lookup refuses a name whose address is not public, in both lookup forms', async () => {
    for (const all of [false, true]) {
      const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => publicOnlyLookup('localhost', { all }, (err) => resolve(err)));
      expect(error?.code).toBe('EUNSAFEADDRESS');
    }
  });
});
