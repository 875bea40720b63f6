import { formatEtag } from '../../src/domain/etag.js';
import { startTestApp, type TestContext } from '../support/app.js';
import { openTransaction, waitUntilBlockedBy } from '../support/held-lock.js';
import { createPerson, etagOf, type Person, submitCase } from '../support/people.js';

let ctx: TestContext;
let coordinator: Person;
let jonas: Person;
let julie: Person;
let bodil: Person;

beforeAll(async () => {
  ctx = await startTestApp();
  coordinator = await createPerson(ctx, 'coordinator');
  jonas = await createPerson(ctx, 'caseworker', ['jobcenter']);
  julie = await createPerson(ctx, 'caseworker', ['jobcenter']);
  bodil = await createPerson(ctx, 'caseworker', ['business-service']);
});
afterAll(async () => ctx.close());

/** PATCHes the department's assignment with the case's current ETag, as `person`. */
async function patch(person: Person, caseId: string, department: string, body: Record<string, unknown>) {
  const etag = await etagOf(ctx, coordinator, caseId);
  return ctx.http().patch(`/v1/cases/${caseId}/assignments/${department}`).set('authorization', person.auth).set('if-match', etag).send(body);
}

/** The same, expecting it to succeed. */
async function patchOk(person: Person, caseId: string, department: string, body: Record<string, unknown>) {
  const res = await patch(person, caseId, department, body);
  expect(res.status).toBe(200);
  return res;
}

interface AssignmentBody {
  department: string;
  status: string;
  assignee: { id: string; name: string } | null;
}

function assignmentOf(body: { assignments: AssignmentBody[] }, department: string): AssignmentBody | undefined {
  return body.assignments.find((a) => a.department === department);
}

describe('the state machine', () => {
  test('an assignment walks queued → in_progress → waiting → in_progress → done, and reopens', async () => {
    const { caseId } = await submitCase(ctx, { topics: ['hiring'] });
    const steps: [Record<string, unknown>, string, string][] = [
      [{ status: 'in_progress' }, 'in_progress', 'in_progress'],
      [{ status: 'waiting' }, 'waiting', 'waiting_for_you'],
      [{ status: 'in_progress' }, 'in_progress', 'in_progress'],
      [{ status: 'done' }, 'done', 'resolved'],
      [{ status: 'in_progress' }, 'in_progress', 'in_progress'],
    ];
    for (const [body, assignmentStatus, caseStatus] of steps) {
      const res = await patch(jonas, caseId, 'jobcenter', body);
      expect(res.status).toBe(200);
      expect(assignmentOf(res.body, 'jobcenter')).toMatchObject({ status: assignmentStatus, assignee: { id: jonas.id, name: jonas.name } });
      expect(res.body.status).toBe(caseStatus);
      expect(res.body.closedAt === null).toBe(caseStatus !== 'resolved');
    }
  });

  test('an illegal transition is 409 naming the allowed ones, and changes nothing', async () => {
    const { caseId } = await submitCase(ctx, { topics: ['hiring'] });
    const before = await etagOf(ctx, coordinator, caseId);
    const res = await patch(jonas, caseId, 'jobcenter', { status: 'done' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ from: 'queued', to: 'done', allowed: ['in_progress'] });
    expect(res.body.detail).toMatch(/allowed: in_progress/);
    expect(await etagOf(ctx, coordinator, caseId)).toBe(before);
  });

  test('releasing returns the assignment to the queue without an assignee', async () => {
    const { caseId } = await submitCase(ctx, { topics: ['hiring'] });
    await patchOk(jonas, caseId, 'jobcenter', { assignee: 'me' });
    const released = await patch(jonas, caseId, 'jobcenter', { assignee: null });
    expect(released.status).toBe(200);
    expect(assignmentOf(released.body, 'jobcenter')).toMatchObject({ status: 'queued', assignee: null, allowedTransitions: ['in_progress'] });
    expect(released.body.status).toBe('received');
  });

  test('the case the enterprise sees waits for them while any department waits, and is resolved when all are done', async () => {
    const receipt = await submitCase(ctx, { topics: ['hiring', 'business-development'] });
    await patchOk(jonas, receipt.caseId, 'jobcenter', { status: 'in_progress' });
    await patchOk(bodil, receipt.caseId, 'business-service', { status: 'in_progress' });
    await patchOk(bodil, receipt.caseId, 'business-service', { status: 'waiting' });
    expect((await ctx.http().get(receipt.statusUrl)).body.status).toBe('waiting_for_you');
    await patchOk(bodil, receipt.caseId, 'business-service', { status: 'done' });
    expect((await ctx.http().get(receipt.statusUrl)).body.status).toBe('in_progress');
    await patchOk(jonas, receipt.caseId, 'jobcenter', { status: 'done' });
    const view = await ctx.http().get(receipt.statusUrl);
    expect(view.body).toMatchObject({ status: 'resolved', leadDepartment: { code: 'jobcenter' } });
  });

  test('a change that changes nothing writes nothing', async () => {
    const { caseId } = await submitCase(ctx, { topics: ['hiring'] });
    await patchOk(jonas, caseId, 'jobcenter', { status: 'in_progress' });
    const etag = await etagOf(ctx, coordinator, caseId);
    const res = await patch(jonas, caseId, 'jobcenter', { status: 'in_progress', assignee: 'me' });
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe(etag);
    const events = await ctx.http().get(`/v1/cases/${caseId}/events`).set('authorization', coordinator.auth);
    expect(events.body.filter((e: { type: string }) => e.type === 'status_changed')).toHaveLength(1);
  });

  test('a department without an assignment on the case is 404; an empty change is 400', async () => {
    const { caseId } = await submitCase(ctx, { topics: ['hiring'] });
    expect((await patch(coordinator, caseId, 'social', { status: 'in_progress' })).status).toBe(404);
    const empty = await patch(coordinator, caseId, 'jobcenter', {});
    expect(empty.status).toBe(400);
    expect(empty.body.errors).toEqual([{ path: 'body', message: expect.any(String) }]);
  });
});

