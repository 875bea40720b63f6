import { startTestApp, type TestContext } from '../support/app.js';
import { createPerson, type Person } from '../support/people.js';
import { csrfTokenIn, errorBeside, signIn } from '../support/staff.js';

// The administration's departments and topic catalogue: the departments with their names
// and members, and the topics, changed through the same service and schema as
// PATCH /v1/topics/{code}. A mistake gives the form again with the message beside the
// field and changes nothing.

let ctx: TestContext;
let admin: Person;
let cookie: string;

beforeAll(async () => {
  ctx = await startTestApp();
  admin = await createPerson(ctx, 'admin');
  cookie = await signIn(ctx, admin, admin);
});
afterAll(async () => ctx.close());

const get = (path: string, as = cookie) => ctx.http().get(path).set('cookie', as);
async function post(path: string, form: Record<string, string>, from = path, as = cookie) {
  const page = await get(from, as);
  return ctx.http().post(path).set('cookie', as).type('form').send({ _csrf: csrfTokenIn(page.text), ...form });
}
const catalogue = async () => (await ctx.http().get('/v1/topics')).body as { code: string; name: { da: string; en: string }; description: { da: string; en: string }; responseDays: number; public: boolean }[];
const hiring = async () => (await catalogue()).find((topic) => topic.code === 'hiring');

/** The form as the topic's page fills it in, with some fields changed. */
async function topicForm(changes: Record<string, string>): Promise<Record<string, string>> {
  const topic = await hiring();
  if (!topic) throw new Error('no hiring topic');
  return {
    nameDa: topic.name.da,
    nameEn: topic.name.en,
    descriptionDa: topic.description.da,
    descriptionEn: topic.description.en,
    responseDays: String(topic.responseDays),
    ...(topic.public ? { public: 'true' } : {}),
    ...changes,
  };
}

test('the departments page shows each department\'s names in both languages and how many caseworkers belong to it', async () => {
  await createPerson(ctx, 'caseworker', ['technical']);
  await createPerson(ctx, 'caseworker', ['technical', 'social']);
  const leaving = await createPerson(ctx, 'caseworker', ['technical']);
  await ctx.db.updateTable('users').set({ active: false }).where('id', '=', leaving.id).execute();

  const page = await get('/staff/admin/departments?lang=en');
  expect(page.status).toBe(200);
  expect(page.text).toMatch(/aria-current="page"><strong>Departments<\/strong>/);
  const row = (code: string) => new RegExp(`<th scope="row">${code}</th>\\s*<td lang="da">([^<]+)</td>\\s*<td lang="en">([^<]+)</td>\\s*<td>(Yes|No)</td>\\s*<td class="text-align-right">(\\d+)</td>\\s*<td class="text-align-right">(\\d+)</td>`).exec(page.text)?.slice(1);
  expect(row('technical')).toEqual(['Teknik og Miljø', 'Technical and environmental services', 'Yes', '2', '1']);
  expect(row('social')?.slice(3)).toEqual(['1', '0']);
  expect(row('jobcenter')).toEqual(['Jobcenter', 'Job centre', 'Yes', '0', '0']);
  expect((await get('/staff/admin/departments')).text).toContain('<th scope="col" class="text-align-right">Aktive sagsbehandlere</th>');
});

test('an admin changes a topic\'s response days, names and public flag, as PATCH /v1/topics/{code} would', async () => {
  const list = await get('/staff/admin/topics?lang=en');
  expect(list.status).toBe(200);
  const before = await hiring();
  expect(list.text).toContain(`<td lang="da">${before?.name.da}</td>`);
  expect(list.text).toContain('<a href="/staff/admin/topics/hiring?lang=en" aria-label="Edit the topic Hiring and wage subsidy">Edit</a>');

  const page = await get('/staff/admin/topics/hiring?lang=en');
  expect(page.status).toBe(200);
  expect(page.text).toContain(`id="topic-responseDays" name="responseDays" value="${before?.responseDays}"`);

  const saved = await post('/staff/admin/topics/hiring', { lang: 'en', ...(await topicForm({ responseDays: ' 7 ', nameEn: 'Hiring, wage subsidy', public: 'true' })) });
  expect(saved.status).toBe(303);
  expect(saved.headers.location).toBe('/staff/admin/topics?saved=hiring&lang=en');
  expect((await get(saved.headers.location as string)).text).toContain('The topic Hiring, wage subsidy has been saved.');
  expect(await hiring()).toEqual({ ...before, name: { da: before?.name.da, en: 'Hiring, wage subsidy' }, responseDays: 7, public: true });

  // Unticking the box makes the topic private again.
  const { public: _ticked, ...unticked } = await topicForm({});
  expect((await post('/staff/admin/topics/hiring', unticked)).status).toBe(303);
  expect((await hiring())?.public).toBe(false);
});

test('bad response days, names or descriptions come back beside their fields, in the page\'s language, and change nothing', async () => {
  const before = await catalogue();
  for (const days of ['0', '61', 'fem', '2.5', '']) {
    const res = await post('/staff/admin/topics/hiring', { lang: 'en', ...(await topicForm({ responseDays: days })) });
    expect([days, res.status]).toEqual([days, 400]);
    expect(errorBeside(res.text, 'topic-responseDays')).toBe('Enter a whole number of working days from 1 to 60');
    expect(res.text).toContain(`id="topic-responseDays" name="responseDays" value="${days}"`);
    expect(res.text).toMatch(/<title>Error:/);
  }
  const danish = await post('/staff/admin/topics/hiring', await topicForm({ nameDa: '  ', descriptionEn: 'x'.repeat(501), responseDays: '99' }));
  expect(danish.status).toBe(400);
  expect(errorBeside(danish.text, 'topic-nameDa')).toBe('Skriv et navn');
  expect(errorBeside(danish.text, 'topic-descriptionEn')).toBe('Højst 500 tegn');
  expect(errorBeside(danish.text, 'topic-responseDays')).toBe('Skriv et helt antal arbejdsdage fra 1 til 60');
  // The summary lists the problems in the order of the fields.
  expect([...danish.text.matchAll(/href="#(topic-[a-zA-Z]+)"/g)].map((m) => m[1])).toEqual(['topic-nameDa', 'topic-descriptionEn', 'topic-responseDays']);
  expect(await catalogue()).toEqual(before);

  expect((await get('/staff/admin/topics/no-such-topic')).status).toBe(404);
  expect((await post('/staff/admin/topics/no-such-topic', await topicForm({}), '/staff/admin/topics')).status).toBe(404);
});

test('coordinators and caseworkers get the administration\'s 403 page; a form without the session\'s token is refused', async () => {
  const before = await catalogue();
  for (const person of [await createPerson(ctx, 'coordinator'), await createPerson(ctx, 'caseworker', ['jobcenter'])]) {
    const theirs = await signIn(ctx, admin, person);
    for (const path of ['/staff/admin/departments', '/staff/admin/topics', '/staff/admin/topics/hiring']) {
      const page = await get(`${path}?lang=en`, theirs);
      expect([path, page.status]).toEqual([path, 403]);
      expect(page.text).toContain('The administration pages are for administrators only.');
    }
    expect((await post('/staff/admin/topics/hiring', await topicForm({ responseDays: '3' }), '/staff', theirs)).status).toBe(403);
  }
  const forged = await ctx.http().post('/staff/admin/topics/hiring').set('cookie', cookie).type('form').send({ _csrf: 'forged', ...(await topicForm({ responseDays: '3' })) });
  expect(forged.status).toBe(403);
  expect(forged.text).toContain('Formularen kunne ikke sendes');
  expect(await catalogue()).toEqual(before);
});
