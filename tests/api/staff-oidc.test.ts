import { oidcSettingsOf } from '../../src/config.js';
import { IdentityProvider, IdentityProviderUnavailableError, newAuthorizationChecks } from '../../src/modules/auth/oidc.js';
import { startLoggedTestApp, startTestApp, type TestContext } from '../support/app.js';
import { cookiesOf, signInWithProvider, startIdentityProvider, type TestIdentityProvider, throughProvider } from '../support/identity-provider-client.js';
import { createPerson, type Person } from '../support/people.js';
import { sessionCookieOf } from '../support/staff.js';

// Staff sign in with the municipality's identity provider: a real OpenID Connect
// provider (oidc-provider) in a process of its own on loopback, with its own keys.

const BASE = 'https://intake.kommune.example';

let idp: TestIdentityProvider;
let ctx: TestContext & { lines: string[] };
let admin: Person;

beforeAll(async () => {
  idp = await startIdentityProvider([`${BASE}/staff/sign-in/callback`]);
  ctx = await startLoggedTestApp('info', { ...idp.env, PUBLIC_BASE_URL: BASE });
  admin = await createPerson(ctx, 'admin');
});
afterAll(async () => {
  await ctx?.close();
  await idp?.stop();
});
afterEach(async () => idp.tamper('none'));

async function emailOf(person: Person): Promise<string> {
  return (await ctx.db.selectFrom('users').select('email').where('id', '=', person.id).executeTakeFirstOrThrow()).email;
}

const work = (cookie: string) => ctx.http().get('/staff').set('cookie', cookie);

