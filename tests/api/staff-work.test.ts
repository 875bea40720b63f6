import { startTestApp, type TestContext } from '../support/app.js';
import { createPerson, type Person, submitCase } from '../support/people.js';
import { csrfTokenIn, signIn } from '../support/staff.js';

// "My work": the queues of my departments and my open assignments, and taking the next
// case through the same claim as the API.

let ctx: TestContext;
let admin: Person;

beforeAll(async () => {
  ctx = await startTestApp();
  admin = await createPerson(ctx, 'admin');
});
afterAll(async () => ctx.close());

const countsOf = (page: string, department: string) => {
  const row = new RegExp(`<th scope="row">${department}</th>\\s*((?:<td class="text-align-right">\\d+</td>\\s*){4})`).exec(page)?.[1] ?? '';
  return [...row.matchAll(/>(\d+)</g)].map((match) => Number(match[1]));
};

test('a caseworker sees the queue of each department, takes the next case, and finds it among their cases', async () => {
  const jonas = await createPerson(ctx, 'caseworker', ['jobcenter'], 'Jonas');
  const first = await submitCase(ctx, { subject: 'Første henvendelse' });
  await submitCase(ctx, { subject: 'Anden henvendelse' });
  const cookie = await signIn(ctx, admin, jonas);

  const before = await ctx.http().get('/staff').set('cookie', cookie);
  expect(before.status).toBe(200);
  expect(before.headers['content-security-policy']).toContain("script-src 'self'");
  expect(before.headers['cache-control']).toBe('no-store');
  expect(countsOf(before.text, 'Jobcenter')).toEqual([2, 0, 0, 0]);
  expect(before.text).toContain('Du har ingen åbne sager.');
  expect(before.text).not.toContain('Erhvervsservice</th>');

  const claim = await ctx.http().post('/staff/departments/jobcenter/claim').set('cookie', cookie).type('form').send({ _csrf: csrfTokenIn(before.text), lang: 'en' });
  expect(claim.status).toBe(303);
  // On to the page of the case taken.
  expect(claim.headers.location).toBe(`/staff/cases/${first.reference}?done=claim&lang=en`);
  expect((await ctx.http().get(claim.headers.location as string).set('cookie', cookie)).text).toContain('You took the assignment.');

  const after = await ctx.http().get('/staff?lang=en').set('cookie', cookie);
  expect(countsOf(after.text, 'Job centre')).toEqual([1, 1, 0, 0]);
  expect(after.text).toContain('Første henvendelse');
  expect(after.text).toContain('lang="da" hreflang="da"');

  // The same claim as the API: recorded as a claim by Jonas, with the access log.
  const events = await ctx.db.selectFrom('case_events').select(['type', 'actor_id']).where('case_id', '=', first.caseId).where('type', '=', 'claimed').execute();
  expect(events).toEqual([{ type: 'claimed', actor_id: jonas.id }]);
});

test('an empty queue says so; a department not one\'s own is refused like the API refuses it', async () => {
  const mette = await createPerson(ctx, 'caseworker', ['social']);
  const cookie = await signIn(ctx, admin, mette);
  const page = await ctx.http().get('/staff').set('cookie', cookie);
  const token = csrfTokenIn(page.text);
  const empty = await ctx.http().post('/staff/departments/social/claim').set('cookie', cookie).type('form').send({ _csrf: token });
  expect(empty.headers.location).toBe('/staff?empty=social');
  expect((await ctx.http().get('/staff?empty=social').set('cookie', cookie)).text).toContain('Køen er tom');
  const foreign = await ctx.http().post('/staff/departments/jobcenter/claim').set('cookie', cookie).type('form').send({ _csrf: token });
  expect(foreign.status).toBe(403);
});

test('coordinators see every department without a claim button; the page escapes what enterprises wrote', async () => {
  const coordinator = await createPerson(ctx, 'coordinator');
  const jonas = await createPerson(ctx, 'caseworker', ['jobcenter']);
  await submitCase(ctx, { subject: '<script>alert(1)</script>' });
  const jonasCookie = await signIn(ctx, admin, jonas);
  const token = csrfTokenIn((await ctx.http().get('/staff').set('cookie', jonasCookie)).text);
  // Take cases until the hostile one is Jonas's.
  for (let i = 0; i < 5; i += 1) await ctx.http().post('/staff/departments/jobcenter/claim').set('cookie', jonasCookie).type('form').send({ _csrf: token });
  const mine = await ctx.http().get('/staff').set('cookie', jonasCookie);
  expect(mine.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(mine.text).not.toContain('<script>alert(1)');

  const page = await ctx.http().get('/staff?lang=en').set('cookie', await signIn(ctx, admin, coordinator));
  expect(page.status).toBe(200);
  for (const name of ['Job centre', 'Business service', 'Social services']) expect(page.text).toMatch(new RegExp(`<th scope="row">${name}`));
  expect(page.text).not.toContain('/claim"');
});