describe('who may assign whom', () => {
  test('a caseworker takes an unassigned assignment and releases their own, but never a colleague\'s', async () => {
    const { caseId } = await submitCase(ctx, { topics: ['hiring'] });
    const taken = await patch(jonas, caseId, 'jobcenter', { assignee: 'me' });
    expect(assignmentOf(taken.body, 'jobcenter')).toMatchObject({ status: 'in_progress', assignee: { id: jonas.id } });

    for (const body of [{ assignee: 'me' }, { assignee: null }, { status: 'waiting' }]) {
      const res = await patch(julie, caseId, 'jobcenter', body);
      expect(res.status).toBe(403);
    }
    expect((await patch(jonas, caseId, 'jobcenter', { assignee: julie.id })).status).toBe(403);
    expect((await patch(jonas, caseId, 'jobcenter', { priority: 3 })).status).toBe(403);
    expect((await patch(jonas, caseId, 'jobcenter', { status: 'queued' })).status).toBe(200);
  });

  test('a coordinator assigns anyone in the department, and only them', async () => {
    const { caseId } = await submitCase(ctx, { topics: ['hiring'] });
    const assigned = await patch(coordinator, caseId, 'jobcenter', { assignee: julie.id });
    expect(assigned.status).toBe(200);
    // The new assignee's name comes back from the statement that saved the change.
    expect(assignmentOf(assigned.body, 'jobcenter')).toMatchObject({ status: 'in_progress', assignee: { id: julie.id, name: julie.name } });
    const moved = await patch(coordinator, caseId, 'jobcenter', { assignee: jonas.id });
    expect(assignmentOf(moved.body, 'jobcenter')).toMatchObject({ status: 'in_progress', assignee: { id: jonas.id, name: jonas.name } });
    const read = await ctx.http().get(`/v1/cases/${caseId}`).set('authorization', coordinator.auth);
    expect(assignmentOf(read.body, 'jobcenter')).toEqual(assignmentOf(moved.body, 'jobcenter'));

    const outsider = await patch(coordinator, caseId, 'jobcenter', { assignee: bodil.id });
    expect(outsider.status).toBe(422);
    expect(outsider.body.errors).toEqual([{ path: 'body.assignee', message: expect.stringMatching(/jobcenter/) }]);
  });

  test('a deactivated caseworker cannot be given work', async () => {
    const leaving = await createPerson(ctx, 'caseworker', ['jobcenter']);
    const admin = await createPerson(ctx, 'admin');
    await ctx.http().patch(`/v1/users/${leaving.id}`).set('authorization', admin.auth).send({ active: false }).expect(200);
    const { caseId } = await submitCase(ctx, { topics: ['hiring'] });
    expect((await patch(coordinator, caseId, 'jobcenter', { assignee: leaving.id })).status).toBe(422);
  });

  test('starting work needs someone to do it: a coordinator must name the assignee', async () => {
    const { caseId } = await submitCase(ctx, { topics: ['hiring'] });
    const res = await patch(coordinator, caseId, 'jobcenter', { status: 'in_progress' });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe('body.assignee');
  });
});

