import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jest } from '@jest/globals';
import { WebhookVerificationError } from 'standardwebhooks';
import { startTestApp, type TestContext } from '../support/app.js';
import { validInquiry } from '../support/fixtures.js';
import { createUserWithToken } from '../support/users.js';
import { eventually } from '../support/eventually.js';
import { addNote, transfer } from '../support/casework.js';
import { createPerson } from '../support/people.js';

// The integrator guide tried as a new integrator would: its code, as printed in the
// guide, receives and verifies real deliveries.
const examples = new URL('../../docs/examples/', import.meta.url);
const guide = readFileSync(new URL('../../docs/integrators.md', import.meta.url), 'utf8');

type Verify = (secret: string, headers: IncomingHttpHeaders, rawBody: string) => { type: string; data: Record<string, any> };
type CreateReceiver = (secret: string, handle: (event: { type: string; data: Record<string, any> }, id: string) => Promise<void>) => Server;

let verifyWebhook: Verify;
let createWebhookReceiver: CreateReceiver;
beforeAll(async () => {
  ({ verifyWebhook } = (await import(new URL('verify-webhook.mjs', examples).href)) as { verifyWebhook: Verify });
  ({ createWebhookReceiver } = (await import(new URL('webhook-receiver.mjs', examples).href)) as { createWebhookReceiver: CreateReceiver });
});

describe('the integrator guide', () => {
  test('prints the example files exactly as they are tested', () => {
    for (const file of ['verify-webhook.mjs', 'webhook-receiver.mjs']) {
      expect(guide).toContain(`\`\`\`js\n${readFileSync(new URL(file, examples), 'utf8')}\`\`\``);
    }
  });

  test("its sample delivery verifies with its example secret using the guide's code, with the clock at its timestamp", () => {
    const sample = /webhook-id: (\S+)\nwebhook-timestamp: (\d+)\nwebhook-signature: (\S+)\n\n(\{.*\})\n```/.exec(guide);
    expect(sample).not.toBeNull();
    const [, id, timestamp, signature, body] = sample as unknown as string[];
    const headers = { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature };
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    // As the guide suggests: the sample is old, so the clock is set to its timestamp.
    expect(() => verifyWebhook(secret, headers, body as string)).toThrow(/too old/);
    jest.useFakeTimers({ now: Number(timestamp) * 1000 });
    try {
      expect(verifyWebhook(secret, headers, body as string).type).toBe('case.created');
      expect(() => verifyWebhook(secret, headers, `${body} `)).toThrow(WebhookVerificationError);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('an integrator following the guide', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp({ WEBHOOK_WORKER: 'true', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', WEBHOOK_POLL_INTERVAL_MS: '100', WEBHOOK_RETRY_SCHEDULE: '100ms,200ms,400ms,800ms,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s' });
  });
  afterAll(async () => ctx.close());

  test('verifies case.created, gets everything it missed while down, and a redelivery keeps its id', async () => {
    const integrator = await createUserWithToken(ctx.db, 'integrator');
    const auth = { authorization: `Bearer ${integrator.token}` };
    const handled: Array<{ id: string; type: string; data: Record<string, any> }> = [];
    const arrivals: string[] = [];
    // The URL is needed before the secret exists: this server listens, notes each arrival,
    // and hands the request to the guide's receiver once that is made with the secret.
    let guideReceiver: Server | undefined;
    const receiver = createServer((req, res) => {
      arrivals.push(String(req.headers['webhook-id']));
      guideReceiver?.emit('request', req, res);
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const port = (receiver.address() as AddressInfo).port;
    try {
      const registered = await ctx.http().post('/v1/webhooks').set(auth).send({ url: `http://127.0.0.1:${port}/one-entry/webhooks`, events: ['case.created', 'case.transferred', 'case.note.enterprise'] });
      expect(registered.status).toBe(201);
      guideReceiver = createWebhookReceiver(registered.body.secret, async (event, id) => {
        handled.push({ id, ...event });
      });

      // Idempotent submission: the retry returns the same case, and one case.created comes.
      const inquiry = validInquiry();
      const first = await ctx.http().post('/v1/inquiries').set(auth).set('idempotency-key', 'guide-walkthrough-1').send(inquiry);
      const again = await ctx.http().post('/v1/inquiries').set(auth).set('idempotency-key', 'guide-walkthrough-1').send(inquiry);
      expect(first.status).toBe(201);
      expect(again.body.caseId).toBe(first.body.caseId);
      const created = await eventually(() => handled.find((e) => e.type === 'case.created'));
      expect(created.data).toMatchObject({ caseId: first.body.caseId, reference: first.body.reference });

      // The receiver goes down; what happens meanwhile is retried until it is back.
      await new Promise((resolve) => receiver.close(resolve));
      const caseId = first.body.caseId as string;
      const coordinator = await createPerson(ctx, 'coordinator');
      await transfer(ctx, coordinator, caseId, first.body.routing.lead, 'social', 'Social tager sig af det.');
      await addNote(ctx, coordinator, caseId, { visibility: 'enterprise', body: 'Vi har overtaget sagen.' });
      await eventually(async () => {
        const rows = await ctx.db.selectFrom('webhook_deliveries').select(['attempt_count', 'status']).where('case_id', '=', caseId).where('event_type', '!=', 'case.created').execute();
        return rows.length === 2 && rows.every((r) => r.attempt_count >= 2 && r.status === 'pending');
      });
      await new Promise<void>((resolve) => receiver.listen(port, '127.0.0.1', resolve));
      await eventually(() => handled.length === 3);
      expect(handled.map((e) => e.type).sort()).toEqual(['case.created', 'case.note.enterprise', 'case.transferred']);

      // A redelivery of the old case.created arrives with its original id (and is not handled twice).
      const log = await ctx.http().get(`/v1/webhooks/${registered.body.id}/deliveries`).query({ limit: 100 }).set(auth);
      const old = log.body.items.find((d: { eventType: string }) => d.eventType === 'case.created');
      expect(old.messageId).toBe(created.id);
      expect((await ctx.http().post(`/v1/webhooks/${registered.body.id}/deliveries/${old.id}/retry`).set(auth)).status).toBe(202);
      await eventually(() => arrivals.filter((id) => id === created.id).length === 2);
      expect(handled.filter((e) => e.id === created.id)).toHaveLength(1);
    } finally {
      receiver.closeAllConnections();
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});
