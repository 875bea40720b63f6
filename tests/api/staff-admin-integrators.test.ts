import { startTestApp, type TestContext } from '../support/app.js';
import { validInquiry } from '../support/fixtures.js';
import { createPerson, type Person } from '../support/people.js';
import { csrfTokenIn, errorBeside, signIn } from '../support/staff.js';

// The administration's integrators: an admin makes an integrator account with its first
// API token in one form, through the users service the admin API uses; the token is
// shown once, and is revoked on the integrator's page. A mistake changes nothing.

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
async function post(path: string, form: Record<string, string | string[]>, from = '/staff/admin/integrators', as = cookie) {
  const page = await get(from, as);
  return ctx.http().post(path).set('cookie', as).type('form').send({ _csrf: csrfTokenIn(page.text), ...form });
}
const rowCounts = async () => ({
  users: Number((await ctx.db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  tokens: Number((await ctx.db.selectFrom('api_tokens').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
});

test('an admin creates an integrator with its API token, shown once, that works on the API and is revoked on its page', async () => {
  const empty = await get('/staff/admin/integrators?lang=en');
  expect(empty.status).toBe(200);
  expect(empty.headers['cache-control']).toBe('no-store');
  // The sections' navigation marks where the admin is.
  expect(empty.text).toMatch(/<a href="\/staff\/admin\/integrators\?lang=en" aria-current="page"><strong>Integrators<\/strong><\/a>/);
  expect(empty.text).toContain('<a href="/staff/admin/webhooks?lang=en">Webhooks</a>');
  expect(empty.text).toContain('There are no integrators yet.');

  const created = await post('/staff/admin/integrators', { lang: 'en', name: 'Partnerportalen', email: 'drift@partner.example', tokenName: 'production', expiresOn: '' });
  expect(created.status).toBe(201);
  expect(created.headers['cache-control']).toBe('no-store');
  expect(created.text).toContain('Partnerportalen has been created with an API token');
  const token = /<code id="new-token">(oe_[A-Za-z0-9_-]+)<\/code>/.exec(created.text)?.[1] as string;
  expect(token).toBeDefined();
  const me = await ctx.http().get('/v1/me').set('authorization', `Bearer ${token}`);
  expect(me.status).toBe(200);
  expect(me.body).toMatchObject({ name: 'Partnerportalen', email: 'drift@partner.example', role: 'integrator', departments: [], token: { name: 'production' } });
  // It can do what integrators do: submit an inquiry.
  expect((await ctx.http().post('/v1/inquiries').set('authorization', `Bearer ${token}`).send(validInquiry())).status).toBe(201);
  const listed = await get('/staff/admin/integrators');
  expect(listed.text).toContain('Partnerportalen');
  expect(listed.text).toContain('drift@partner.example');
  expect(listed.text).not.toContain(token);

  // Its page belongs to the integrators' section, lists the token and offers no sign-in link.
  const page = await get(`/staff/admin/users/${me.body.id}?lang=en`);
  expect(page.text).toMatch(/aria-current="page"><strong>Integrators<\/strong>/);
  expect(page.text).toContain('<a href="/staff/admin/integrators?lang=en">To all integrators</a>');
  expect(page.text).toContain('production');
  expect(page.text).not.toContain('Make a sign-in link');
  expect(page.text).not.toContain(token);
  const revoked = await post(`/staff/admin/users/${me.body.id}/tokens/${me.body.token.id}/revoke`, {}, `/staff/admin/users/${me.body.id}`);
  expect(revoked.status).toBe(303);
  expect((await ctx.http().get('/v1/me').set('authorization', `Bearer ${token}`)).status).toBe(401);
});

test('bad input gives the page again with the message beside the field, in the page\'s language, and creates nothing', async () => {
  const existing = await createPerson(ctx, 'integrator');
  const before = await rowCounts();

  const taken = await post('/staff/admin/integrators', { lang: 'en', name: 'Twin', email: existing.email.toUpperCase(), tokenName: 'API', expiresOn: '' });
  expect(taken.status).toBe(409);
  expect(errorBeside(taken.text, 'integrator-email')).toBe('There is already a user with this email address');
  expect(taken.text).toContain('value="Twin"');
  expect(taken.text).toMatch(/<title>Error:/);

  const past = await post('/staff/admin/integrators', { name: 'Gammel', email: 'gammel@partner.example', tokenName: 'API', expiresOn: '2020-01-01' });
  expect(past.status).toBe(422);
  expect(errorBeside(past.text, 'integrator-expiresOn')).toBe('Udløbsdatoen er overskredet; vælg i dag eller en senere dag');
  expect(past.text).toContain('<a class="function-link" href="#integrator-expiresOn">');

  const blank = await post('/staff/admin/integrators', { lang: 'en', name: ' ', email: 'ikke-en-adresse', tokenName: '', expiresOn: '31/12' });
  expect(blank.status).toBe(400);
  expect(errorBeside(blank.text, 'integrator-name')).toBe('Enter a name');
  expect(errorBeside(blank.text, 'integrator-email')).toBe('Enter a valid email address, e.g. name@municipality.dk');
  expect(errorBeside(blank.text, 'integrator-tokenName')).toBe('Enter a name');
  expect(errorBeside(blank.text, 'integrator-expiresOn')).toBe('Write the date as year-month-day, e.g. 2027-12-31');

  expect(await rowCounts()).toEqual(before);
});

test('coordinators and caseworkers get the administration\'s 403 page; a form without the session\'s token is refused', async () => {
  const before = await rowCounts();
  for (const person of [await createPerson(ctx, 'coordinator'), await createPerson(ctx, 'caseworker', ['jobcenter'])]) {
    const theirs = await signIn(ctx, admin, person);
    const page = await get('/staff/admin/integrators?lang=en', theirs);
    expect(page.status).toBe(403);
    expect(page.text).toContain('The administration pages are for administrators only.');
    const attempt = await post('/staff/admin/integrators', { name: 'Mallory', email: 'mallory@partner.example', tokenName: 'API', expiresOn: '' }, '/staff', theirs);
    expect(attempt.status).toBe(403);
    expect(attempt.text).toContain('Administrationssiderne er kun for administratorer.');
  }
  const forged = await ctx.http().post('/staff/admin/integrators').set('cookie', cookie).type('form').send({ _csrf: 'forged', name: 'Mallory', email: 'mallory@partner.example', tokenName: 'API' });
  expect(forged.status).toBe(403);
  expect(forged.text).toContain('Formularen kunne ikke sendes');
  const bare = await ctx.http().post('/staff/admin/integrators').set('cookie', cookie).type('form').send({ name: 'Mallory', email: 'mallory@partner.example', tokenName: 'API' });
  expect(bare.status).toBe(403);
  // Two more users (the coordinator and the caseworker above), each with the one test token; nothing else.
  expect(await rowCounts()).toEqual({ users: before.users + 2, tokens: before.tokens + 2 });
});
