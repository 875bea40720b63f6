import { sql } from 'kysely';
import type { Response } from 'supertest';
import { startTestApp, type TestContext } from '../support/app.js';
import { createPerson, etagOf, type Person, submitCase } from '../support/people.js';

let ctx: TestContext;
let admin: Person;
let coordinator: Person;
let jonas: Person; // jobcenter: leads the default case
let bodil: Person; // business service: involved in it
let integrator: Person;

beforeAll(async () => {
  ctx = await startTestApp();
  admin = await createPerson(ctx, 'admin');
  coordinator = await createPerson(ctx, 'coordinator');
  jonas = await createPerson(ctx, 'caseworker', ['jobcenter']);
  bodil = await createPerson(ctx, 'caseworker', ['business-service']);
  integrator = await createPerson(ctx, 'integrator');
});
afterAll(async () => ctx.close());

const note = (caseId: string, as: Person, body: Record<string, unknown>) =>
  ctx.http().post(`/v1/cases/${caseId}/notes`).set('authorization', as.auth).send(body);
const notesSeenBy = async (caseId: string, as: Person): Promise<string[]> =>
  (await ctx.http().get(`/v1/cases/${caseId}`).set('authorization', as.auth)).body.notes.map((n: { body: string }) => n.body);
/** Empties a queue, so that the next claim takes the case a test submits next. */
async function drainQueue(department: string): Promise<void> {
  const drainer = await createPerson(ctx, 'caseworker', [department]);
  while ((await ctx.http().post(`/v1/departments/${department}/claim`).set('authorization', drainer.auth)).status === 200);
}
const eventsSeenBy = async (caseId: string, as: Person) => (await ctx.http().get(`/v1/cases/${caseId}/events`).set('authorization', as.auth)).body;

