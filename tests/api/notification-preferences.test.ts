import { startTestApp, type TestContext } from '../support/app.js';
import { createPerson, type Person } from '../support/people.js';

let ctx: TestContext;
let caseworker: Person;
beforeAll(async () => {
  ctx = await startTestApp();
  caseworker = await createPerson(ctx, 'caseworker', ['jobcenter']);
});
afterAll(async () => ctx.close());

const get = (person: Person) => ctx.http().get('/v1/me/notifications').set('authorization', person.auth);
const put = (person: Person, body: unknown) => ctx.http().put('/v1/me/notifications').set('authorization', person.auth).send(body as object);

test('a caseworker who has not chosen gets the daily digest', async () => {
  const res = await get(await createPerson(ctx, 'caseworker', ['social']));
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ newAssignments: 'daily' });
});

test('each of the three choices is kept and read back, and belongs to the user who made it', async () => {
  const other = await createPerson(ctx, 'caseworker', ['jobcenter']);
  for (const choice of ['immediately', 'off', 'daily', 'immediately']) {
    const res = await put(caseworker, { newAssignments: choice });
    expect([choice, res.status, res.body]).toEqual([choice, 200, { newAssignments: choice }]);
    expect((await get(caseworker)).body).toEqual({ newAssignments: choice });
  }
  expect((await get(other)).body).toEqual({ newAssignments: 'daily' });
});

test('anything but the three choices is a 400 naming the field, and changes nothing', async () => {
  await put(caseworker, { newAssignments: 'off' }).expect(200);
  const bad: Array<[unknown, string]> = [
    [{ newAssignments: 'weekly' }, 'body.newAssignments'],
    [{ newAssignments: 'IMMEDIATELY' }, 'body.newAssignments'],
    [{ newAssignments: null }, 'body.newAssignments'],
    [{ newAssignments: 1 }, 'body.newAssignments'],
    [{}, 'body.newAssignments'],
  ];
  for (const [body, path] of bad) {
    const res = await put(caseworker, body);
    expect([body, res.status, res.headers['content-type'], res.body.errors?.map((e: { path: string }) => e.path)]).toEqual([
      body,
      400,
      'application/problem+json; charset=utf-8',
      [path],
    ]);
  }
  const extra = await put(caseworker, { newAssignments: 'daily', overdue: 'off' });
  expect(extra.status).toBe(400);
  expect(JSON.stringify(extra.body.errors)).toContain('overdue');
  expect((await get(caseworker)).body).toEqual({ newAssignments: 'off' });
});

test('without a token there are no preferences to read or change', async () => {
  expect((await ctx.http().get('/v1/me/notifications')).status).toBe(401);
  expect((await ctx.http().put('/v1/me/notifications').send({ newAssignments: 'off' })).status).toBe(401);
});
