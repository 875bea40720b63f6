import { startTestApp, type TestContext } from '../support/app.js';
import { createPerson, etagOf, type Person, submitCase } from '../support/people.js';

let ctx: TestContext;
let coordinator: Person;
let jonas: Person;

beforeAll(async () => {
  ctx = await startTestApp();
  coordinator = await createPerson(ctx, 'coordinator');
  jonas = await createPerson(ctx, 'caseworker', ['jobcenter']);
});
afterAll(async () => ctx.close());

const transfer = (caseId: string, body: Record<string, unknown>, as: Person = coordinator) =>
  ctx.http().post(`/v1/cases/${caseId}/transfer`).set('authorization', as.auth).send(body);
const involve = (caseId: string, body: Record<string, unknown>, as: Person = coordinator) =>
  ctx.http().post(`/v1/cases/${caseId}/involve`).set('authorization', as.auth).send(body);

type AssignmentBody = { department: string; role: string; status: string; dueDate: string; assignee: { id: string } | null };
const summary = (assignments: AssignmentBody[]) => assignments.map((a) => `${a.department}:${a.role}:${a.status}`);

test('transferring the lead moves the lead, keeps the due date, and the enterprise sees its new contact', async () => {
  const receipt = await submitCase(ctx, { topics: ['hiring'] });
  const claimed = await ctx.http().post('/v1/departments/jobcenter/claim').set('authorization', jonas.auth);
  expect(claimed.body.id).toBe(receipt.caseId);

  const res = await transfer(receipt.caseId, { from: 'jobcenter', to: 'social', reason: 'Det handler om et socialt forløb.' }, jonas);
  expect(res.status).toBe(200);
  expect(res.body.leadDepartment).toBe('social');
  expect(summary(res.body.assignments)).toEqual(['jobcenter:lead:transferred', 'social:lead:queued']);
  const [old, fresh] = res.body.assignments as AssignmentBody[];
  expect(old?.assignee?.id).toBe(jonas.id);
  expect(fresh?.assignee).toBeNull();
  expect(fresh?.dueDate).toBe(old?.dueDate);
  expect(res.body.status).toBe('received');

  const view = await ctx.http().get(receipt.statusUrl);
  expect(view.body).toMatchObject({ leadDepartment: { code: 'social' }, expectedResponseBy: receipt.expectedResponseBy });

  const events = await ctx.http().get(`/v1/cases/${receipt.caseId}/events`).set('authorization', coordinator.auth);
  expect(events.body.at(-2)).toMatchObject({
    type: 'transferred',
    department: 'jobcenter',
    actor: { id: jonas.id, role: 'caseworker' },
    data: {
      from: 'jobcenter',
      to: 'social',
      reason: 'Det handler om et socialt forløb.',
      role: 'lead',
      lead: { before: 'jobcenter', after: 'social' },
      before: { status: 'in_progress', assigneeId: jonas.id },
      after: { status: 'transferred' },
    },
  });
  expect(events.body.at(-1)).toMatchObject({ type: 'case_status_changed', data: { before: 'in_progress', after: 'received' } });

  // The social queue now has it; the transferred assignment accepts no change.
  const social = await ctx.http().get('/v1/cases').query({ department: 'social', status: 'queued' }).set('authorization', coordinator.auth);
  expect(social.body.items.map((c: { id: string }) => c.id)).toContain(receipt.caseId);
  const stuck = await ctx
    .http()
    .patch(`/v1/cases/${receipt.caseId}/assignments/jobcenter`)
    .set('authorization', coordinator.auth)
    .set('if-match', await etagOf(ctx, coordinator, receipt.caseId))
    .send({ status: 'in_progress', assignee: jonas.id });
  expect(stuck.status).toBe(409);
  expect(stuck.body.allowed).toEqual([]);
});

test('a department can get a case back after handing it over', async () => {
  const { caseId } = await submitCase(ctx, { topics: ['hiring'] });
  await transfer(caseId, { from: 'jobcenter', to: 'technical', reason: 'Lokaler' }).expect(200);
  const back = await transfer(caseId, { from: 'technical', to: 'jobcenter', reason: 'Alligevel ansættelse' });
  expect(back.status).toBe(200);
  expect(summary(back.body.assignments)).toEqual(['jobcenter:lead:transferred', 'technical:lead:transferred', 'jobcenter:lead:queued']);
});

