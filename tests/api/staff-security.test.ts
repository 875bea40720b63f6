import { sql } from 'kysely';
import { backgroundWork } from '../../src/background-tasks.js';
import { SIGN_IN_HOUSEKEEPING_TASK } from '../../src/modules/auth/sign-in-housekeeping.tasks.js';
import { hashSecret } from '../../src/modules/auth/tokens.js';
import { startTestApp, type TestContext } from '../support/app.js';
import { signInWithProvider, startIdentityProvider, type TestIdentityProvider } from '../support/identity-provider-client.js';
import { createPerson, type Person, submitCase } from '../support/people.js';
import { csrfTokenIn, followSignInLink, sessionCookieOf, signIn, signInLinkPath } from '../support/staff.js';

// The staff pages' defences: cross-site forms, session fixation, cookie flags, changes to
// a user that take effect at once, open redirects after sign-in, and the housekeeping
// that keeps spent sessions and links from piling up.

const BASE = 'https://intake.kommune.example';

let idp: TestIdentityProvider;
let ctx: TestContext;
let tls: TestContext;
let admin: Person;

beforeAll(async () => {
  idp = await startIdentityProvider([`http://localhost:3000/staff/sign-in/callback`, `${BASE}/staff/sign-in/callback`]);
  ctx = await startTestApp({ ...idp.env, PUBLIC_BASE_URL: 'http://localhost:3000' });
  tls = await startTestApp({ ...idp.env, PUBLIC_BASE_URL: BASE }, ctx.database);
  admin = await createPerson(ctx, 'admin');
});
afterAll(async () => {
  await tls?.close();
  await ctx?.close();
  await idp?.stop();
});

const emailOf = async (person: Person) => (await ctx.db.selectFrom('users').select('email').where('id', '=', person.id).executeTakeFirstOrThrow()).email;
const setCookies = (res: { headers: Record<string, unknown> }) => (res.headers['set-cookie'] as string[] | undefined) ?? [];
const linkUsed = async (person: Person) => (await ctx.db.selectFrom('sign_in_links').select('used_at').where('user_id', '=', person.id).executeTakeFirstOrThrow()).used_at !== null;

describe('a cross-site form', () => {
  test('posting a sign-in link\'s form without the page\'s cookie and token (login CSRF) is refused, and the link stays unused', async () => {
    const person = await createPerson(ctx, 'caseworker', ['jobcenter']);
    const path = await signInLinkPath(ctx, admin, person);
    // A form on another site: the browser sends no SameSite=Lax cookie with it, and the site cannot know a token.
    const bare = await ctx.http().post(path).set('origin', 'https://evil.example').type('form').send({ lang: 'da' });
    expect(bare.status).toBe(403);
    expect(bare.text).toContain('Formularen kunne ikke sendes');
    // The attacker's own page and token, with the victim's cookie: still refused.
    const attackers = await ctx.http().get(path);
    const victims = await ctx.http().get(path);
    const victimCookie = (setCookies(victims)[0] as string).split(';')[0] as string;
    const mixed = await ctx.http().post(path).set('cookie', victimCookie).type('form').send({ _csrf: csrfTokenIn(attackers.text) });
    expect(mixed.status).toBe(403);
    expect(setCookies(mixed).filter((c) => c.startsWith('staff-session='))).toEqual([]);
    expect(await linkUsed(person)).toBe(false);
    expect((await followSignInLink(ctx, path)).status).toBe(303);
  });

  test('a signed-in caseworker\'s form posted from another site without the session\'s token changes nothing', async () => {
    const person = await createPerson(ctx, 'caseworker', ['technical']);
    const cookie = await signIn(ctx, admin, person);
    await submitCase(ctx, { topics: ['premises-permits'] });
    const res = await ctx.http().post('/staff/departments/technical/claim').set('cookie', cookie).set('origin', 'https://evil.example').type('form').send({ lang: 'da' });
    expect(res.status).toBe(403);
    expect(await ctx.db.selectFrom('assignments').select('id').where('assignee_id', '=', person.id).execute()).toEqual([]);
  });
});

describe('session fixation', () => {
  test('a session id planted in the browser is not kept across a sign-in with a link, and the planted session ends', async () => {
    const attacker = await createPerson(ctx, 'caseworker', ['jobcenter']);
    const victim = await createPerson(ctx, 'caseworker', ['social']);
    for (const planted of [await signIn(ctx, admin, attacker), 'staff-session=chosen-by-the-attacker-aaaaaaaaaaaaaaaaaaaaaaaaaaa']) {
      const after = sessionCookieOf(await followSignInLink(ctx, await signInLinkPath(ctx, admin, victim), planted));
      expect(after).not.toBe(planted);
      expect((await ctx.http().get('/staff').set('cookie', planted)).status).toBe(303);
      const page = await ctx.http().get('/staff').set('cookie', after);
      expect(page.status).toBe(200);
    }
  });

  test('nor across a sign-in with the identity provider', async () => {
    const victim = await createPerson(ctx, 'caseworker', ['social']);
    const planted = await signIn(ctx, admin, await createPerson(ctx, 'caseworker', ['jobcenter']));
    await idp.loginAs({ email: await emailOf(victim) });
    const { res } = await signInWithProvider(ctx, idp, { cookie: planted });
    expect(res.status).toBe(303);
    expect(sessionCookieOf(res)).not.toBe(planted);
    expect((await ctx.http().get('/staff').set('cookie', planted)).status).toBe(303);
  });
});

