import { eventually } from '../support/eventually.js';
import { badRefusals, checkIntegrity, runLoad, sleep, type Stack, startStack, summarise } from './harness.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack.stop());

async function readyStatus(baseUrl: string): Promise<number> {
  try {
    return (await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(5000) })).status;
  } catch {
    return 0;
  }
}

test('PostgreSQL restarted under load: /readyz says not ready during the outage, nothing accepted is lost', async () => {
  let stopAt = Infinity;
  const load = runLoad(stack.server.baseUrl, 12, () => Date.now() > stopAt);
  await sleep(1500);

  const readiness: number[] = [];
  // Down for about three seconds. Readiness is sampled only once PostgreSQL has exited:
  // its shutdown checkpoint can take seconds on a busy machine.
  await stack.stopDatabase();
  const downAt = Date.now();
  for (let i = 0; i < 5; i += 1) {
    readiness.push(await readyStatus(stack.server.baseUrl));
    await sleep(200);
  }
  await sleep(Math.max(0, 3000 - (Date.now() - downAt)));
  await stack.startDatabase();
  const restartedAt = Date.now();
  let readyAgainAfterMs: number;
  try {
    // Ready again once the database is back.
    await eventually(async () => (await readyStatus(stack.server.baseUrl)) === 200);
    readyAgainAfterMs = Date.now() - restartedAt;
  } finally {
    // The load stops three seconds on whatever happened: a failed wait must not leave it running.
    stopAt = Date.now() + 3000;
  }
  const outcomes = await load;

  expect(stack.server.child.exitCode).toBeNull();
  expect(readiness).toContain(503);
  expect(readiness).not.toContain(200);
  const counts = summarise(outcomes);
  for (const status of Object.keys(counts)) expect(['201', '503']).toContain(status);
  expect(counts['503']).toBeGreaterThan(0);
  expect(badRefusals(outcomes)).toEqual([]);
  const lateSuccesses = outcomes.filter((o) => o.status === 201 && o.startedAt > restartedAt + readyAgainAfterMs);
  expect(lateSuccesses.length).toBeGreaterThan(0);
  expect(await checkIntegrity(stack.databaseUrl, outcomes)).toEqual({ lost: [], halfWritten: 0 });
  console.log(`database restart: readiness during outage ${readiness.join(',')}; ready again ${readyAgainAfterMs} ms after restart; outcomes ${JSON.stringify(counts)}`);
});
