import { startTestApp, type TestContext } from '../support/app.js';
import { createPerson, type Person, submitCase } from '../support/people.js';

let ctx: TestContext;
let admin: Person;
let coordinator: Person;

beforeAll(async () => {
  ctx = await startTestApp();
  admin = await createPerson(ctx, 'admin');
  coordinator = await createPerson(ctx, 'coordinator');
});
afterAll(async () => ctx.close());

const patch = (code: string, body: unknown, as: Person = admin) => ctx.http().patch(`/v1/topics/${code}`).set('authorization', as.auth).send(body as object);

describe('PATCH /v1/topics/{code}', () => {
  test('topics are not public until an admin says so', async () => {
    const res = await ctx.http().get('/v1/topics');
    expect(res.body.every((topic: { public: boolean }) => topic.public === false)).toBe(true);
  });

  test('an admin changes names, description, response target and the public flag; the catalogue shows it', async () => {
    const res = await patch('flex-jobs', {
      name: { da: 'Fleksjob og skånejob', en: 'Flex jobs and sheltered jobs' },
      description: { da: 'Ansæt med fleksjob.', en: 'Hire on flex jobs.' },
      responseDays: 3,
      public: true,
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      code: 'flex-jobs',
      name: { da: 'Fleksjob og skånejob', en: 'Flex jobs and sheltered jobs' },
      description: { da: 'Ansæt med fleksjob.', en: 'Hire on flex jobs.' },
      responseDays: 3,
      public: true,
    });
    const catalogue = await ctx.http().get('/v1/topics');
    expect(catalogue.body.find((topic: { code: string }) => topic.code === 'flex-jobs')).toEqual(res.body);
  });

  test('a change of one field leaves the others', async () => {
    const before = (await ctx.http().get('/v1/topics')).body.find((topic: { code: string }) => topic.code === 'hiring');
    const res = await patch('hiring', { public: true });
    expect(res.body).toEqual({ ...before, public: true });
    expect((await patch('hiring', {})).body).toEqual({ ...before, public: true });
  });

  test('bad fields are a 400 naming each; an unknown topic is 404; only admins may', async () => {
    const bad = await patch('hiring', { responseDays: 0, public: 'yes', name: { da: '' }, colour: 'red' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(
      ['body.colour', 'body.name.da', 'body.name.en', 'body.public', 'body.responseDays'].sort(),
    );
    expect((await patch('no-such-topic', { public: true })).status).toBe(404);
    expect((await patch('hiring', { public: false }, coordinator)).status).toBe(403);
    expect((await ctx.http().patch('/v1/topics/hiring').send({ public: false })).status).toBe(401);
  });

  test('a new response target applies to inquiries received afterwards', async () => {
    await patch('premises-permits', { responseDays: 1 });
    // The intake keeps the catalogue for up to 30 seconds; a fresh app reads it at once.
    const fresh = await startTestApp({}, ctx.database);
    try {
      const receipt = await submitCase(fresh, { topics: ['premises-permits'] });
      const received = new Date();
      expect(new Date(`${receipt.expectedResponseBy}T23:59:59Z`).getTime() - received.getTime()).toBeLessThan(6 * 86_400_000);
    } finally {
      await fresh.close();
    }
  });
});
