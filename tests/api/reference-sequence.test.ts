import { sql } from 'kysely';
import { startTestApp, type TestContext } from '../support/app.js';
import { validInquiry } from '../support/fixtures.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(async () => ctx.close());

test('references keep working past the millionth case: the number grows a digit instead of being cut', async () => {
  await sql`SELECT setval('case_reference_seq', 999998)`.execute(ctx.db);
  const references: string[] = [];
  for (let i = 0; i < 3; i += 1) {
    const res = await ctx.http().post('/v1/inquiries').send(validInquiry());
    expect(res.status).toBe(201);
    references.push(res.body.reference);
  }
  const year = references[0]?.slice(4, 8);
  expect(references).toEqual([`KOL-${year}-999999`, `KOL-${year}-1000000`, `KOL-${year}-1000001`]);
  expect((await ctx.http().get(`/v1/inquiries/${references[1]}/status`)).status).toBe(404);
});