describe('notes', () => {
  test('each visibility reaches exactly its readers, on the case and in its history', async () => {
    const receipt = await submitCase(ctx, { topics: ['hiring', 'business-development'] }, integrator);
    const { caseId } = receipt;
    expect((await note(caseId, jonas, { visibility: 'department', body: 'Kun jobcentret' })).status).toBe(201);
    expect((await note(caseId, bodil, { visibility: 'case', body: 'Alle på sagen' })).status).toBe(201);
    expect((await note(caseId, jonas, { visibility: 'enterprise', body: 'Til virksomheden' })).status).toBe(201);

    const everything = ['Kun jobcentret', 'Alle på sagen', 'Til virksomheden'];
    expect(await notesSeenBy(caseId, jonas)).toEqual(everything);
    expect(await notesSeenBy(caseId, coordinator)).toEqual(everything);
    expect(await notesSeenBy(caseId, admin)).toEqual(everything);
    expect(await notesSeenBy(caseId, bodil)).toEqual(['Alle på sagen', 'Til virksomheden']);
    expect(await notesSeenBy(caseId, integrator)).toEqual(['Til virksomheden']);
    expect((await ctx.http().get(receipt.statusUrl)).body.notes.map((n: { body: string }) => n.body)).toEqual(['Til virksomheden']);

    const noteEvents = async (as: Person) =>
      (await eventsSeenBy(caseId, as)).filter((e: { type: string }) => e.type === 'note_added').map((e: { note: { body: string } }) => e.note.body);
    expect(await noteEvents(coordinator)).toEqual(everything);
    expect(await noteEvents(bodil)).toEqual(['Alle på sagen', 'Til virksomheden']);
    expect(await noteEvents(integrator)).toEqual(['Til virksomheden']);
  });

  test('a note records its author and department', async () => {
    const { caseId } = await submitCase(ctx, { topics: ['hiring', 'business-development'] });
    const res = await note(caseId, bodil, { visibility: 'case', body: '  Ringet op.\nAftalt møde.  ' });
    expect(res.status).toBe(201);
    expect(res.headers.etag).toMatch(/^"\d+"$/);
    expect(res.body).toMatchObject({
      visibility: 'case',
      department: 'business-service',
      body: 'Ringet op.\nAftalt møde.',
      author: { id: bodil.id, name: bodil.name, role: 'caseworker' },
    });
  });

  test('only the lead department or a coordinator writes to the enterprise', async () => {
    const { caseId } = await submitCase(ctx, { topics: ['hiring', 'business-development'] });
    expect((await note(caseId, bodil, { visibility: 'enterprise', body: 'Hej' })).status).toBe(403);
    expect((await note(caseId, coordinator, { visibility: 'enterprise', body: 'Hej' })).status).toBe(201);
  });

  test('department notes belong to a department the author is in; coordinators name it', async () => {
    const { caseId } = await submitCase(ctx, { topics: ['hiring', 'business-development'] });
    expect((await note(caseId, jonas, { visibility: 'department', department: 'business-service', body: 'x' })).status).toBe(403);
    const unnamed = await note(caseId, coordinator, { visibility: 'department', body: 'x' });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.errors[0].path).toBe('body.department');
    const named = await note(caseId, coordinator, { visibility: 'department', department: 'business-service', body: 'Til erhverv' });
    expect(named.status).toBe(201);
    expect(await notesSeenBy(caseId, bodil)).toContain('Til erhverv');
    expect(await notesSeenBy(caseId, jonas)).not.toContain('Til erhverv');

    const both = await createPerson(ctx, 'caseworker', ['jobcenter', 'business-service']);
    expect((await note(caseId, both, { visibility: 'department', body: 'Hvilken?' })).status).toBe(400);
    expect((await note(caseId, both, { visibility: 'department', department: 'jobcenter', body: 'Denne' })).status).toBe(201);
  });

  test('notes are never edited or deleted: there is no way to, not even in the database', async () => {
    const { caseId } = await submitCase(ctx, { topics: ['hiring'] });
    const created = await note(caseId, jonas, { visibility: 'case', body: 'Første udgave' });
    expect((await ctx.http().patch(`/v1/cases/${caseId}/notes/${created.body.id}`).set('authorization', admin.auth).send({ body: 'x' })).status).toBe(404);
    expect((await ctx.http().delete(`/v1/cases/${caseId}/notes/${created.body.id}`).set('authorization', admin.auth)).status).toBe(404);
    await expect(sql`UPDATE case_notes SET body = 'Rettet' WHERE id = ${created.body.id}`.execute(ctx.db)).rejects.toThrow(/never changed/);
    await expect(sql`UPDATE case_events SET type = 'x' WHERE case_id = ${caseId}`.execute(ctx.db)).rejects.toThrow(/never changed/);
  });
});