describe('signing in with the identity provider', () => {
  test('the sign-in page offers the provider; the provider\'s answer starts a session for the user with that verified email', async () => {
    const page = await ctx.http().get('/staff/sign-in');
    expect(page.status).toBe(200);
    expect(page.text).toContain('href="/staff/sign-in/oidc"');
    expect(page.text).toContain('Log ind med kommunens login');

    const jonas = await createPerson(ctx, 'caseworker', ['jobcenter'], 'Jonas Jensen');
    await idp.loginAs({ email: (await emailOf(jonas)).toUpperCase() });
    const { res, callbackPath } = await signInWithProvider(ctx, idp);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/staff');
    // The code and state stay out of the request log.
    const code = new URL(callbackPath, BASE).searchParams.get('code') as string;
    expect(ctx.lines.join('\n')).toContain('/staff/sign-in/callback?code=[REDACTED]');
    expect(ctx.lines.join('\n')).not.toContain(code);
    const cookie = sessionCookieOf(res);
    expect(cookie).toMatch(/^__Host-staff-session=/);
    const home = await work(cookie);
    expect(home.status).toBe(200);
    expect(home.text).toContain('Logget ind som Jonas Jensen');
  });

  test('the browser goes to the provider with PKCE (S256), state and nonce, for openid email profile, back to PUBLIC_BASE_URL', async () => {
    const started = await ctx.http().get('/staff/sign-in/oidc?lang=en');
    expect(started.status).toBe(303);
    const url = new URL(started.headers.location as string);
    expect(url.origin).toBe(idp.issuer);
    const q = url.searchParams;
    expect(q.get('client_id')).toBe(idp.clientId);
    expect(q.get('response_type')).toBe('code');
    expect(q.get('redirect_uri')).toBe(`${BASE}/staff/sign-in/callback`);
    expect(q.get('scope')).toBe('openid email profile');
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('state')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(q.get('nonce')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const [attempt] = started.headers['set-cookie'] as unknown as string[];
    expect(attempt).toMatch(/^__Host-staff-sign-in=[A-Za-z0-9_-]{43};/);
    expect(attempt).toMatch(/; HttpOnly/);
    expect(attempt).toMatch(/; SameSite=Lax/);
    expect(attempt).toMatch(/; Secure/);
    // What the callback must match is kept server-side, never in the clear in the cookie.
    expect(attempt).not.toContain(q.get('state') as string);
  });

  test('a sign-in begun in English ends in English, at the staff page asked for before', async () => {
    const person = await createPerson(ctx, 'caseworker', ['social']);
    await idp.loginAs({ email: await emailOf(person) });
    const { res } = await signInWithProvider(ctx, idp, { query: '?lang=en&next=%2Fstaff%2Fcases%3Flang%3Den' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/staff/cases?lang=en');
  });
});

test('a provider that sends the email in the ID token with xms_edov instead of email_verified (Entra ID) is understood', async () => {
  const person = await createPerson(ctx, 'caseworker', ['jobcenter'], 'Ida Berg');
  await idp.loginAs({ email: await emailOf(person), entra: true, xmsEdov: true });
  const { res } = await signInWithProvider(ctx, idp);
  expect(res.status).toBe(303);
  expect((await work(sessionCookieOf(res))).text).toContain('Logget ind som Ida Berg');
  await idp.loginAs({ email: await emailOf(person), entra: true, xmsEdov: false });
  const unverified = (await signInWithProvider(ctx, idp)).res;
  expect(unverified.status).toBe(403);
  expect(unverified.text).toContain('Din e-mailadresse er ikke bekræftet');
});

describe('the provider\'s answer is refused', () => {
  const refusedWith = async (status: number, text: string, account?: Person) => {
    const person = account ?? (await createPerson(ctx, 'caseworker', ['jobcenter']));
    if (!account) await idp.loginAs({ email: await emailOf(person) });
    const { res } = await signInWithProvider(ctx, idp);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain(text);
    expect([...cookiesOf(res).keys()].filter((name) => name.includes('staff-session'))).toEqual([]);
    expect(await ctx.db.selectFrom('staff_sessions').select('user_id').where('user_id', '=', person.id).execute()).toEqual([]);
  };

  test.each([
    ['wrong-audience', /"aud"/],
    ['wrong-issuer', /"iss"/],
    ['expired', /"exp"/],
    ['bad-signature', /signature verification failed/],
    ['alg-none', /"alg"/],
  ] as const)('an ID token with %s is refused with a page (502), and nobody is signed in', async (mode, why) => {
    await idp.tamper(mode);
    ctx.lines.splice(0);
    await refusedWith(502, 'Login kunne ikke bekræftes');
    const rejected = ctx.lines.map((line) => JSON.parse(line) as { msg: string; err?: { message: string } }).find((line) => line.msg === 'identity provider answer rejected');
    expect(rejected?.err?.message).toMatch(why);
  });

  test('an answer used twice (a replayed state) is refused the second time', async () => {
    const person = await createPerson(ctx, 'caseworker', ['jobcenter']);
    await idp.loginAs({ email: await emailOf(person) });
    const first = await signInWithProvider(ctx, idp);
    expect(first.res.status).toBe(303);
    const again = await ctx.http().get(first.callbackPath).set('cookie', first.attemptCookie);
    expect(again.status).toBe(400);
    expect(again.text).toContain('Login kunne ikke gennemføres');
    expect([...cookiesOf(again).keys()].filter((name) => name.includes('staff-session'))).toEqual([]);
  });

  test('an answer brought to another browser, or without state, is refused', async () => {
    const person = await createPerson(ctx, 'caseworker', ['jobcenter']);
    await idp.loginAs({ email: await emailOf(person) });
    const started = await ctx.http().get('/staff/sign-in/oidc');
    const callback = await throughProvider(started.headers.location as string, idp.issuer);
    // The attacker's own answer in the victim's browser (login CSRF): no attempt cookie.
    const otherBrowser = await ctx.http().get(`${callback.pathname}${callback.search}`);
    expect(otherBrowser.status).toBe(400);
    const otherAttempt = cookiesOf(await ctx.http().get('/staff/sign-in/oidc'));
    const [name, value] = [...otherAttempt][0] as [string, string];
    const wrongState = await ctx.http().get(`${callback.pathname}${callback.search}`).set('cookie', `${name}=${value}`);
    expect(wrongState.status).toBe(400);
    const noState = await ctx.http().get('/staff/sign-in/callback?code=abc');
    expect(noState.status).toBe(400);
    expect(noState.text).toContain('Login kunne ikke gennemføres');
  });

  test('the provider\'s own refusal (the user cancelled) is a clear page (400), in the language the sign-in began in', async () => {
    const started = await ctx.http().get('/staff/sign-in/oidc?lang=en');
    const state = new URL(started.headers.location as string).searchParams.get('state') as string;
    const [name, value] = [...cookiesOf(started)][0] as [string, string];
    const res = await ctx.http().get(`/staff/sign-in/callback?error=access_denied&state=${state}`).set('cookie', `${name}=${value}`);
    expect(res.status).toBe(400);
    expect(res.text).toContain('The sign-in could not be completed');
    expect(res.text).toContain('href="/staff/sign-in?lang=en"');
  });

  test('an email nobody has here is a clear page (403); no user is created', async () => {
    await idp.loginAs({ email: 'stranger@elsewhere.example' });
    const { res } = await signInWithProvider(ctx, idp);
    expect(res.status).toBe(403);
    expect(res.text).toContain('Du har ikke adgang endnu');
    expect(await ctx.db.selectFrom('users').select('id').where('email', '=', 'stranger@elsewhere.example').execute()).toEqual([]);
  });

  test('an email the provider has not verified is not trusted', async () => {
    const person = await createPerson(ctx, 'caseworker', ['jobcenter']);
    await idp.loginAs({ email: await emailOf(person), emailVerified: false });
    await refusedWith(403, 'Din e-mailadresse er ikke bekræftet', person);
  });

  test('an inactive user is a clear page (403)', async () => {
    const person = await createPerson(ctx, 'caseworker', ['jobcenter']);
    await ctx.http().patch(`/v1/users/${person.id}`).set('authorization', admin.auth).send({ active: false }).expect(200);
    await idp.loginAs({ email: await emailOf(person) });
    await refusedWith(403, 'Din konto er ikke aktiv', person);
  });
});

test('after the provider rotates its signing key, its tokens are still accepted (the keys are read again)', async () => {
  const person = await createPerson(ctx, 'caseworker', ['jobcenter']);
  await idp.loginAs({ email: await emailOf(person) });
  expect((await signInWithProvider(ctx, idp)).res.status).toBe(303);
  await idp.rotateKeys();
  await idp.loginAs({ email: await emailOf(person) });
  const { res } = await signInWithProvider(ctx, idp);
  expect(res.status).toBe(303);
  expect((await work(sessionCookieOf(res))).status).toBe(200);
});

describe('a provider that is away', () => {
  test('the sign-in page still shows; its button leads to a clear page (503); once discovered, a short outage does not stop sign-ins from starting', async () => {
    const away = await startTestApp({ ...idp.env, OIDC_ISSUER: 'http://127.0.0.1:9/nobody-here' }, ctx.database);
    try {
      expect((await away.http().get('/staff/sign-in')).status).toBe(200);
      const res = await away.http().get('/staff/sign-in/oidc?lang=en');
      expect(res.status).toBe(503);
      expect(res.text).toContain('The municipality&#39;s login is not answering');
      expect(res.headers['set-cookie']).toBeUndefined();
    } finally {
      await away.close();
    }
    // The app under test discovered the provider in the tests above.
    await idp.setDown(true);
    try {
      const started = await ctx.http().get('/staff/sign-in/oidc');
      expect(started.status).toBe(303);
      expect(started.headers.location).toMatch(new RegExp(`^${idp.issuer}/`));
    } finally {
      await idp.setDown(false);
    }
  });

  test('the discovery document is kept once read: a provider away, even past the hour after which it is read again, does not stop sign-ins from starting', async () => {
    const settings = oidcSettingsOf(ctx.app.config);
    if (!settings) throw new Error('the app under test has no identity provider');
    let now = Date.now();
    const provider = new IdentityProvider(settings, () => now);
    try {
      await idp.setDown(true);
      await expect(provider.authorizationUrl(newAuthorizationChecks())).rejects.toBeInstanceOf(IdentityProviderUnavailableError);
      await idp.setDown(false);
      expect((await provider.authorizationUrl(newAuthorizationChecks())).origin).toBe(idp.issuer);
      await idp.setDown(true);
      expect((await provider.authorizationUrl(newAuthorizationChecks())).origin).toBe(idp.issuer);
      now += 2 * 60 * 60 * 1000;
      expect((await provider.authorizationUrl(newAuthorizationChecks())).origin).toBe(idp.issuer);
    } finally {
      await idp.setDown(false);
    }
  });

  test('a provider down when its answer is redeemed: a clear page (503)', async () => {
    const person = await createPerson(ctx, 'caseworker', ['jobcenter']);
    await idp.loginAs({ email: await emailOf(person) });
    const started = await ctx.http().get('/staff/sign-in/oidc');
    const [name, value] = [...cookiesOf(started)][0] as [string, string];
    const callback = await throughProvider(started.headers.location as string, idp.issuer);
    await idp.setDown(true);
    try {
      const res = await ctx.http().get(`${callback.pathname}${callback.search}`).set('cookie', `${name}=${value}`);
      expect(res.status).toBe(503);
      expect(res.text).toContain('Kommunens login svarer ikke lige nu');
    } finally {
      await idp.setDown(false);
    }
  });
});

test('without an identity provider the sign-in page explains sign-in links, and the provider\'s routes are not there', async () => {
  const plain = await startTestApp({}, ctx.database);
  try {
    const page = await plain.http().get('/staff/sign-in');
    expect(page.text).not.toContain('/staff/sign-in/oidc');
    expect(page.text).toContain('login-link');
    expect((await plain.http().get('/staff/sign-in/oidc')).status).toBe(404);
    expect((await plain.http().get('/staff/sign-in/callback?code=x&state=y')).status).toBe(400);
  } finally {
    await plain.close();
  }
});
