import { randomUUID } from 'node:crypto';
import { validInquiry } from '../support/fixtures.js';
import { killServiceConnections, type Outcome, sleep, type Stack, startStack, submitOnce, withClient } from './harness.js';

const KEYS = 1000;
const PER_KEY = 16;
const KEYS_AT_ONCE = 4;

let stack: Stack;
beforeAll(async () => {
  // Load shedding off: this test is about duplicates and dying connections, not overload
  // (tests/faults/overload.test.ts covers shedding).
  stack = await startStack({ DATABASE_MAX_QUEUE: '0' });
});
afterAll(async () => stack.stop());

/**
 * A client that retries a refused or failed submission with the same key, as the API tells
 * it to: after `Retry-After` when given (with jitter, so the retries do not arrive together),
 * otherwise after a short growing pause; it gives up only after two minutes.
 */
async function submitUntilAnswered(baseUrl: string, key: string, body: Record<string, unknown>): Promise<Outcome> {
  const deadline = Date.now() + 120_000;
  for (let attempt = 1; ; attempt += 1) {
    const outcome = await submitOnce(baseUrl, { key, body, subject: String(body.subject) });
    if (outcome.status === 201 || Date.now() > deadline) return outcome;
    if (outcome.status !== 503 && outcome.status !== 409 && outcome.status !== 'network-error') return outcome;
    const advised = Number(outcome.retryAfter) * 1000;
    await sleep((advised > 0 ? advised : 20 * Math.min(attempt, 10)) * (0.5 + Math.random()));
  }
}

test('idempotency storm: 1,000 keys × 16 concurrent submissions, with connection kills in between, give exactly one case per key', async () => {
  let running = true;
  let killed = 0;
  // Every service connection is killed once a second: often enough to hit every phase of
  // the intake (lock waits, inserts, commit), rarely enough that an intake can finish.
  const killer = (async () => {
    while (running) {
      await sleep(1000);
      killed += await killServiceConnections(stack.databaseUrl);
    }
  })();

  // Every retry and duplicate of a key carries the very same body.
  const keys = Array.from({ length: KEYS }, () => ({ key: randomUUID(), body: validInquiry({ subject: `Storm ${randomUUID()}` }) }));
  const answers = new Map<string, Outcome[]>();
  let next = 0;
  await Promise.all(
    Array.from({ length: KEYS_AT_ONCE }, async () => {
      while (next < keys.length) {
        const item = keys[next++];
        if (!item) break;
        answers.set(item.key, await Promise.all(Array.from({ length: PER_KEY }, () => submitUntilAnswered(stack.server.baseUrl, item.key, item.body))));
      }
    }),
  );
  running = false;
  await killer;

  expect(killed).toBeGreaterThan(0);
  // Liveness: every submission is answered within its two minutes of retries.
  const all = [...answers.values()].flat();
  const messages = new Map<string, number>();
  for (const line of stack.server.output().split('\n')) {
    const m = /"message":"([^"]+)"/.exec(line);
    if (m?.[1]) messages.set(m[1], (messages.get(m[1]) ?? 0) + 1);
  }
  console.log('server warnings:', JSON.stringify([...messages].sort((a, b) => b[1] - a[1]).slice(0, 10)));
  const unanswered = all.filter((o) => o.status !== 201);
  expect(unanswered.map((o) => o.status)).toEqual([]);
  // Safety: every key has exactly one case, and every answer for a key names that case.
  const keysWithSeveralCases = [...answers.entries()].filter(
    ([, outcomes]) => new Set(outcomes.filter((o) => o.status === 201).map((o) => o.caseId)).size > 1,
  );
  expect(keysWithSeveralCases).toEqual([]);

  const perSubject = await withClient(stack.databaseUrl, async (client) =>
    (await client.query<{ subject: string; cases: number }>("SELECT i.subject, count(c.id)::int AS cases FROM inquiries i JOIN cases c ON c.inquiry_id = i.id WHERE i.subject LIKE 'Storm %' GROUP BY i.subject")).rows,
  );
  expect(perSubject.length).toBe(KEYS);
  expect(perSubject.filter((row) => row.cases !== 1)).toEqual([]);
  console.log(`idempotency storm: ${KEYS * PER_KEY} submissions, ${killed} connections killed, ${perSubject.length} keys with exactly one case each`);
}, 480_000);