test('a transfer is refused when the target is already on the case, unknown, or the source has nothing to hand over', async () => {
  const { caseId } = await submitCase(ctx, { topics: ['hiring', 'business-development'] });

  const busy = await transfer(caseId, { from: 'jobcenter', to: 'business-service', reason: 'x' });
  expect(busy.status).toBe(409);
  expect(busy.body.detail).toMatch(/business-service is already working/);
  const unknown = await transfer(caseId, { from: 'jobcenter', to: 'harbour', reason: 'x' });
  expect(unknown.status).toBe(422);
  expect(unknown.body.errors).toEqual([{ path: 'body.to', message: 'Unknown department: harbour' }]);
  const absent = await transfer(caseId, { from: 'social', to: 'technical', reason: 'x' });
  expect(absent.status).toBe(409);
  const same = await transfer(caseId, { from: 'jobcenter', to: 'jobcenter', reason: 'x' });
  expect(same.status).toBe(400);
  const noReason = await transfer(caseId, { from: 'jobcenter', to: 'technical', reason: '  ' });
  expect(noReason.status).toBe(400);
  expect(noReason.body.errors[0].path).toBe('body.reason');

  // A finished part is not handed over.
  const etag = await etagOf(ctx, coordinator, caseId);
  await ctx.http().patch(`/v1/cases/${caseId}/assignments/jobcenter`).set('authorization', jonas.auth).set('if-match', etag).send({ assignee: 'me' }).expect(200);
  const etag2 = await etagOf(ctx, coordinator, caseId);
  await ctx.http().patch(`/v1/cases/${caseId}/assignments/jobcenter`).set('authorization', jonas.auth).set('if-match', etag2).send({ status: 'done' }).expect(200);
  const finished = await transfer(caseId, { from: 'jobcenter', to: 'technical', reason: 'x' });
  expect(finished.status).toBe(409);
  expect(finished.body.detail).toMatch(/reopen/);

  const events = await ctx.http().get(`/v1/cases/${caseId}/events`).set('authorization', coordinator.auth);
  expect(events.body.some((e: { type: string }) => e.type === 'transferred')).toBe(false);
});

test('a transfer with a stale If-Match is 412', async () => {
  const { caseId } = await submitCase(ctx, { topics: ['hiring'] });
  const stale = await etagOf(ctx, coordinator, caseId);
  await ctx.http().post(`/v1/cases/${caseId}/notes`).set('authorization', coordinator.auth).send({ visibility: 'case', body: 'Note' }).expect(201);
  const res = await ctx
    .http()
    .post(`/v1/cases/${caseId}/transfer`)
    .set('authorization', coordinator.auth)
    .set('if-match', stale)
    .send({ from: 'jobcenter', to: 'social', reason: 'x' });
  expect(res.status).toBe(412);
});

test('involving a department adds a queued, involved assignment due within the topics\' response time', async () => {
  const { caseId } = await submitCase(ctx, { topics: ['hiring'] });
  const res = await involve(caseId, { department: 'social', reason: 'Medarbejderen har brug for et forløb.' }, jonas);
  expect(res.status).toBe(200);
  expect(summary(res.body.assignments)).toEqual(['jobcenter:lead:queued', 'social:involved:queued']);
  const [jobcenter, social] = res.body.assignments as AssignmentBody[];
  expect(social && jobcenter && social.dueDate >= jobcenter.dueDate).toBe(true);

  const again = await involve(caseId, { department: 'social', reason: 'igen' });
  expect(again.status).toBe(409);
  const lead = await involve(caseId, { department: 'jobcenter', reason: 'igen' });
  expect(lead.status).toBe(409);

  const events = await ctx.http().get(`/v1/cases/${caseId}/events`).set('authorization', coordinator.auth);
  expect(events.body.at(-1)).toMatchObject({
    type: 'involved',
    department: 'social',
    actor: { id: jonas.id },
    data: { department: 'social', reason: 'Medarbejderen har brug for et forløb.', dueDate: social?.dueDate },
  });
});

test('involving a department in a resolved case opens it again', async () => {
  const receipt = await submitCase(ctx, { topics: ['hiring'] });
  for (const body of [{ assignee: jonas.id }, { status: 'done' }]) {
    const etag = await etagOf(ctx, coordinator, receipt.caseId);
    await ctx.http().patch(`/v1/cases/${receipt.caseId}/assignments/jobcenter`).set('authorization', coordinator.auth).set('if-match', etag).send(body).expect(200);
  }
  expect((await ctx.http().get(receipt.statusUrl)).body.status).toBe('resolved');
  const res = await involve(receipt.caseId, { department: 'technical', reason: 'Nye lokaler' });
  expect(res.body).toMatchObject({ status: 'in_progress', closedAt: null });
});
