import { WebhookVerificationError } from 'standardwebhooks';
import type { WebhookEventType } from '../../src/modules/webhooks/event-types.js';
import { webhookDataSchemas, webhookMessageSchema } from '../../src/modules/webhooks/webhooks.schemas.js';
import { startTestApp, type TestContext } from '../support/app.js';
import { createTestDatabase } from '../support/database.js';
import { createUserWithToken, type TestUser } from '../support/users.js';
import { eventually } from '../support/eventually.js';
import { type Receiver, startReceiver, verifiedDelivery } from '../support/webhook-receiver.js';
import { registerWebhook, submitAs } from '../support/webhooks.js';
import { addNote, caseworkTeam, changeAssignment, involve, resolveCase, transfer } from '../support/casework.js';
import { failCommitsMentioning } from '../support/commit-fault.js';
import { createPerson } from '../support/people.js';

// Real deliveries: the in-process worker sends to a real HTTP receiver on 127.0.0.1.
// Waits are short so a receiver can be "down for a while" within a test; the schedule is
// long enough that nothing gives up while a test keeps its receiver down on purpose.
const PATIENT = '100ms,200ms,400ms,800ms,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s';
const workerEnv = (schedule = PATIENT) => ({
  WEBHOOK_WORKER: 'true',
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
  WEBHOOK_POLL_INTERVAL_MS: '100',
  WEBHOOK_RETRY_SCHEDULE: schedule,
});

const as = (user: TestUser) => ({ authorization: `Bearer ${user.token}` });

/** One note to the enterprise per label, written by a coordinator; the label makes each event recognisable at the receiver. */
async function notes(ctx: TestContext, caseId: string, labels: string[]): Promise<void> {
  const coordinator = await createPerson(ctx, 'coordinator');
  for (const body of labels) await addNote(ctx, coordinator, caseId, { body, visibility: 'enterprise' });
}

const noteBodies = (receiver: Receiver) => [...receiver.accepted().values()].map((r) => r.json.data.note?.body).filter(Boolean).sort();

/** Every request that carried the same event (same body) carried the same webhook-id. */
function idsPerEvent(receiver: Receiver): Map<string, Set<string>> {
  const ids = new Map<string, Set<string>>();
  for (const request of receiver.requests) ids.set(request.body, (ids.get(request.body) ?? new Set()).add(request.id));
  return ids;
}