describe('history', () => {
  /** Every change the API can make to a case, with the event it must leave. */
  const changes: { name: string; perform: (caseId: string) => Promise<Response>; event: Record<string, unknown> }[] = [
    {
      name: 'claim',
      perform: () => ctx.http().post('/v1/departments/jobcenter/claim').set('authorization', jonas.auth),
      event: { type: 'claimed', department: 'jobcenter', actor: { role: 'caseworker' }, data: { before: { status: 'queued', assigneeId: null }, after: { status: 'in_progress' } } },
    },
    {
      name: 'status change',
      perform: async (caseId) =>
        ctx.http().patch(`/v1/cases/${caseId}/assignments/business-service`).set('authorization', bodil.auth).set('if-match', await etagOf(ctx, bodil, caseId)).send({ status: 'in_progress' }),
      event: { type: 'status_changed', department: 'business-service', data: { before: { status: 'queued', assigneeId: null }, after: { status: 'in_progress' } } },
    },
    {
      name: 'priority change',
      perform: async (caseId) =>
        ctx.http().patch(`/v1/cases/${caseId}/assignments/business-service`).set('authorization', coordinator.auth).set('if-match', await etagOf(ctx, coordinator, caseId)).send({ priority: 7 }),
      event: { type: 'priority_changed', department: 'business-service', actor: { role: 'coordinator' }, data: { before: { priority: 0 }, after: { priority: 7 } } },
    },
    {
      name: 'reassignment',
      perform: async (caseId) =>
        ctx.http().patch(`/v1/cases/${caseId}/assignments/business-service`).set('authorization', coordinator.auth).set('if-match', await etagOf(ctx, coordinator, caseId)).send({ assignee: null }),
      event: { type: 'status_changed', department: 'business-service', data: { before: { status: 'in_progress' }, after: { status: 'queued', assigneeId: null } } },
    },
    {
      name: 'involve',
      perform: (caseId) => ctx.http().post(`/v1/cases/${caseId}/involve`).set('authorization', coordinator.auth).send({ department: 'social', reason: 'Forløb' }),
      event: { type: 'involved', department: 'social', data: { department: 'social', reason: 'Forløb' } },
    },
    {
      name: 'transfer',
      perform: (caseId) => ctx.http().post(`/v1/cases/${caseId}/transfer`).set('authorization', coordinator.auth).send({ from: 'social', to: 'technical', reason: 'Lokaler' }),
      event: { type: 'transferred', department: 'social', data: { from: 'social', to: 'technical', reason: 'Lokaler' } },
    },
    {
      name: 'note',
      perform: (caseId) => note(caseId, jonas, { visibility: 'case', body: 'Noteret' }),
      event: { type: 'note_added', department: 'jobcenter', data: { visibility: 'case' } },
    },
  ];

  test('every endpoint that changes a case writes its event, with who and before/after, in step with the revision', async () => {
    await drainQueue('jobcenter');
    const { caseId } = await submitCase(ctx, { topics: ['hiring', 'business-development'] });
    let revision = Number(JSON.parse(await etagOf(ctx, coordinator, caseId)));
    for (const change of changes) {
      const before = (await eventsSeenBy(caseId, coordinator)).length;
      const res = await change.perform(caseId);
      expect([change.name, res.status]).toEqual([change.name, expect.any(Number)]);
      expect(res.status).toBeLessThan(300);
      expect(res.headers.etag).toBe(`"${revision + 1}"`);
      revision += 1;
      const events = await eventsSeenBy(caseId, coordinator);
      const added = events.slice(before);
      expect(added.length).toBeGreaterThanOrEqual(1);
      expect(added[0]).toMatchObject({ ...change.event, actor: { id: expect.any(String), ...(change.event.actor as object) } });
      expect(added.slice(1).every((e: { type: string }) => e.type === 'case_status_changed')).toBe(true);
    }

    // Across the whole database: every revision after the first has exactly one change event.
    const { rows } = await sql<{ id: string; revision: number; changes: string }>`
      SELECT c.id, c.revision,
             (SELECT count(*) FROM case_events e
               WHERE e.case_id = c.id AND e.type NOT IN ('created', 'routed', 'case_status_changed')) AS changes
        FROM cases c`.execute(ctx.db);
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) expect([row.id, Number(row.changes)]).toEqual([row.id, row.revision - 1]);
  });

  test('events come oldest first with who did it and when', async () => {
    const { caseId } = await submitCase(ctx, { topics: ['hiring'] });
    await note(caseId, jonas, { visibility: 'case', body: 'Først' });
    const events = await eventsSeenBy(caseId, coordinator);
    expect(events.map((e: { type: string }) => e.type)).toEqual(['created', 'routed', 'note_added']);
    expect(events[0]).toMatchObject({ actor: { id: null, name: null, role: 'enterprise' } });
    expect(events[2]).toMatchObject({ actor: { id: jonas.id, name: jonas.name, role: 'caseworker' }, department: 'jobcenter' });
    const times = events.map((e: { at: string }) => Date.parse(e.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  test('an integrator follows only the enterprise-level story of what it submitted', async () => {
    await drainQueue('jobcenter');
    const { caseId } = await submitCase(ctx, { topics: ['hiring'] }, integrator);
    await ctx.http().post('/v1/departments/jobcenter/claim').set('authorization', jonas.auth).expect(200);
    await note(caseId, jonas, { visibility: 'case', body: 'Intern' });
    await note(caseId, jonas, { visibility: 'enterprise', body: 'Vi er i gang' });
    const events = await eventsSeenBy(caseId, integrator);
    expect(events.map((e: { type: string }) => e.type)).toEqual(['created', 'case_status_changed', 'note_added']);
  });

  test('when writing the history fails, the change is not made either', async () => {
    const { caseId } = await submitCase(ctx, { topics: ['hiring'] });
    const before = await etagOf(ctx, coordinator, caseId);
    await sql`CREATE FUNCTION refuse_involved() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'history unavailable'; END; $$`.execute(ctx.db);
    await sql`CREATE TRIGGER refuse_involved BEFORE INSERT ON case_events FOR EACH ROW WHEN (NEW.type = 'involved') EXECUTE FUNCTION refuse_involved()`.execute(ctx.db);
    try {
      const res = await ctx.http().post(`/v1/cases/${caseId}/involve`).set('authorization', coordinator.auth).send({ department: 'social', reason: 'x' });
      expect(res.status).toBe(500);
      expect(res.body.detail).not.toMatch(/history unavailable/);
    } finally {
      await sql`DROP TRIGGER refuse_involved ON case_events`.execute(ctx.db);
      await sql`DROP FUNCTION refuse_involved()`.execute(ctx.db);
    }
    expect(await etagOf(ctx, coordinator, caseId)).toBe(before);
    const departments = await ctx.db.selectFrom('assignments').select('department_code').where('case_id', '=', caseId).execute();
    expect(departments.map((d) => d.department_code)).toEqual(['jobcenter']);
  });
});

describe('the access log', () => {
  test('whoever is shown a case is recorded with the request; listing cases is not reading them', async () => {
    const { caseId, reference } = await submitCase(ctx, { topics: ['hiring'] });
    const viewed = await ctx.http().get(`/v1/cases/${caseId}`).set('authorization', jonas.auth);
    await ctx.http().get(`/v1/cases/${caseId}/events`).set('authorization', coordinator.auth);
    await ctx.http().get('/v1/cases').query({ q: reference }).set('authorization', bodil.auth);
    await ctx.http().get(`/v1/cases/${caseId}`).set('authorization', bodil.auth).expect(404);

    const log = await ctx.http().get(`/v1/cases/${caseId}/access-log`).set('authorization', admin.auth);
    expect(log.status).toBe(200);
    expect(log.body.items).toEqual([
      expect.objectContaining({ user: { id: coordinator.id, name: coordinator.name }, role: 'coordinator', action: 'listCaseEvents' }),
      expect.objectContaining({
        user: { id: jonas.id, name: jonas.name },
        role: 'caseworker',
        action: 'getCase',
        requestId: viewed.headers['x-request-id'],
        tokenId: expect.any(String),
        readAt: expect.any(String),
      }),
    ]);
  });

  test('the access log pages newest first', async () => {
    const { caseId } = await submitCase(ctx, { topics: ['hiring'] });
    for (let i = 0; i < 5; i += 1) await ctx.http().get(`/v1/cases/${caseId}`).set('authorization', coordinator.auth).expect(200);
    const first = await ctx.http().get(`/v1/cases/${caseId}/access-log`).query({ limit: 3 }).set('authorization', admin.auth);
    expect(first.body.items).toHaveLength(3);
    const rest = await ctx.http().get(`/v1/cases/${caseId}/access-log`).query({ limit: 3, cursor: first.body.nextCursor }).set('authorization', admin.auth);
    expect(rest.body.items).toHaveLength(2);
    expect(rest.body.nextCursor).toBeNull();
    const ids = [...first.body.items, ...rest.body.items].map((r: { id: string }) => Number(r.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });
});
