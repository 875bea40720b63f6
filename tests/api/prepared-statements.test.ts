import { type Kysely, sql } from 'kysely';
import { createDatabase } from '../../src/db/database.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

// Statements the service sends repeatedly are prepared once per connection, so that
// PostgreSQL neither parses nor plans them again (src/db/prepared-statements.ts). What a
// connection has prepared is in its own pg_prepared_statements.

let database: TestDatabase;
let db: Kysely<any>;
beforeAll(async () => {
  database = await createTestDatabase();
  // One connection, so every statement below runs on the connection it asks about.
  db = createDatabase({ connectionString: database.url, poolSize: 1 }) as unknown as Kysely<any>;
});
afterAll(async () => {
  await db.destroy();
  await database.drop();
});

async function preparedTexts(): Promise<string[]> {
  const { rows } = await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements`.execute(db);
  return rows.map((row) => row.statement);
}

const byCode = (code: string) => db.selectFrom('departments').select(['code', 'name_da']).where('code', '=', code);

test('a statement sent once goes unprepared; sent again, it is prepared and answers the same', async () => {
  const text = byCode('jobcenter').compile().sql;
  const first = await byCode('jobcenter').execute();
  expect(await preparedTexts()).not.toContain(text);

  const second = await byCode('jobcenter').execute();
  const other = await byCode('social').execute();
  expect(await preparedTexts()).toContain(text);
  expect(second).toEqual(first);
  expect(other).toEqual([expect.objectContaining({ code: 'social' })]);
});

test('after the fifth run of a prepared statement PostgreSQL may keep one generic plan, and answers stay right', async () => {
  for (const code of ['jobcenter', 'social', 'business-service', 'technical', 'jobcenter', 'social', 'nowhere']) {
    const rows = await byCode(code).execute();
    expect(rows.map((row) => row.code)).toEqual(code === 'nowhere' ? [] : [code]);
  }
  const { rows } = await sql<{ plans: string }>`
    SELECT (generic_plans + custom_plans)::text AS plans FROM pg_prepared_statements WHERE statement = ${byCode('x').compile().sql}`.execute(db);
  expect(Number(rows[0]?.plans)).toBeGreaterThanOrEqual(7);
});

test('a statement whose result columns change under it fails once, then goes unprepared and answers', async () => {
  await sql`CREATE TABLE prepared_probe (a int)`.execute(db);
  await sql`INSERT INTO prepared_probe VALUES (1)`.execute(db);
  const probe = () => db.selectFrom('prepared_probe').selectAll().where('a', '=', 1).execute();
  await probe();
  await probe();
  expect(await preparedTexts()).toContain(db.selectFrom('prepared_probe').selectAll().where('a', '=', 1).compile().sql);

  await sql`ALTER TABLE prepared_probe ADD COLUMN b text DEFAULT 'new'`.execute(db);
  await expect(probe()).rejects.toMatchObject({ code: '0A000' });
  expect(await probe()).toEqual([{ a: 1, b: 'new' }]);
  expect(await probe()).toEqual([{ a: 1, b: 'new' }]);
});

test('with prepared statements off, nothing is prepared', async () => {
  const plain = createDatabase({ connectionString: database.url, poolSize: 1, preparedStatements: false }) as unknown as Kysely<any>;
  try {
    for (let i = 0; i < 3; i += 1) await plain.selectFrom('departments').select('code').where('code', '=', 'social').execute();
    const { rows } = await sql<{ n: string }>`SELECT count(*)::text AS n FROM pg_prepared_statements`.execute(plain);
    expect(rows[0]?.n).toBe('0');
  } finally {
    await plain.destroy();
  }
});
