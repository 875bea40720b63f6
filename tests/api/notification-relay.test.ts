import { sql } from 'kysely';
import { relayOutbox } from '../../src/modules/notifications/notification-jobs.js';
import { startTestApp, type TestContext } from '../support/app.js';
import { createPerson, submitCase } from '../support/people.js';

// The intake writes its receipt to the notification outbox, not to the job queue: adding
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
  expect(waiting).toHaveLength(3);
  // The receipt carries the tracking token sealed, never in clear.
  for (const row of waiting) expect(row.sealed_tracking_token).toMatch(/^v1:/);
  for (const { trackingToken } of submitted) expect(JSON.stringify(waiting)).not.toContain(trackingToken);

  const moved = await Promise.all([relayOutbox(ctx.db, 2), relayOutbox(ctx.db, 2)]);
  const more = await relayOutbox(ctx.db, 2);
  expect(moved[0] + moved[1] + more).toBe(3);
  expect(await outbox()).toEqual([]);
  const queued = (await jobs()).slice(before);
  expect(queued.map((job) => job.key).sort()).toEqual(waiting.map((row) => `notification:${row.case_event_id}`).sort());
  for (const job of queued) expect(job.payload.trackingToken).toMatch(/^v1:/);
  expect(await relayOutbox(ctx.db, 2)).toBe(0);
});

test('an intake adds its routing to the outbox, for the mail about new assignments, only when a caseworker of its departments wants that mail at once', async () => {
  const eager = await createPerson(ctx, 'caseworker', ['business-service']);
  await ctx.http().put('/v1/me/notifications').set('authorization', eager.auth).send({ newAssignments: 'immediately' }).expect(200);
  // The default inquiry involves the business service.
  const told = await submitCase(ctx);
  // Nobody in the social department chose `immediately`.
  const untold = await submitCase(ctx, { topics: ['social-services'], subject: 'Et forløb', description: 'Vi vil gerne høre om sociale forløb.' });
  const rows = await ctx.db
    .selectFrom('notification_outbox as o')
    .innerJoin('case_events as e', 'e.id', 'o.case_event_id')
    .select(['e.case_id', 'e.type'])
    .execute();
  expect(rows.filter((r) => r.case_id === told.caseId).map((r) => r.type).sort()).toEqual(['created', 'routed']);
  expect(rows.filter((r) => r.case_id === untold.caseId).map((r) => r.type)).toEqual(['created']);
});
