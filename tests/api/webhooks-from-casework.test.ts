import { startTestApp, type TestContext } from '../support/app.js';
import { createUserWithToken, type TestUser } from '../support/users.js';
import { eventually } from '../support/eventually.js';
import { type Receiver, startReceiver, verifiedDelivery } from '../support/webhook-receiver.js';
import { registerWebhook, submitAs } from '../support/webhooks.js';

// The outbox fed by the real case endpoints (not by hand-made events): a caseworker's
// claim, an enterprise note and finishing the work reach the integrator as webhooks.
let ctx: TestContext;
let receiver: Receiver;
beforeAll(async () => {
  ctx = await startTestApp({
    WEBHOOK_WORKER: 'true',
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    WEBHOOK_POLL_INTERVAL_MS: '100',
    WEBHOOK_RETRY_SCHEDULE: '100ms,200ms,400ms',
  });
  receiver = await startReceiver();
});
afterAll(async () => {
  await ctx.close();
  await receiver.close();
});

const as = (user: TestUser) => ({ authorization: user.auth });

async function finish(caseId: string, department: string, worker: TestUser): Promise<void> {
  const current = await ctx.http().get(`/v1/cases/${caseId}`).set(as(worker));
  const res = await ctx.http()
    .patch(`/v1/cases/${caseId}/assignments/${department}`)
    .set(as(worker))
    .set('if-match', String(current.headers.etag))
    .send({ status: 'done' });
  expect(res.status).toBe(200);
}

test('claiming, an enterprise note and finishing every assignment reach the integrator as signed webhooks', async () => {
  const integrator = await createUserWithToken(ctx.db, 'integrator');
  const hook = await registerWebhook(ctx, integrator, { url: receiver.url });
  const jobcenter = await createUserWithToken(ctx.db, 'caseworker', ['jobcenter']);
  const business = await createUserWithToken(ctx.db, 'caseworker', ['business-service']);

  const { caseId, routing } = await submitAs(ctx, integrator);
  expect(routing).toEqual({ lead: 'jobcenter', involved: ['business-service'] });

  for (const [department, worker] of [['jobcenter', jobcenter], ['business-service', business]] as const) {
    // Earlier tests' cases may sit in the queue; claim until this case is ours.
    for (;;) {
      const claimed = await ctx.http().post(`/v1/departments/${department}/claim`).set(as(worker));
      expect(claimed.status).toBe(200);
      if (claimed.body.id === caseId || claimed.body.caseId === caseId) break;
    }
  }
  const note = await ctx.http().post(`/v1/cases/${caseId}/notes`).set(as(jobcenter)).send({ body: 'Vi ringer til jer på mandag.', visibility: 'enterprise' });
  expect(note.status).toBe(201);
  const internal = await ctx.http().post(`/v1/cases/${caseId}/notes`).set(as(jobcenter)).send({ body: 'Kun til jobcentret', visibility: 'department' });
  expect(internal.status).toBe(201);
  await finish(caseId, 'business-service', business);
  await finish(caseId, 'jobcenter', jobcenter);

  const received = await eventually(() => {
    const mine = [...receiver.accepted().values()].filter((r) => r.json.data.caseId === caseId);
    return mine.some((r) => r.json.type === 'case.resolved') ? mine : undefined;
  });
  const types = received.map((r) => r.json.type);
  expect(types).toEqual(expect.arrayContaining(['case.created', 'case.assignment.changed', 'case.note.enterprise', 'case.resolved']));
  expect(types.filter((t) => t === 'case.assignment.changed').length).toBeGreaterThanOrEqual(4);
  expect(types.filter((t) => t === 'case.resolved')).toHaveLength(1);
  const enterpriseNote = received.find((r) => r.json.type === 'case.note.enterprise');
  expect(enterpriseNote?.json.data.note.body).toBe('Vi ringer til jer på mandag.');
  expect(received.find((r) => r.json.type === 'case.resolved')?.json.data.status).toBe('resolved');
  for (const request of received) expect(verifiedDelivery(hook.secret, request)).toEqual(request.json);
  expect(receiver.requests.map((r) => r.body).join('\n')).not.toContain('Kun til jobcentret');
});
