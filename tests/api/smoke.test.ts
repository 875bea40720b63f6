import { startTestApp, type TestContext } from '../support/app.js';
import { validInquiry } from '../support/fixtures.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(async () => ctx.close());

test('a valid inquiry is answered with a receipt', async () => {
  const res = await ctx.http().post('/v1/inquiries').send(validInquiry());
  expect(res.status).toBe(201);
  expect(res.body.routing).toEqual({ lead: 'jobcenter', involved: ['business-service'] });
});
