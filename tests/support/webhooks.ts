import { WEBHOOK_EVENT_TYPES } from '../../src/modules/webhooks/event-types.js';
import type { TestContext } from './app.js';
import { validInquiry } from './fixtures.js';
import type { TestUser } from './users.js';

export const ALL_EVENT_TYPES = [...WEBHOOK_EVENT_TYPES];

/** Registers a webhook through the API and returns the response body (with its secret). */
export async function registerWebhook(ctx: TestContext, user: TestUser, body: Record<string, unknown>) {
  const res = await ctx.http().post('/v1/webhooks').set('authorization', `Bearer ${user.token}`).send({ events: ALL_EVENT_TYPES, ...body });
  if (res.status !== 201) throw new Error(`webhook registration failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; secret: string; url: string; events: string[] };
}

/** Submits an inquiry as `user` (an integrator marks the channel api) and returns the receipt. */
export async function submitAs(ctx: TestContext, user: TestUser | null, headers: Record<string, string> = {}) {
  let req = ctx.http().post('/v1/inquiries');
  if (user) req = req.set('authorization', `Bearer ${user.token}`);
  for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
  const res = await req.send(validInquiry());
  if (res.status !== 201) throw new Error(`submission failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { caseId: string; reference: string; routing: { lead: string; involved: string[] } };
}