describe('with a receiver that is up', () => {
  let ctx: TestContext;
  let receiver: Receiver;
  let integrator: TestUser;
  beforeAll(async () => {
    ctx = await startTestApp(workerEnv());
    receiver = await startReceiver();
  });
  // A new integrator per test: it sees only its own cases, so tests sharing the receiver
  // do not receive each other's events.
  beforeEach(async () => {
    integrator = await createUserWithToken(ctx.db, 'integrator');
  });
  afterAll(async () => {
    await ctx.close();
    await receiver.close();
  });

  test('every event type arrives once, signed, with a minimal payload; internal notes never leave', async () => {
    const hook = await registerWebhook(ctx, integrator, { url: receiver.url });
    const { caseId, reference, routing } = await submitAs(ctx, integrator);
    const lead = routing.lead;
    const { coordinator, caseworker } = await caseworkTeam(ctx);
    await changeAssignment(ctx, caseworker, caseId, lead, { status: 'in_progress', assignee: 'me' });
    await transfer(ctx, caseworker, caseId, lead, 'social', 'Intern begrundelse');
    await involve(ctx, caseworker, caseId, 'technical', 'Lokaler');
    await addNote(ctx, coordinator, caseId, { visibility: 'department', department: 'social', body: 'Følsomme oplysninger' });
    await addNote(ctx, coordinator, caseId, { visibility: 'case', body: 'Kun internt' });
    await addNote(ctx, coordinator, caseId, { visibility: 'enterprise', body: 'Vi kontakter jer i morgen.' });
    await resolveCase(ctx, caseworker, caseId);

    // One assignment change for taking the lead's assignment, and two for each of the three
    // departments left working on it when the case is resolved.
    const expected = ['case.created', 'case.transferred', 'case.involved', 'case.note.enterprise', 'case.resolved', ...Array(7).fill('case.assignment.changed')];
    const accepted = await eventually(() => {
      const byId = receiver.accepted();
      return byId.size >= expected.length ? [...byId.values()] : undefined;
    });
    expect(accepted.map((r) => r.json.type).sort()).toEqual([...expected].sort());
    for (const request of accepted) {
      expect(verifiedDelivery(hook.secret, request)).toEqual(request.json);
      // Exactly what the OpenAPI document's webhooks section promises, and nothing more.
      const type = request.json.type as WebhookEventType;
      expect(() => webhookMessageSchema(type).parse(request.json)).not.toThrow();
      expect(Object.keys(webhookDataSchemas[type].shape)).toEqual(expect.arrayContaining(Object.keys(request.json.data)));
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.json).toMatchObject({ timestamp: expect.any(String), data: { caseId, reference } });
    }
    const everything = receiver.requests.map((r) => r.body).join('\n');
    for (const secret of ['Følsomme', 'Kun internt', 'Intern begrundelse', 'Lokaler', 'mette@example.dk', 'Mette Hansen', '+4512345678', 'løntilskud']) {
      expect(everything).not.toContain(secret);
    }
    const created = accepted.find((r) => r.json.type === 'case.created');
    expect(created?.json.data).toEqual({ caseId, reference, status: 'received', leadDepartment: lead, involvedDepartments: routing.involved });

    // The receiver has answered before the worker records the outcome: wait for the record.
    const deliveries = await eventually(async () => {
      const log = await ctx.http().get(`/v1/webhooks/${hook.id}/deliveries`).set(as(integrator));
      const items = log.body.items as { status: string; messageId: string; attempts: unknown[] }[];
      return items.length === expected.length && items.every((d) => d.status !== 'pending') ? items : undefined;
    });
    for (const delivery of deliveries) {
      expect(delivery).toMatchObject({ status: 'delivered', attemptCount: 1 });
      expect(delivery.attempts).toEqual([expect.objectContaining({ succeeded: true, statusCode: 204, trigger: 'scheduled', error: null })]);
      expect(receiver.accepted().has(delivery.messageId)).toBe(true);
    }
  });

  test('a redelivery of an old event arrives with its original webhook-id', async () => {
    const hook = await registerWebhook(ctx, integrator, { url: receiver.url, events: ['case.created'] });
    const { caseId } = await submitAs(ctx, integrator);
    const original = await eventually(() => [...receiver.accepted().values()].find((r) => r.json.type === 'case.created' && r.json.data.caseId === caseId));
    const [delivery] = (await ctx.http().get(`/v1/webhooks/${hook.id}/deliveries`).set(as(integrator))).body.items;
    expect(delivery.messageId).toBe(original.id);

    const retry = await ctx.http().post(`/v1/webhooks/${hook.id}/deliveries/${delivery.id}/retry`).set(as(integrator));
    expect(retry.status).toBe(202);
    expect(retry.body).toMatchObject({ id: delivery.id, messageId: original.id, status: 'pending' });
    await eventually(() => receiver.requests.filter((r) => r.id === original.id).length === 2);
    const again = receiver.requests.filter((r) => r.id === original.id);
    expect(again[1]?.body).toBe(again[0]?.body);
    const after = await eventually(async () => {
      const res = await ctx.http().get(`/v1/webhooks/${hook.id}/deliveries`).set(as(integrator));
      return res.body.items[0].attemptCount === 2 ? res.body.items[0] : undefined;
    });
    expect(after.attempts.map((a: { trigger: string }) => a.trigger)).toEqual(['manual', 'scheduled']);
  });

  test('during a secret rotation deliveries verify with the old and the new secret; after it only with the new', async () => {
    const hook = await registerWebhook(ctx, integrator, { url: receiver.url, events: ['case.note.enterprise'] });
    const { caseId } = await submitAs(ctx, integrator);
    const rotated = (await ctx.http().post(`/v1/webhooks/${hook.id}/rotate-secret`).set(as(integrator)).send({ gracePeriodSeconds: 600 })).body;
    await notes(ctx, caseId, ['during rotation']);
    const during = await eventually(() => [...receiver.accepted().values()].find((r) => r.json.data.note?.body === 'during rotation'));
    expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verifiedDelivery(hook.secret, during)).toEqual(during.json);
    expect(verifiedDelivery(rotated.secret, during)).toEqual(during.json);

    const final = (await ctx.http().post(`/v1/webhooks/${hook.id}/rotate-secret`).set(as(integrator)).send({ gracePeriodSeconds: 0 })).body;
    await notes(ctx, caseId, ['after rotation']);
    const after = await eventually(() => [...receiver.accepted().values()].find((r) => r.json.data.note?.body === 'after rotation'));
    expect(verifiedDelivery(final.secret, after)).toEqual(after.json);
    expect(() => verifiedDelivery(rotated.secret, after)).toThrow(WebhookVerificationError);
  });

  test('a change whose transaction rolls back is never delivered', async () => {
    await registerWebhook(ctx, integrator, { url: receiver.url, events: ['case.note.enterprise'] });
    const { caseId } = await submitAs(ctx, integrator);
    // A note whose transaction fails at commit, after the outbox wrote its delivery: the
    // request fails, and note, event and delivery roll back together.
    const coordinator = await createPerson(ctx, 'coordinator');
    const undo = await failCommitsMentioning(ctx.db, 'rolled back');
    try {
      const failed = await ctx.http().post(`/v1/cases/${caseId}/notes`).set('authorization', coordinator.auth).send({ visibility: 'enterprise', body: 'rolled back' });
      expect(failed.status).toBe(500);
    } finally {
      await undo();
    }
    const history = await ctx.http().get(`/v1/cases/${caseId}/events`).set('authorization', coordinator.auth);
    expect(JSON.stringify(history.body)).not.toContain('rolled back');
    await notes(ctx, caseId, ['committed after the rollback']);
    // The rolled-back note left nothing to send; the later one shows the worker has been at work.
    await eventually(() => noteBodies(receiver).includes('committed after the rollback'));
    expect(receiver.requests.some((r) => r.body.includes('rolled back'))).toBe(false);
  });
});