describe('optimistic concurrency', () => {
  test('the ETag changes with every change and matches what GET shows', async () => {
    const { caseId } = await submitCase(ctx, { topics: ['hiring'] });
    const first = await etagOf(ctx, coordinator, caseId);
    const res = await patch(jonas, caseId, 'jobcenter', { assignee: 'me' });
    expect(res.headers.etag).not.toBe(first);
    expect(await etagOf(ctx, coordinator, caseId)).toBe(res.headers.etag);
    expect(res.headers.etag).toBe(`"${res.body.revision}"`);
  });

  test('without If-Match a change is 428; with a stale ETag 412; with a malformed one 400', async () => {
    const { caseId } = await submitCase(ctx, { topics: ['hiring'] });
    const url = `/v1/cases/${caseId}/assignments/jobcenter`;
    const stale = await etagOf(ctx, coordinator, caseId);
    await patchOk(jonas, caseId, 'jobcenter', { assignee: 'me' });

    const missing = await ctx.http().patch(url).set('authorization', jonas.auth).send({ status: 'waiting' });
    expect(missing.status).toBe(428);
    expect(missing.body.errors).toEqual([{ path: 'headers.if-match', message: 'Required' }]);
    const outdated = await ctx.http().patch(url).set('authorization', jonas.auth).set('if-match', stale).send({ status: 'waiting' });
    expect(outdated.status).toBe(412);
    const weak = await ctx.http().patch(url).set('authorization', jonas.auth).set('if-match', `W/${await etagOf(ctx, jonas, caseId)}`).send({ status: 'waiting' });
    expect(weak.status).toBe(412);
    const malformed = await ctx.http().patch(url).set('authorization', jonas.auth).set('if-match', 'yesterday').send({ status: 'waiting' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].path).toBe('headers.if-match');
  });

  test('16 concurrent changes with the same ETag: exactly one succeeds, the others are 412', async () => {
    const { caseId } = await submitCase(ctx, { topics: ['hiring'] });
    const caseworkers = await Promise.all(Array.from({ length: 4 }, () => createPerson(ctx, 'caseworker', ['jobcenter'])));
    const etag = await etagOf(ctx, coordinator, caseId);
    const responses = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        ctx
          .http()
          .patch(`/v1/cases/${caseId}/assignments/jobcenter`)
          .set('authorization', coordinator.auth)
          .set('if-match', etag)
          .send({ assignee: (caseworkers[i % 4] as Person).id }),
      ),
    );
    const statuses = responses.map((res) => res.status).sort();
    expect(statuses).toEqual([200, ...Array(15).fill(412)]);
    const winner = responses.find((res) => res.status === 200);
    const events = await ctx.http().get(`/v1/cases/${caseId}/events`).set('authorization', coordinator.auth);
    const changes = events.body.filter((e: { type: string }) => e.type === 'status_changed');
    expect(changes).toHaveLength(1);
    expect(changes[0].data.after.assigneeId).toBe(assignmentOf(winner?.body, 'jobcenter')?.assignee?.id);
  });

  test('a change that waited for the case lock sees the assignments as the change before it left them', async () => {
    const { caseId } = await submitCase(ctx, { topics: ['hiring'] });
    const { revision } = await ctx.db.selectFrom('cases').select('revision').where('id', '=', caseId).executeTakeFirstOrThrow();
    // Another change holds the case lock: it starts Jonas's assignment and bumps the revision.
    // It has the lock before Jonas's request is sent; a request sent first could take the
    // lock itself and never wait.
    const other = await openTransaction(ctx.database.url);
    try {
      await other.query('SELECT 1 FROM cases WHERE id = $1 FOR NO KEY UPDATE', [caseId]);
      await other.query("UPDATE assignments SET status = 'in_progress', assignee_id = $2 WHERE case_id = $1 AND department_code = 'jobcenter'", [caseId, jonas.id]);
      await other.query('UPDATE cases SET revision = revision + 1 WHERE id = $1', [caseId]);
      // Jonas finishes it, knowing the ETag that change will leave; his request waits for the lock.
      const finishing = ctx
        .http()
        .patch(`/v1/cases/${caseId}/assignments/jobcenter`)
        .set('authorization', jonas.auth)
        .set('if-match', formatEtag(revision + 1))
        .send({ status: 'done' })
        .then((res) => res);
      await waitUntilBlockedBy(ctx.db, other.pid);
      await other.commit();
      // Its locking statement began before the other change committed; read as of then, the
      // assignment would still be queued and `done` an illegal move (409).
      const res = await finishing;
      expect(res.status).toBe(200);
      expect(assignmentOf(res.body, 'jobcenter')).toMatchObject({ status: 'done', assignee: { id: jonas.id } });
      expect(res.body.status).toBe('resolved');
    } finally {
      await other.close();
    }
  });
});
