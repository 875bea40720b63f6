import { sql } from 'kysely';
import { relayOutbox } from '../../src/modules/notifications/notification-jobs.js';
import { startTestApp, type TestContext } from '../support/app.js';
import { submitCase } from '../support/people.js';

// The intake writes its messages (the receipt, and the new assignments its routing made,
// for the departments' caseworkers) to the notification outbox, not to the job queue: adding
// a job NOTIFYs, and PostgreSQL serialises the commits of notifying transactions. The
// worker's relay moves the outbox onto the queue in batches.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp(); // no worker: the outbox stays as the intake left it
});
afterAll(async () => ctx.close());

// The queue's own tables: its public view leaves out the payload, which is what is checked here.
const jobs = async () =>
  (await sql<{ key: string; payload: { eventId: string; trackingToken?: string } }>`
    SELECT j.key, j.payload FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
    WHERE t.identifier = 'send-notification' ORDER BY j.key`.execute(ctx.db)).rows;
const outbox = () => ctx.db.selectFrom('notification_outbox').select(['case_event_id', 'sealed_tracking_token']).execute();

test('an intake adds no job itself; the relay moves each message onto the queue once, even with two relays at once', async () => {
  const before = (await jobs()).length;
  const submitted = [await submitCase(ctx), await submitCase(ctx), await submitCase(ctx)];
  expect(await jobs()).toHaveLength(before);
  const waiting = await outbox();
  // Per intake: the receipt (of `created`) and the new assignments (of `routed`).
  expect(waiting).toHaveLength(6);
  const receipts = waiting.filter((row) => row.sealed_tracking_token !== null);
  expect(receipts).toHaveLength(3);
  // The receipt carries the tracking token sealed, never in clear.
  for (const row of receipts) expect(row.sealed_tracking_token).toMatch(/^v1:/);
  for (const { trackingToken } of submitted) expect(JSON.stringify(waiting)).not.toContain(trackingToken);

  const moved = await Promise.all([relayOutbox(ctx.db, 2), relayOutbox(ctx.db, 2)]);
  let more = 0;
  for (let batch = await relayOutbox(ctx.db, 2); batch > 0; batch = await relayOutbox(ctx.db, 2)) more += batch;
  expect(moved[0] + moved[1] + more).toBe(6);
  expect(await outbox()).toEqual([]);
  const queued = (await jobs()).slice(before);
  expect(queued.map((job) => job.key).sort()).toEqual(waiting.map((row) => `notification:${row.case_event_id}`).sort());
  const sealed = new Set(receipts.map((row) => `notification:${row.case_event_id}`));
  for (const job of queued) {
    if (sealed.has(job.key)) expect(job.payload.trackingToken).toMatch(/^v1:/);
    else expect(job.payload.trackingToken).toBeUndefined();
  }
  expect(await relayOutbox(ctx.db, 2)).toBe(0);
});