describe('with a receiver that fails half its requests', () => {
  test('every event still arrives, and the retries of an event share its webhook-id', async () => {
    const ctx = await startTestApp(workerEnv());
    const receiver = await startReceiver('flaky');
    try {
      const integrator = await createUserWithToken(ctx.db, 'integrator');
      await registerWebhook(ctx, integrator, { url: receiver.url, events: ['case.note.enterprise'] });
      const { caseId } = await submitAs(ctx, integrator);
      const labels = Array.from({ length: 8 }, (_, i) => `flaky ${i + 1}`);
      await notes(ctx, caseId, labels);
      await eventually(() => noteBodies(receiver).length === labels.length);
      expect(noteBodies(receiver)).toEqual([...labels].sort());
      expect(receiver.requests.some((r) => !r.accepted)).toBe(true);
      for (const ids of idsPerEvent(receiver).values()) expect(ids.size).toBe(1);
    } finally {
      await ctx.close();
      await receiver.close();
    }
  });
});

describe('with a receiver that is down for a while', () => {
  test('everything it missed arrives once it is back', async () => {
    const ctx = await startTestApp(workerEnv());
    const receiver = await startReceiver('down');
    try {
      const integrator = await createUserWithToken(ctx.db, 'integrator');
      const hook = await registerWebhook(ctx, integrator, { url: receiver.url, events: ['case.created', 'case.note.enterprise'] });
      const { caseId } = await submitAs(ctx, integrator);
      await notes(ctx, caseId, ['missed 1', 'missed 2', 'missed 3']);
      // Down long enough that every delivery has failed at least twice.
      await eventually(async () => {
        const res = await ctx.http().get(`/v1/webhooks/${hook.id}/deliveries`).set(as(integrator));
        return res.body.items.length === 4 && res.body.items.every((d: { attemptCount: number }) => d.attemptCount >= 2);
      });
      const failed = (await ctx.http().get(`/v1/webhooks/${hook.id}/deliveries`).set(as(integrator))).body.items[0];
      expect(failed).toMatchObject({ status: 'pending', lastError: expect.any(String), nextAttemptAt: expect.any(String) });
      expect(failed.attempts[0]).toMatchObject({ succeeded: false, statusCode: null, error: expect.any(String) });

      receiver.mode = 'up';
      await eventually(() => receiver.accepted().size === 4);
      expect(noteBodies(receiver)).toEqual(['missed 1', 'missed 2', 'missed 3']);
      expect([...receiver.accepted().values()].map((r) => r.json.type)).toContain('case.created');
      const webhook = (await ctx.http().get(`/v1/webhooks/${hook.id}`).set(as(integrator))).body;
      expect(webhook.status).toBe('active');
    } finally {
      await ctx.close();
      await receiver.close();
    }
  });
});

