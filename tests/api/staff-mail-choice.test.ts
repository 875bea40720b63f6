import { startTestApp, type TestContext } from '../support/app.js';
import { createPerson, type Person } from '../support/people.js';
import { csrfTokenIn, signIn } from '../support/staff.js';

// A caseworker who uses the staff pages, and has no API token, chooses there how they
// hear of new assignments: the same choice as PUT /v1/me/notifications.

let ctx: TestContext;
let admin: Person;
beforeAll(async () => {
  ctx = await startTestApp();
  admin = await createPerson(ctx, 'admin');
});
afterAll(async () => ctx.close());

const checked = (page: string) => /id="mail-(\w+)" name="newAssignments" value="\w+" checked/.exec(page)?.[1];
const apiChoice = async (person: Person) => (await ctx.http().get('/v1/me/notifications').set('authorization', person.auth)).body.newAssignments;

test('a caseworker sees their choice on the staff page, changes it, and the API agrees', async () => {
  const mette = await createPerson(ctx, 'caseworker', ['jobcenter']);
  const cookie = await signIn(ctx, admin, mette);
  const page = await ctx.http().get('/staff').set('cookie', cookie);
  expect(page.status).toBe(200);
  expect(page.text).toContain('Mail om nye opgaver');
  expect(checked(page.text)).toBe('daily');

  const saved = await ctx.http().post('/staff/notifications').set('cookie', cookie).type('form').send({ _csrf: csrfTokenIn(page.text), newAssignments: 'immediately', lang: 'en' });
  expect(saved.status).toBe(303);
  expect(saved.headers.location).toBe('/staff?saved=mail&lang=en');
  const after = await ctx.http().get(saved.headers.location as string).set('cookie', cookie);
  expect(after.text).toContain('Your choice is saved');
  expect(checked(after.text)).toBe('immediately');
  expect(await apiChoice(mette)).toBe('immediately');
});

test('a choice that is none of the three gets the page again with the error beside it, and changes nothing', async () => {
  const jonas = await createPerson(ctx, 'caseworker', ['social']);
  const cookie = await signIn(ctx, admin, jonas);
  const token = csrfTokenIn((await ctx.http().get('/staff').set('cookie', cookie)).text);
  for (const body of [{ newAssignments: 'weekly' }, {}]) {
    const res = await ctx.http().post('/staff/notifications').set('cookie', cookie).type('form').send({ _csrf: token, ...body });
    expect(res.status).toBe(400);
    expect(res.text).toContain('<span class="form-error-message" id="mail-error"><span class="sr-only">Fejl: </span>Vælg en af mulighederne</span>');
    expect(res.text).toContain('aria-describedby="mail-hint mail-error"');
    expect(checked(res.text)).toBe('daily');
  }
  expect(await apiChoice(jonas)).toBe('daily');
});

test('without the session\'s CSRF token the choice is refused and kept', async () => {
  const person = await createPerson(ctx, 'caseworker', ['technical']);
  const cookie = await signIn(ctx, admin, person);
  const res = await ctx.http().post('/staff/notifications').set('cookie', cookie).type('form').send({ newAssignments: 'off' });
  expect(res.status).toBe(403);
  expect(await apiChoice(person)).toBe('daily');
});

test('a coordinator, who has no departments and so no assignment mail, is not offered the choice', async () => {
  const coordinator = await createPerson(ctx, 'coordinator');
  const page = await ctx.http().get('/staff').set('cookie', await signIn(ctx, admin, coordinator));
  expect(page.status).toBe(200);
  expect(page.text).not.toContain('newAssignments');
});
