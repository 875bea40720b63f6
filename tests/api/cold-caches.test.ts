import type { FastifyInstance } from 'fastify';
import request from 'supertest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createDatabase, type Database } from '../../src/db/database.js';
import type { IntakeDeps } from '../../src/modules/inquiries/inquiries.service.js';
import { TopicCatalogue } from '../../src/modules/topics/topic-catalogue.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { eventually } from '../support/eventually.js';
import { validInquiry } from '../support/fixtures.js';
import { TEST_SECRETS_KEY } from '../support/secrets-key.js';

// The in-memory catalogue is read through the pool. Read inside an intake's transaction,
// a cold catalogue (just after start, or when it is due to be read again) made every
// request that held a pooled connection wait for a read that needed one more connection:
// with as many concurrent intakes as connections, all of them waited until the pool's
// connect timeout and were answered 503.

let database: TestDatabase;
let db: Database;
let app: FastifyInstance;
beforeAll(async () => {
  database = await createTestDatabase();
  db = createDatabase({ connectionString: database.url, poolSize: 2 });
  const config = loadConfig({ DATABASE_URL: database.url, PUBLIC_RATE_LIMIT: '0', LOG_LEVEL: 'silent', MAX_EVENT_LOOP_DELAY_MS: '0', WEBHOOK_WORKER: 'false', SECRETS_KEY: TEST_SECRETS_KEY });
  app = await buildApp(config, { db, logger: false });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await db.destroy();
  await database.drop();
});

test('concurrent intakes on a cold topic catalogue do not wait on each other for connections', async () => {
  (app.intake as IntakeDeps).topics = new TopicCatalogue(db);
  const answers = await Promise.all(
    Array.from({ length: 8 }, () => request(app.server).post('/v1/inquiries').send(validInquiry())),
  );
  expect(answers.map((res) => res.status)).toEqual(Array(8).fill(201));
});

test('a catalogue due to be read again answers from memory while it is read', async () => {
  const catalogue = new TopicCatalogue(db, 0);
  const first = await catalogue.active();
  // Every pooled connection busy: a read that waited for one would not finish until they are free.
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  let held = 0;
  const holders = [0, 1].map(() => db.connection().execute(async () => { held += 1; await gate; }));
  try {
    await eventually(() => held === 2);
    await expect(catalogue.active()).resolves.toBe(first);
  } finally {
    release();
    await Promise.all(holders);
  }
});