describe('cookie flags', () => {
  const flags = (cookie: string | undefined) => ({
    httpOnly: /; HttpOnly/i.test(cookie ?? ''),
    sameSite: /; SameSite=([^;]+)/i.exec(cookie ?? '')?.[1],
    secure: /; Secure/i.test(cookie ?? ''),
    path: /; Path=([^;]+)/i.exec(cookie ?? '')?.[1],
    domain: /; Domain=/i.test(cookie ?? ''),
  });

  test('over http: HttpOnly and SameSite=Lax, for the session and for the sign-in under way', async () => {
    const person = await createPerson(ctx, 'caseworker', ['jobcenter']);
    const path = await signInLinkPath(ctx, admin, person);
    const attempt = setCookies(await ctx.http().get(path)).find((c) => c.startsWith('staff-sign-in='));
    const session = setCookies(await followSignInLink(ctx, path)).find((c) => c.startsWith('staff-session='));
    for (const cookie of [attempt, session]) expect(flags(cookie)).toEqual({ httpOnly: true, sameSite: 'Lax', secure: false, path: '/', domain: false });
  });

  test('behind https: also Secure, and __Host- prefixed (Path=/, no Domain)', async () => {
    const person = await createPerson(tls, 'caseworker', ['jobcenter']);
    const path = await signInLinkPath(tls, admin, person);
    const attempt = setCookies(await tls.http().get(path)).find((c) => c.startsWith('__Host-staff-sign-in='));
    const session = setCookies(await followSignInLink(tls, path)).find((c) => c.startsWith('__Host-staff-session='));
    await idp.loginAs({ email: await emailOf(person) });
    const oidc = (await signInWithProvider(tls, idp)).res;
    const oidcSession = setCookies(oidc).find((c) => c.startsWith('__Host-staff-session='));
    for (const cookie of [attempt, session, oidcSession]) expect(flags(cookie)).toEqual({ httpOnly: true, sameSite: 'Lax', secure: true, path: '/', domain: false });
  });
});

describe('changes to a user take effect on the next request', () => {
  test('a removed membership: the department\'s queue is gone from the page and its claim is refused', async () => {
    const person = await createPerson(ctx, 'caseworker', ['jobcenter', 'technical']);
    const cookie = await signIn(ctx, admin, person);
    const before = await ctx.http().get('/staff').set('cookie', cookie);
    expect(before.text).toContain('/staff/departments/technical/claim');
    await ctx.http().patch(`/v1/users/${person.id}`).set('authorization', admin.auth).send({ departments: ['jobcenter'] }).expect(200);
    const after = await ctx.http().get('/staff').set('cookie', cookie);
    expect(after.text).not.toContain('/staff/departments/technical/claim');
    const claim = await ctx.http().post('/staff/departments/technical/claim').set('cookie', cookie).type('form').send({ _csrf: csrfTokenIn(after.text) });
    expect(claim.status).toBe(403);
  });

  test('a deactivated user is signed out everywhere at once', async () => {
    const person = await createPerson(ctx, 'caseworker', ['jobcenter']);
    const [one, two] = [await signIn(ctx, admin, person), await signIn(ctx, admin, person)];
    await ctx.http().patch(`/v1/users/${person.id}`).set('authorization', admin.auth).send({ active: false }).expect(200);
    for (const cookie of [one, two] as string[]) {
      const res = await ctx.http().get('/staff').set('cookie', cookie);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/staff/sign-in?notice=expired');
    }
  });
});

describe('open redirects after sign-in', () => {
  const hostile = [
    '//evil.example',
    '//evil.example/staff',
    'https://evil.example/staff',
    '/\\evil.example',
    '/%2F%2Fevil.example',
    '%2F%2Fevil.example',
    '/%5Cevil.example',
    '/staff/../evil',
    '/staff/..%2F..%2Fevil',
    'https:%2F%2Fevil.example',
    '/\t/evil.example',
    'javascript:alert(1)',
  ];

  test.each(hostile)('a sign-in link refuses next=%s and goes to /staff', async (next) => {
    const person = await createPerson(ctx, 'caseworker', ['jobcenter']);
    const path = await signInLinkPath(ctx, admin, person);
    const page = await ctx.http().get(`${path}?next=${encodeURIComponent(next)}`);
    expect(page.text).not.toContain('name="next"');
    // Posted directly, as a hand-made form would.
    const attempt = (setCookies(page)[0] as string).split(';')[0] as string;
    const res = await ctx.http().post(path).set('cookie', attempt).type('form').send({ _csrf: csrfTokenIn(page.text), next });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/staff');
  });

  test.each(hostile)('the identity provider\'s sign-in refuses next=%s and goes to /staff', async (next) => {
    const person = await createPerson(ctx, 'caseworker', ['jobcenter']);
    await idp.loginAs({ email: await emailOf(person) });
    const { res } = await signInWithProvider(ctx, idp, { query: `?next=${encodeURIComponent(next)}` });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/staff');
  });

  test('a staff page is where a sign-in goes on to, by link or by the identity provider', async () => {
    const person = await createPerson(ctx, 'caseworker', ['jobcenter']);
    const next = '/staff/cases?department=jobcenter';
    const byLink = await followSignInLink(ctx, `${await signInLinkPath(ctx, admin, person)}?next=${encodeURIComponent(next)}`);
    expect(byLink.headers.location).toBe(next);
    await idp.loginAs({ email: await emailOf(person) });
    const byProvider = (await signInWithProvider(ctx, idp, { query: `?next=${encodeURIComponent(next)}` })).res;
    expect(byProvider.headers.location).toBe(next);
  });
});

