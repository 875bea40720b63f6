import { sql } from 'kysely';
import { REFRESH_STATISTICS_TASK } from '../../src/modules/statistics/statistics.tasks.js';
import { startTestApp, type TestContext } from '../support/app.js';
import { eventually } from '../support/eventually.js';
import { submitCase } from '../support/people.js';

// The nightly refresh is the job queue's `refresh-statistics` task, scheduled by its cron;
// here the job is put on the queue by hand, as the cron does at night, and the worker
// inside the app runs it.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp({ WEBHOOK_WORKER: 'true', WEBHOOK_POLL_INTERVAL_MS: '100' });
});
afterAll(async () => ctx.close());

test('the background worker refreshes the statistics snapshot when its job comes due', async () => {
  await submitCase(ctx);
  await submitCase(ctx, { topics: ['premises-permits'] });
  await sql`SELECT graphile_worker.add_job(${REFRESH_STATISTICS_TASK})`.execute(ctx.db);
  const snapshot = await eventually(() => ctx.db.selectFrom('statistics_snapshot').select(['cases', 'generated_at']).executeTakeFirst());
  expect(snapshot.cases).toBe(2);
  const facts = await ctx.db.selectFrom('statistics_case_facts').select(({ fn }) => fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  expect(Number(facts.n)).toBe(2);
});
