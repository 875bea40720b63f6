import { sql } from 'kysely';
import { startTestApp, type TestContext } from '../support/app.js';
import { createPerson, type Person, submitCase } from '../support/people.js';
import { csrfTokenIn, followSignInLink, sessionCookieOf, signIn, signInLinkPath } from '../support/staff.js';

// Staff sign in with a link and work in a session: cookie flags, one use, expiry,
// fixation, deactivation, CSRF and signing out. Opening a link shows whom it signs in;
// its button signs in.

let ctx: TestContext;
let admin: Person;

beforeAll(async () => {
  ctx = await startTestApp({ SESSION_IDLE_MINUTES: '30' });
  admin = await createPerson(ctx, 'admin');
});
afterAll(async () => ctx.close());

const work = (cookie: string, path = '/staff') => ctx.http().get(path).set('cookie', cookie);

describe('signing in with a link', () => {
  test('opening a link only asks: the page names whom it signs in, and signs nobody in', async () => {
    const jonas = await createPerson(ctx, 'caseworker', ['jobcenter'], 'Jonas Jensen');
    const path = await signInLinkPath(ctx, admin, jonas);
    for (let scan = 0; scan < 2; scan++) {
      const page = await ctx.http().get(path);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Log ind som Jonas Jensen');
      expect(page.text).toContain(`<form method="post" action="${path}">`);
      expect(((page.headers['set-cookie'] as unknown as string[]) ?? []).filter((c) => c.startsWith('staff-session='))).toEqual([]);
    }
    expect(await ctx.db.selectFrom('sign_in_links').select('used_at').where('user_id', '=', jonas.id).executeTakeFirst()).toEqual({ used_at: null });
    expect(await ctx.db.selectFrom('staff_sessions').select('user_id').where('user_id', '=', jonas.id).execute()).toEqual([]);
    expect((await followSignInLink(ctx, path)).status).toBe(303);
  });

  test('a link starts a session: 303 to /staff, an HttpOnly SameSite=Lax cookie, and the page greets the user', async () => {
    const jonas = await createPerson(ctx, 'caseworker', ['jobcenter'], 'Jonas Jensen');
    const res = await followSignInLink(ctx, await signInLinkPath(ctx, admin, jonas));
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/staff');
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('staff-session='));
    expect(cookie).toMatch(/^staff-session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/; Secure/);
    const page = await work(sessionCookieOf(res));
    expect(page.status).toBe(200);
    expect(page.text).toContain('Logget ind som Jonas Jensen');
  });

  test('the session id is kept only as its hash', async () => {
    const person = await createPerson(ctx, 'coordinator');
    const cookie = await signIn(ctx, admin, person);
    const id = cookie.split('=')[1] as string;
    const rows = await ctx.db.selectFrom('staff_sessions').selectAll().where('user_id', '=', person.id).execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(id);
  });

  test('a link works once: the second use is a clear page, not a session', async () => {
    const person = await createPerson(ctx, 'caseworker', ['social']);
    const path = await signInLinkPath(ctx, admin, person);
    const first = await ctx.http().get(path);
    expect((await followSignInLink(ctx, path)).status).toBe(303);
    const again = await ctx.http().get(path);
    expect(again.status).toBe(410);
    expect(again.headers['content-type']).toMatch(/^text\/html/);
    expect(again.text).toContain('Linket er allerede brugt');
    expect(again.headers['set-cookie']).toBeUndefined();
    // The page opened before the link was used cannot use it again either.
    const [attempt] = first.headers['set-cookie'] as unknown as string[];
    const late = await ctx.http().post(path).set('cookie', (attempt as string).split(';')[0] as string).type('form').send({ _csrf: csrfTokenIn(first.text) });
    expect(late.status).toBe(410);
    expect(late.headers['set-cookie']).toBeUndefined();
  });

  test('an expired link and an unknown one are clear pages too', async () => {
    const person = await createPerson(ctx, 'caseworker', ['social']);
    const path = await signInLinkPath(ctx, admin, person);
    await ctx.db.updateTable('sign_in_links').set({ expires_at: sql`now() - interval '1 second'` }).where('user_id', '=', person.id).execute();
    const expired = await ctx.http().get(`${path}?lang=en`);
    expect(expired.status).toBe(410);
    expect(expired.text).toContain('This link has expired');
    const unknown = await ctx.http().get(`/staff/sign-in/link/sl_${'x'.repeat(43)}`);
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('Linket virker ikke');
    expect((await ctx.http().get('/staff/sign-in/link/%27%3Cscript%3E')).status).toBe(404);
  });

  test('behind https the cookie is Secure and __Host- prefixed', async () => {
    const tls = await startTestApp({ PUBLIC_BASE_URL: 'https://intake.kommune.example' }, ctx.database);
    try {
      const person = await createPerson(tls, 'admin');
      const res = await followSignInLink(tls, await signInLinkPath(tls, person, person));
      const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('__Host-staff-session='));
      expect(cookie).toMatch(/^__Host-staff-session=[A-Za-z0-9_-]{43};/);
      expect(cookie).toMatch(/; Secure/);
      expect(cookie).toMatch(/; Path=\//);
      expect(cookie).not.toMatch(/; Domain=/);
      expect((await tls.http().get('/staff').set('cookie', sessionCookieOf(res))).status).toBe(200);
    } finally {
      await tls.close();
    }
  });

  test('signing in gives a new session id: the cookie the browser had before is not the session after, and stops working', async () => {
    const person = await createPerson(ctx, 'caseworker', ['jobcenter']);
    const before = await signIn(ctx, admin, person);
    const after = await signIn(ctx, admin, person, before);
    expect(after).not.toBe(before);
    expect((await work(after)).status).toBe(200);
    expect((await work(before)).status).toBe(303);
    // An id planted in the browser is never adopted either.
    const planted = 'staff-session=planted-by-someone-else-aaaaaaaaaaaaaaaaaaaaaaaaaaa';
    expect(await signIn(ctx, admin, person, planted)).not.toBe(planted);
  });
});

