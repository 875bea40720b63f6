import { checkIntegrity, runLoad, sleep, type Stack, startStack, summarise } from './harness.js';

const GRACE_MS = 5000;
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ SHUTDOWN_GRACE_MS: String(GRACE_MS) });
});
afterAll(async () => stack.stop());

test('SIGTERM under load: accepted requests complete, new ones are refused, the process exits in time, nothing half-written', async () => {
  let stopped = false;
  const load = runLoad(stack.server.baseUrl, 16, () => stopped);
  await sleep(1500);
  const signalledAt = Date.now();
  stack.server.child.kill('SIGTERM');
  const code = await stack.server.exited;
  const exitedAfterMs = Date.now() - signalledAt;
  await sleep(500);
  stopped = true;
  const outcomes = await load;

  // 0: it finished within SHUTDOWN_GRACE_MS (past it, the service exits with 1 by itself).
  expect(code).toBe(0);
  const counts = summarise(outcomes);
  // Before the signal: successes. After it: 503 while closing, or the connection refused.
  for (const status of Object.keys(counts)) expect(['201', '503', 'network-error']).toContain(status);
  expect(outcomes.filter((o) => o.status === 'timeout')).toEqual([]);
  // A refused request never had been accepted: every network error started after the signal.
  expect(outcomes.filter((o) => o.status === 'network-error' && o.startedAt < signalledAt - 50)).toEqual([]);
  // Requests that were in flight at the signal were answered.
  const inFlight = outcomes.filter((o) => o.startedAt < signalledAt && o.finishedAt > signalledAt);
  expect(inFlight.every((o) => o.status === 201 || o.status === 503)).toBe(true);
  expect(await checkIntegrity(stack.databaseUrl, outcomes)).toEqual({ lost: [], halfWritten: 0 });
  console.log(`SIGTERM: exited with ${code} after ${exitedAfterMs} ms; ${inFlight.length} in flight at the signal; outcomes ${JSON.stringify(counts)}`);
});