describe('across an app restart', () => {
  test('deliveries pending when the app stops are sent by the next instance, each under its one webhook-id', async () => {
    const database = await createTestDatabase();
    const receiver = await startReceiver('down');
    try {
      const first = await startTestApp(workerEnv(), database);
      const integrator = await createUserWithToken(first.db, 'integrator');
      const hook = await registerWebhook(first, integrator, { url: receiver.url, events: ['case.note.enterprise'] });
      const { caseId } = await submitAs(first, integrator);
      const labels = ['before restart 1', 'before restart 2', 'before restart 3'];
      await notes(first, caseId, labels);
      await eventually(async () => {
        const rows = await first.db.selectFrom('webhook_deliveries').select('attempt_count').where('endpoint_id', '=', hook.id).execute();
        return rows.length === labels.length && rows.every((r) => r.attempt_count >= 1);
      });
      await first.close();

      const second = await startTestApp(workerEnv(), database);
      try {
        receiver.mode = 'up';
        await notes(second, caseId, ['after restart']);
        await eventually(() => noteBodies(receiver).length === labels.length + 1);
        expect(noteBodies(receiver)).toEqual([...labels, 'after restart'].sort());
        // Nothing was sent as a new message: one id per event, and as many ids as deliveries.
        for (const ids of idsPerEvent(receiver).values()) expect(ids.size).toBe(1);
        const deliveries = await second.db.selectFrom('webhook_deliveries').select('id').where('endpoint_id', '=', hook.id).execute();
        expect(new Set(receiver.requests.map((r) => r.id)).size).toBe(deliveries.length);
      } finally {
        await second.close();
      }
    } finally {
      await receiver.close();
      await database.drop();
    }
  });
});

describe('with a receiver that never accepts', () => {
  test('the endpoint is disabled with a visible reason after the whole schedule; re-enabled, a redelivery arrives', async () => {
    const ctx = await startTestApp(workerEnv('100ms,200ms,400ms'));
    const receiver = await startReceiver('failing');
    try {
      const integrator = await createUserWithToken(ctx.db, 'integrator');
      const hook = await registerWebhook(ctx, integrator, { url: receiver.url, events: ['case.created'] });
      await submitAs(ctx, integrator);
      const disabled = await eventually(async () => {
        const res = await ctx.http().get(`/v1/webhooks/${hook.id}`).set(as(integrator));
        return res.body.status === 'disabled' ? res.body : undefined;
      });
      expect(disabled.disabledReason).toMatch(/4 failed attempts/);
      expect(disabled.disabledReason).toMatch(/answered 500/);
      const [delivery] = (await ctx.http().get(`/v1/webhooks/${hook.id}/deliveries`).set(as(integrator))).body.items;
      expect(delivery).toMatchObject({ status: 'failed', attemptCount: 4, nextAttemptAt: null });
      expect(delivery.attempts).toHaveLength(4);
      expect(delivery.attempts[0]).toMatchObject({ statusCode: 500, succeeded: false, responseExcerpt: 'receiver failed on purpose' });

      receiver.mode = 'up';
      expect((await ctx.http().patch(`/v1/webhooks/${hook.id}`).set(as(integrator)).send({ enabled: true })).body.status).toBe('active');
      expect((await ctx.http().post(`/v1/webhooks/${hook.id}/deliveries/${delivery.id}/retry`).set(as(integrator))).status).toBe(202);
      const arrived = await eventually(() => receiver.accepted().get(delivery.messageId));
      expect(arrived.json.type).toBe('case.created');
      expect(new Set(receiver.requests.map((r) => r.id))).toEqual(new Set([delivery.messageId]));
    } finally {
      await ctx.close();
      await receiver.close();
    }
  });
});