describe('a session', () => {
  test('without one, /staff leads to the sign-in page, which explains how to get a link', async () => {
    const res = await ctx.http().get('/staff?lang=en');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/staff/sign-in?lang=en');
    const page = await ctx.http().get('/staff/sign-in?lang=en');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Ask an administrator for a sign-in link');
  });

  test('ends after SESSION_IDLE_MINUTES without a request', async () => {
    const person = await createPerson(ctx, 'caseworker', ['jobcenter']);
    const cookie = await signIn(ctx, admin, person);
    await ctx.db.updateTable('staff_sessions').set({ last_seen_at: sql`now() - interval '29 minutes'` }).where('user_id', '=', person.id).execute();
    expect((await work(cookie)).status).toBe(200);
    await ctx.db.updateTable('staff_sessions').set({ last_seen_at: sql`now() - interval '31 minutes'` }).where('user_id', '=', person.id).execute();
    const res = await work(cookie);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/staff/sign-in?notice=expired');
  });

  test('ends 10 hours after sign-in however busy', async () => {
    const person = await createPerson(ctx, 'caseworker', ['jobcenter']);
    const cookie = await signIn(ctx, admin, person);
    await ctx.db.updateTable('staff_sessions').set({ created_at: sql`now() - interval '10 hours 1 second'` }).where('user_id', '=', person.id).execute();
    expect((await work(cookie)).status).toBe(303);
  });

  test('deactivating the user ends it on the next request; a changed membership shows on the next request', async () => {
    const person = await createPerson(ctx, 'caseworker', ['jobcenter', 'social']);
    const cookie = await signIn(ctx, admin, person);
    const first = await work(cookie);
    expect(first.text).toContain('/staff/departments/social/claim');
    await ctx.http().patch(`/v1/users/${person.id}`).set('authorization', admin.auth).send({ departments: ['jobcenter'] }).expect(200);
    const second = await work(cookie);
    expect(second.status).toBe(200);
    expect(second.text).not.toContain('/staff/departments/social/claim');
    await ctx.http().patch(`/v1/users/${person.id}`).set('authorization', admin.auth).send({ active: false }).expect(200);
    expect((await work(cookie)).status).toBe(303);
  });

  test('integrators are refused with a page', async () => {
    const integrator = await createPerson(ctx, 'integrator');
    const res = await work(await signIn(ctx, admin, integrator));
    expect(res.status).toBe(403);
    expect(res.text).toContain('Du har ikke adgang til siden');
  });

  test('signing out ends the session', async () => {
    const person = await createPerson(ctx, 'caseworker', ['jobcenter']);
    const cookie = await signIn(ctx, admin, person);
    const token = csrfTokenIn((await work(cookie)).text);
    const res = await ctx.http().post('/staff/sign-out').set('cookie', cookie).type('form').send({ _csrf: token, lang: 'en' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/staff/sign-in?notice=signedOut&lang=en');
    expect((res.headers['set-cookie'] as unknown as string[])[0]).toMatch(/^staff-session=;/);
    expect((await work(cookie)).status).toBe(303);
    expect(await ctx.db.selectFrom('staff_sessions').select('user_id').where('user_id', '=', person.id).execute()).toEqual([]);
  });
});

describe('forms', () => {
  test('a POST without the session\'s CSRF token, or with a wrong one, is refused with a page and changes nothing', async () => {
    const person = await createPerson(ctx, 'caseworker', ['technical']);
    const cookie = await signIn(ctx, admin, person);
    await submitCase(ctx, { topics: ['premises-permits'] });
    const other = await signIn(ctx, admin, await createPerson(ctx, 'caseworker', ['technical']));
    const othersToken = csrfTokenIn((await work(other)).text);
    for (const body of [{}, { _csrf: 'not-a-token' }, { _csrf: othersToken }]) {
      const res = await ctx.http().post('/staff/departments/technical/claim').set('cookie', cookie).type('form').send(body);
      expect([body, res.status]).toEqual([body, 403]);
      expect(res.text).toContain('Formularen kunne ikke sendes');
    }
    const signOut = await ctx.http().post('/staff/sign-out').set('cookie', cookie).type('form').send({});
    expect(signOut.status).toBe(403);
    expect((await work(cookie)).status).toBe(200);
    const taken = await ctx.db.selectFrom('assignments').select('id').where('assignee_id', '=', person.id).execute();
    expect(taken).toEqual([]);
  });

  test('a POST without a session leads to sign-in', async () => {
    const res = await ctx.http().post('/staff/departments/technical/claim').type('form').send({ _csrf: 'x' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/staff/sign-in');
  });
});
