import { connect } from 'node:net';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { TEST_SECRETS_KEY } from '../support/secrets-key.js';
import { freePort, type ServerProcess, spawnServer, waitUntilReady } from '../support/server-process.js';

// SIGTERM while a request is in flight on a keep-alive connection (as browsers and HTTP
// clients keep them): the request is answered, and the service stops at once after it,
// rather than waiting on the idle connection until its grace period runs out.

const GRACE_MS = 8_000;
let database: TestDatabase;
let server: ServerProcess | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await server?.stop('SIGKILL');
  await database.drop();
});

test('a request in flight at SIGTERM is answered, and the service then stops cleanly within its grace period', async () => {
  const port = await freePort();
  server = spawnServer({ PORT: String(port), DATABASE_URL: database.url, SECRETS_KEY: TEST_SECRETS_KEY, SHUTDOWN_GRACE_MS: String(GRACE_MS) });
  await waitUntilReady(server);

  const socket = connect(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  let answer = '';
  socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
  const closedByServer = new Promise((resolve) => socket.once('end', resolve));
  // Headers and part of the body: the request is in flight when the stop begins.
  const body = JSON.stringify({ subject: 'in flight' });
  socket.write(`POST /v1/inquiries HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: keep-alive\r\n\r\n${body.slice(0, 5)}`);
  await new Promise((resolve) => setTimeout(resolve, 300));

  const stopping = server.stop('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 300));
  socket.write(body.slice(5));

  const code = await stopping;
  await closedByServer;
  socket.destroy();
  // The request got its answer (a validation error: the body is no inquiry), not a reset.
  expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
  expect({ code, timedOut: server.output().includes('killed by timeout') }).toEqual({ code: 0, timedOut: false });
});
