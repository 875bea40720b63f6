import { sql } from 'kysely';
import pino from 'pino';
import { PublishedRoutingTable } from '../../src/modules/routing/published-table.js';
import { startTestApp, type TestContext } from '../support/app.js';
import { eventually } from '../support/eventually.js';
import { validInquiry } from '../support/fixtures.js';
import { fleksjobRule, routingAs } from '../support/routing.js';
import { type TestUser, createUserWithToken } from '../support/users.js';

// Two app instances on one database, as two processes behind a load balancer would be.
// The periodic check is set far out of reach (ten minutes), so only the notification path
// can deliver a publish before the wait for it gives up.
let first: TestContext;
let second: TestContext;
let coordinator: TestUser;

beforeAll(async () => {
  first = await startTestApp({ ROUTING_CHECK_INTERVAL_MS: '600000' });
  second = await startTestApp({ ROUTING_CHECK_INTERVAL_MS: '600000' }, first.database);
  coordinator = await createUserWithToken(first.db, 'coordinator');
});
afterAll(async () => {
  await second.close();
  await first.close();
});

async function publishFleksjobTable(): Promise<number> {
  const routing = routingAs(first, coordinator);
  const seed = await routing.get(1);
  const draft = await routing.draft([fleksjobRule, ...seed.body.rules]);
  const published = await routing.publish(draft);
  expect(published.status).toBe(200);
  return draft;
}

const fleksjobInquiry = () =>
  validInquiry({ topics: ['other'], subject: 'Fleksjob i caféen', description: 'Vi vil gerne ansætte en medarbejder i fleksjob.' });

test('a coordinator adds a fleksjob rule, checks it, guards it with a golden case and publishes; the other instance routes by it without waiting for its periodic check', async () => {
  const routing = routingAs(first, coordinator);
  const before = await second.http().post('/v1/inquiries').send(fleksjobInquiry());
  expect(before.body.routing.lead).toBe('business-service');

  const copy = await routing.copy(1);
  const draft = copy.body.version as number;
  const { id: _id, ...newRule } = fleksjobRule;
  expect((await routing.replace(draft, { fallbackDepartment: copy.body.fallbackDepartment, rules: [newRule, ...copy.body.rules] })).status).toBe(200);

  const simulated = await routing.simulate({ version: draft, inquiry: fleksjobInquiry() });
  expect(simulated.body.decision).toMatchObject({ lead: 'jobcenter', involved: [] });
  expect(simulated.body.rules[0]).toMatchObject({ matched: true, effect: 'lead', matchedKeywords: ['fleksjob'] });
  expect(simulated.body.rules[0].reason).toContain('fleksjob');

  const golden = await routing.addGoldenCase({ name: 'Fleksjob leads at the jobcenter', inquiry: fleksjobInquiry(), expected: { lead: 'jobcenter', involved: [] } });
  expect(golden.status).toBe(201);
  expect((await routing.publish(draft)).status).toBe(200);

  await eventually(() => second.app.intake.routing.version === draft);
  const after = await second.http().post('/v1/inquiries').send(fleksjobInquiry());
  expect(after.body.routing).toEqual({ lead: 'jobcenter', involved: [] });
  const row = await second.db.selectFrom('cases').select('routing_version').where('id', '=', after.body.caseId).executeTakeFirstOrThrow();
  expect(row.routing_version).toBe(draft);

  // A draft that breaks the golden case needs force and a reason.
  const breaking = await routing.copy(1);
  expect((await routing.publish(breaking.body.version)).status).toBe(422);
  expect((await routing.publish(breaking.body.version, { force: true })).status).toBe(400);
  await first.db.deleteFrom('routing_golden_cases').execute();
});

test('an instance whose notification connection was cut reconnects and catches up', async () => {
  await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE application_name = 'one-entry-listener' AND datname = current_database()`.execute(first.db);
  const version = await publishFleksjobTable();
  await eventually(() => second.app.intake.routing.version === version);
});

test('without notifications, the periodic check still picks up a publish', async () => {
  const polling = new PublishedRoutingTable(first.db, { checkIntervalMs: 100, log: pino({ level: 'silent' }) });
  await polling.start();
  try {
    const version = await publishFleksjobTable();
    await eventually(() => polling.version === version);
  } finally {
    await polling.stop();
  }
});