describe('housekeeping', () => {
  test('a session\'s last request is written at most once a minute, not on every request', async () => {
    const person = await createPerson(ctx, 'caseworker', ['jobcenter']);
    const cookie = await signIn(ctx, admin, person);
    const lastSeen = async () => (await ctx.db.selectFrom('staff_sessions').select(sql<string>`last_seen_at::text`.as('at')).where('user_id', '=', person.id).executeTakeFirstOrThrow()).at;
    await ctx.db.updateTable('staff_sessions').set({ last_seen_at: sql`now() - interval '30 seconds'` }).where('user_id', '=', person.id).execute();
    const recent = await lastSeen();
    expect((await ctx.http().get('/staff').set('cookie', cookie)).status).toBe(200);
    expect(await lastSeen()).toBe(recent);
    await ctx.db.updateTable('staff_sessions').set({ last_seen_at: sql`now() - interval '2 minutes'` }).where('user_id', '=', person.id).execute();
    const old = await lastSeen();
    expect((await ctx.http().get('/staff').set('cookie', cookie)).status).toBe(200);
    expect(await lastSeen()).not.toBe(old);
  });

  test('the hourly job removes ended sessions, and sign-in links and attempts spent more than a day ago; live ones stay', async () => {
    const fresh = await startTestApp({ SESSION_IDLE_MINUTES: '30' });
    try {
      const boss = await createPerson(fresh, 'admin');
      const [live, idle, old, leaver] = await Promise.all(['live', 'idle', 'old', 'leaver'].map((name) => createPerson(fresh, 'caseworker', ['jobcenter'], name)));
      for (const person of [live, idle, old, leaver] as Person[]) await signIn(fresh, boss, person);
      await fresh.db.updateTable('staff_sessions').set({ last_seen_at: sql`now() - interval '31 minutes'` }).where('user_id', '=', (idle as Person).id).execute();
      await fresh.db.updateTable('staff_sessions').set({ created_at: sql`now() - interval '11 hours'` }).where('user_id', '=', (old as Person).id).execute();
      await fresh.db.updateTable('users').set({ active: false }).where('id', '=', (leaver as Person).id).execute();
      // The links used above are recent; one used and one expired long ago go; an open one stays.
      await signInLinkPath(fresh, boss, live as Person);
      const insert = (usedAt: string | null, expiresAt: string) =>
        fresh.db.insertInto('sign_in_links').values({ user_id: (live as Person).id, code_hash: hashSecret(`sl_${Math.random()}`), expires_at: sql`now() + ${sql.raw(`interval '${expiresAt}'`)}`, used_at: usedAt === null ? null : sql`now() - ${sql.raw(`interval '${usedAt}'`)}` }).execute();
      await insert('25 hours', '-25 hours');
      await insert(null, '-25 hours');
      await fresh.db.insertInto('staff_sign_in_attempts').values({ id_hash: hashSecret('old-attempt'), csrf_secret: 'x', created_at: sql`now() - interval '25 hours'` }).execute();
      await fresh.http().get(await signInLinkPath(fresh, boss, live as Person)); // a fresh attempt

      const work = backgroundWork(fresh.db, fresh.app.config, fresh.app.log);
      expect(work.cron.map((item) => item.task)).toContain(SIGN_IN_HOUSEKEEPING_TASK);
      const task = work.tasks[SIGN_IN_HOUSEKEEPING_TASK];
      await task?.({}, {} as never);

      const sessions = await fresh.db.selectFrom('staff_sessions as s').innerJoin('users as u', 'u.id', 's.user_id').select('u.name').execute();
      expect(sessions.map((s) => s.name).sort()).toEqual(['live']);
      const links = await fresh.db.selectFrom('sign_in_links').select(['used_at', sql<boolean>`expires_at > now()`.as('open')]).execute();
      expect(links.length).toBe(6);
      expect(links.filter((l) => l.open && l.used_at === null)).toHaveLength(2);
      // Attempts are used up by signing in; of the two left, the old one went.
      expect(await fresh.db.selectFrom('staff_sign_in_attempts').select('id_hash').execute()).toEqual([{ id_hash: expect.any(Buffer) }]);
      expect(await fresh.db.selectFrom('staff_sign_in_attempts').select('id_hash').where('id_hash', '=', hashSecret('old-attempt')).execute()).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});
