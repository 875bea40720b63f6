import { startTestApp, type TestContext } from '../support/app.js';
import { validInquiry } from '../support/fixtures.js';

const METRICS_TOKEN = 'metrics-token-for-the-tests-0123456789abcdef';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp({ METRICS_TOKEN });
});
afterAll(async () => ctx.close());

/** The value of one sample in Prometheus's text format, or undefined when it is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(\{([^}]*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries([...(match[3] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => present[k] === v)) return Number(match[4]);
  }
  return undefined;
}

async function scrape(): Promise<string> {
  const res = await ctx.http().get('/metrics').set('authorization', `Bearer ${METRICS_TOKEN}`);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text;
}

test('without METRICS_TOKEN there is no /metrics at all', async () => {
  const plain = await startTestApp();
  try {
    expect((await plain.http().get('/metrics')).status).toBe(404);
  } finally {
    await plain.close();
  }
});

test('/metrics answers only a scraper with the token', async () => {
  expect((await ctx.http().get('/metrics')).status).toBe(401);
  expect((await ctx.http().get('/metrics').set('authorization', 'Bearer wrong-token-wrong-token-wrong-token')).status).toBe(401);
  expect((await ctx.http().get('/metrics').set('authorization', METRICS_TOKEN)).status).toBe(401);
  expect(await scrape()).toContain('# TYPE one_entry_assignments_open gauge');
});

test('an inquiry shows in the request figures by route and status and in its department queue', async () => {
  const before = await scrape();
  const queuedBefore = sample(before, 'one_entry_assignments_open', { department: 'jobcenter', status: 'queued' }) ?? 0;
  const receipt = await ctx.http().post('/v1/inquiries').send(validInquiry());
  expect(receipt.status).toBe(201);
  expect(receipt.body.routing.lead).toBe('jobcenter');

  const after = await scrape();
  expect(sample(after, 'one_entry_assignments_open', { department: 'jobcenter', status: 'queued' })).toBe(queuedBefore + 1);
  expect(sample(after, 'http_request_duration_seconds_count', { method: 'POST', route: '/v1/inquiries', status_code: '201' })).toBeGreaterThanOrEqual(1);
  // The scrape itself is not counted.
  expect(after).not.toMatch(/route="\/metrics"/);
  const published = await ctx.db.selectFrom('routing_tables').select('version').where('status', '=', 'published').executeTakeFirstOrThrow();
  expect(sample(after, 'one_entry_routing_table_version')).toBe(published.version);
  expect(sample(after, 'one_entry_db_pool_connections', { state: 'max' })).toBe(10);
  expect(sample(after, 'one_entry_webhook_deliveries_undelivered', { status: 'failed' })).toBe(0);
  expect(sample(after, 'one_entry_mail_failed')).toBe(0);
  expect(sample(after, 'process_resident_memory_bytes')).toBeGreaterThan(0);
});

test('overdue assignments are counted per department', async () => {
  const receipt = await ctx.http().post('/v1/inquiries').send(validInquiry({ topics: ['premises-permits'] }));
  expect(receipt.status).toBe(201);
  const department = receipt.body.routing.lead as string;
  const before = sample(await scrape(), 'one_entry_assignments_overdue', { department }) ?? 0;
  // Time moves on: the case's assignments fall due yesterday.
  await ctx.db.updateTable('assignments').set({ due_date: new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10) }).where('case_id', '=', receipt.body.caseId).execute();
  expect(sample(await scrape(), 'one_entry_assignments_overdue', { department })).toBe(before + 1);
});
