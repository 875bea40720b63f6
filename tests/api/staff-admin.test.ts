import { startTestApp, type TestContext } from '../support/app.js';
import { eventually } from '../support/eventually.js';
import { createPerson, type Person } from '../support/people.js';
import { csrfTokenIn, errorBeside, followSignInLink, sessionCookieOf, signIn } from '../support/staff.js';

// The administration pages: an admin manages users, tokens and sign-in links in the
// browser through the same services and rules as the admin API; a mistake gives the
// page again with the message beside the field and changes nothing.

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
async function post(path: string, form: Record<string, string | string[]>, from = '/staff/admin', as = cookie) {
  const page = await get(from, as);
  return ctx.http().post(path).set('cookie', as).type('form').send({ _csrf: csrfTokenIn(page.text), ...form });
}
const userCount = async () => Number((await ctx.db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const userIdOf = (location: string) => /\/staff\/admin\/users\/([0-9a-f-]{36})/.exec(location)?.[1] as string;

test("the staff navigation leads admins, and only admins, to the administration, marked as the current page there", async () => {
  const navLink = '<a href="/staff/admin?lang=en" class="nav-link"';
  expect((await get('/staff?lang=en')).text).toContain(`${navLink}><span>Administration</span></a>`);
  expect((await get('/staff/admin?lang=en')).text).toContain(`<li class="active current">${navLink} aria-current="page"><span>Administration</span></a>`);
  const coordinator = await createPerson(ctx, 'coordinator');
  const theirs = await get('/staff?lang=en', await signIn(ctx, admin, coordinator));
  expect(theirs.status).toBe(200);
  expect(theirs.text).not.toContain('href="/staff/admin');
});

test('an admin creates a caseworker, changes their departments, gives them a token, revokes it, and deactivates them', async () => {
  // My work shows admins the way here.
  expect((await get('/staff?lang=en')).text).toContain('<a href="/staff/admin?lang=en">Administration</a>');
  const list = await get('/staff/admin?lang=en');
  expect(list.status).toBe(200);
  expect(list.headers['cache-control']).toBe('no-store');
  expect(list.text).toContain(admin.name);
  expect(list.text).toContain('Create a user');

  const created = await post('/staff/admin/users', { lang: 'en', name: 'Karen Blixen', email: 'karen@kommune.example', role: 'caseworker', departments: 'jobcenter' });
  expect(created.status).toBe(303);
  const location = created.headers.location as string;
  expect(location).toMatch(/^\/staff\/admin\/users\/[0-9a-f-]{36}\?done=created&lang=en$/);
  const userId = userIdOf(location);
  const page = await get(location);
  expect(page.text).toContain('The user has been created.');
  expect(page.text).toContain('Job centre');

  const changed = await post(`/staff/admin/users/${userId}/access`, { role: 'caseworker', departments: ['jobcenter', 'social'] }, location);
  expect(changed.status).toBe(303);
  expect((await ctx.http().get(`/v1/users/${userId}`).set('authorization', admin.auth)).body.departments).toEqual(['jobcenter', 'social']);

  // The token is shown on the answer, once, and never again.
  const issued = await post(`/staff/admin/users/${userId}/tokens`, { name: 'laptop', expiresOn: '' }, location);
  expect(issued.status).toBe(201);
  expect(issued.headers['cache-control']).toBe('no-store');
  const token = /<code id="new-token">(oe_[A-Za-z0-9_-]+)<\/code>/.exec(issued.text)?.[1] as string;
  expect(token).toBeDefined();
  const me = await ctx.http().get('/v1/me').set('authorization', `Bearer ${token}`);
  expect(me.status).toBe(200);
  expect(me.body.email).toBe('karen@kommune.example');
  // The answer's address opened again goes to the user's page, which shows no token.
  const reopened = await get(`/staff/admin/users/${userId}/tokens?lang=en`);
  expect(reopened.status).toBe(303);
  expect(reopened.headers.location).toBe(`/staff/admin/users/${userId}?lang=en`);
  const again = await get(`/staff/admin/users/${userId}`);
  expect(again.text).not.toContain(token);
  expect(again.text).toContain('laptop');

  const tokenId = (await ctx.http().get(`/v1/users/${userId}/tokens`).set('authorization', admin.auth)).body[0].id as string;
  const revoked = await post(`/staff/admin/users/${userId}/tokens/${tokenId}/revoke`, {}, location);
  expect(revoked.status).toBe(303);
  expect(revoked.headers.location).toBe(`/staff/admin/users/${userId}?done=revoked`);
  expect((await ctx.http().get('/v1/me').set('authorization', `Bearer ${token}`)).status).toBe(401);

  // A sign-in link, shown once; with it Karen signs in.
  const linked = await post(`/staff/admin/users/${userId}/sign-in-links`, {}, location);
  expect(linked.status).toBe(201);
  const url = /<code id="new-sign-in-link">([^<]+)<\/code>/.exec(linked.text)?.[1] as string;
  const karen = sessionCookieOf(await followSignInLink(ctx, new URL(url).pathname));
  expect((await get('/staff', karen)).status).toBe(200);
  const second = (await ctx.http().post(`/staff/admin/users/${userId}/tokens`).set('cookie', cookie).type('form').send({ _csrf: csrfTokenIn(again.text), name: 'phone' })).text;
  const phone = /<code id="new-token">(oe_[A-Za-z0-9_-]+)<\/code>/.exec(second)?.[1] as string;

  const deactivated = await post(`/staff/admin/users/${userId}/active`, { active: 'false' }, location);
  expect(deactivated.status).toBe(303);
  expect(deactivated.headers.location).toBe(`/staff/admin/users/${userId}?done=deactivated`);
  // The user's next request is refused, in the browser and on the API.
  expect((await get('/staff', karen)).status).toBe(303);
  expect((await ctx.http().get('/v1/me').set('authorization', `Bearer ${phone}`)).status).toBe(401);
  // A deactivated user gets no sign-in link.
  const refused = await post(`/staff/admin/users/${userId}/sign-in-links`, {}, location);
  expect(refused.status).toBe(409);
  expect(refused.text).toContain('Brugeren er deaktiveret');
});

test('bad input gives the page again with the message beside the field, in the page\'s language, and changes nothing', async () => {
  const existing = await createPerson(ctx, 'coordinator');
  const email = (await ctx.db.selectFrom('users').select('email').where('id', '=', existing.id).executeTakeFirstOrThrow()).email;
  const before = await userCount();

  const duplicate = await post('/staff/admin/users', { lang: 'en', name: 'Twin', email: email.toUpperCase(), role: 'coordinator' });
  expect(duplicate.status).toBe(409);
  expect(errorBeside(duplicate.text, 'create-email')).toBe('There is already a user with this email address');
  expect(duplicate.text).toContain('value="Twin"');

  const invalid = await post('/staff/admin/users', { name: 'Ny', email: 'ikke-en-adresse', role: 'caseworker', departments: 'jobcenter' });
  expect(invalid.status).toBe(400);
  expect(errorBeside(invalid.text, 'create-email')).toBe('Skriv en gyldig e-mailadresse, fx navn@kommune.dk');
  expect(invalid.text).toMatch(/<title>Fejl:/);

  const unknown = await post('/staff/admin/users', { lang: 'en', name: 'Ny', email: 'ny@kommune.example', role: 'caseworker', departments: ['jobcenter', 'atlantis'] });
  expect(unknown.status).toBe(422);
  expect(errorBeside(unknown.text, 'create-departments')).toBe('Choose among the departments that exist');

  const none = await post('/staff/admin/users', { name: 'Ny', email: 'ny@kommune.example', role: 'caseworker' });
  expect(none.status).toBe(400);
  expect(errorBeside(none.text, 'create-departments')).toBe('En sagsbehandler skal høre til mindst én afdeling');
  expect(await userCount()).toBe(before);

  const caseworker = await createPerson(ctx, 'caseworker', ['jobcenter']);
  const path = `/staff/admin/users/${caseworker.id}`;
  const departments = await post(`${path}/access`, { role: 'caseworker', departments: 'atlantis' }, path);
  expect(departments.status).toBe(422);
  expect((await ctx.http().get(`/v1/users/${caseworker.id}`).set('authorization', admin.auth)).body.departments).toEqual(['jobcenter']);

  const past = await post(`${path}/tokens`, { lang: 'en', name: 'old', expiresOn: '2020-01-01' }, path);
  expect(past.status).toBe(422);
  expect(errorBeside(past.text, 'token-expiresOn')).toBe('The expiry date has passed; choose today or a later day');
  const garbled = await post(`${path}/tokens`, { name: 'old', expiresOn: '31/12' }, path);
  expect(garbled.status).toBe(400);
  expect(errorBeside(garbled.text, 'token-expiresOn')).toBe('Skriv datoen som år-måned-dag, fx 2027-12-31');
  const unnamed = await post(`${path}/tokens`, { name: '  ', expiresOn: '2999-12-31' }, path);
  expect(unnamed.status).toBe(400);
  expect(errorBeside(unnamed.text, 'token-name')).toBe('Skriv et navn');
  const tokens = (await ctx.http().get(`/v1/users/${caseworker.id}/tokens`).set('authorization', admin.auth)).body as unknown[];
  expect(tokens).toHaveLength(1);

  // A token with a future expiry date works until the end of that day.
  const dated = await post(`${path}/tokens`, { name: 'dated', expiresOn: '2999-12-31' }, path);
  expect(dated.status).toBe(201);
  const listed = (await ctx.http().get(`/v1/users/${caseworker.id}/tokens`).set('authorization', admin.auth)).body as { name: string; expiresAt: string }[];
  expect(listed.find((t) => t.name === 'dated')?.expiresAt).toBe('2999-12-31T23:00:00.000Z');
});

test('anyone but an admin gets the 403 page; a form without the session\'s token is refused', async () => {
  const coordinator = await createPerson(ctx, 'coordinator');
  const caseworker = await createPerson(ctx, 'caseworker', ['jobcenter']);
  for (const person of [coordinator, caseworker]) {
    const theirs = await signIn(ctx, admin, person);
    expect((await get('/staff', theirs)).text).not.toContain('href="/staff/admin"');
    const page = await get('/staff/admin?lang=en', theirs);
    expect(page.status).toBe(403);
    expect(page.text).toContain('You do not have access to this page');
    // The refusal says whom the pages are for, in the page's language, and leads back to the reader's work.
    expect(page.text).toContain('The administration pages are for administrators only.');
    expect(page.text).toContain('<a class="button button-primary" href="/staff?lang=en">To My work</a>');
    expect((await get('/staff/admin', theirs)).text).toContain('Administrationssiderne er kun for administratorer.');
    expect((await get(`/staff/admin/users/${person.id}`, theirs)).status).toBe(403);
    const token = csrfTokenIn((await get('/staff', theirs)).text);
    const attempt = await ctx.http().post(`/staff/admin/users/${person.id}/access`).set('cookie', theirs).type('form').send({ _csrf: token, role: 'admin' });
    expect(attempt.status).toBe(403);
    expect((await ctx.http().get(`/v1/users/${person.id}`).set('authorization', admin.auth)).body.role).toBe(person.role);
  }
  // Not signed in: to the sign-in page.
  expect((await ctx.http().get('/staff/admin')).status).toBe(303);

  const before = await userCount();
  const forged = await ctx.http().post('/staff/admin/users').set('cookie', cookie).type('form').send({ _csrf: 'forged', name: 'Mallory', email: 'mallory@kommune.example', role: 'admin' });
  expect(forged.status).toBe(403);
  expect(forged.text).toContain('Formularen kunne ikke sendes');
  const bare = await ctx.http().post('/staff/admin/users').set('cookie', cookie).type('form').send({ name: 'Mallory', email: 'mallory@kommune.example', role: 'admin' });
  expect(bare.status).toBe(403);
  expect(await userCount()).toBe(before);

  expect((await get('/staff/admin/users/not-a-user')).status).toBe(404);
  expect((await get('/staff/admin/users/00000000-0000-4000-8000-000000000000')).status).toBe(404);
});

test('the last active admin cannot be deactivated or demoted: the page says why, and nothing changes', async () => {
  // Leave one active admin: the one signed in.
  await ctx.db.updateTable('users').set({ active: false }).where('role', '=', 'admin').where('id', '!=', admin.id).execute();
  const path = `/staff/admin/users/${admin.id}`;
  const deactivate = await post(`${path}/active`, { lang: 'en', active: 'false' }, path);
  expect(deactivate.status).toBe(409);
  expect(deactivate.text).toContain('The user is the last active administrator.');
  const demote = await post(`${path}/access`, { role: 'coordinator' }, path);
  expect(demote.status).toBe(409);
  expect(demote.text).toContain('Brugeren er den sidste aktive administrator.');
  const me = await ctx.http().get(`/v1/users/${admin.id}`).set('authorization', admin.auth);
  expect(me.body).toMatchObject({ role: 'admin', active: true });
});

test('an admin changes a user\'s name and email; a taken or invalid email is told beside the field and nothing changes', async () => {
  const caseworker = await createPerson(ctx, 'caseworker', ['social']);
  const other = await createPerson(ctx, 'coordinator');
  const path = `/staff/admin/users/${caseworker.id}`;
  const stored = async () => ctx.db.selectFrom('users').select(['name', 'email']).where('id', '=', caseworker.id).executeTakeFirstOrThrow();
  const before = await stored();
  const page = await get(`${path}?lang=en`);
  expect(page.text).toContain('Name and email');
  expect(page.text).toContain(`id="profile-email" name="email" value="${before.email}"`);

  const taken = await post(`${path}/profile`, { lang: 'en', name: 'Renamed', email: other.email.toUpperCase() }, path);
  expect(taken.status).toBe(409);
  expect(errorBeside(taken.text, 'profile-email')).toBe('There is already a user with this email address');
  expect(taken.text).toContain('value="Renamed"');
  const invalid = await post(`${path}/profile`, { name: '', email: 'ikke-en-adresse' }, path);
  expect(invalid.status).toBe(400);
  expect(errorBeside(invalid.text, 'profile-name')).toBe('Skriv et navn');
  expect(errorBeside(invalid.text, 'profile-email')).toBe('Skriv en gyldig e-mailadresse, fx navn@kommune.dk');
  expect(await stored()).toEqual(before);

  const changed = await post(`${path}/profile`, { name: '  Sofie Berg-Hansen ', email: 'sofie.bh@kommune.example' }, path);
  expect(changed.status).toBe(303);
  expect(changed.headers.location).toBe(`${path}?done=profile`);
  expect((await get(changed.headers.location as string)).text).toContain('Navn og e-mail er gemt.');
  expect(await stored()).toEqual({ name: 'Sofie Berg-Hansen', email: 'sofie.bh@kommune.example' });
  // The role and departments stay as they were, and the user's own token still speaks for them.
  const me = await ctx.http().get('/v1/me').set('authorization', caseworker.auth);
  expect(me.body).toMatchObject({ name: 'Sofie Berg-Hansen', email: 'sofie.bh@kommune.example', role: 'caseworker', departments: ['social'] });
});

test('a user\'s tokens show when each was last used', async () => {
  const integrator = await createPerson(ctx, 'integrator');
  const path = `/staff/admin/users/${integrator.id}?lang=en`;
  expect((await get(path)).text).toMatch(/<th scope="row">test<\/th>\s*<td>[^<]+<\/td>\s*<td>Never<\/td>/);
  expect((await ctx.http().get('/v1/me').set('authorization', integrator.auth)).status).toBe(200);
  // The use is recorded after the answer, so the page shows it a moment later.
  const shown = await eventually(async () => /<th scope="row">test<\/th>\s*<td>[^<]+<\/td>\s*<td>([^<]+)<\/td>/.exec((await get(path)).text)?.[1]?.replace('Never', '') || undefined);
  expect(shown).toMatch(/\d{4}/);
});
