import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestContext } from './app.js';
import { freePort, type ServerProcess, spawnScript } from './server-process.js';

// Starting the test identity provider (identity-provider.ts) as a process of its own, and
// going through a sign-in with it as a browser would: the service sends the browser to
// the provider, the provider (with no login form) sends it back with a code.

const script = path.relative(fileURLToPath(new URL('../..', import.meta.url)), fileURLToPath(new URL('./identity-provider.ts', import.meta.url)));

export interface TestIdentityProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The service's settings for this provider. */
  env: Record<string, string>;
  /** Who signs in next. */
  /** Who signs in next; `entra`: with the email in the ID token and `xms_edov` instead of `email_verified`. */
  loginAs(account: { email: string; emailVerified?: boolean; name?: string; entra?: boolean; xmsEdov?: boolean }): Promise<void>;
  tamper(mode: 'none' | 'wrong-audience' | 'wrong-issuer' | 'expired' | 'bad-signature' | 'alg-none'): Promise<void>;
  /** Signs with a new key from now on; returns its kid. */
  rotateKeys(): Promise<string>;
  setDown(down: boolean): Promise<void>;
  /** Registers the client's redirect URIs anew. */
  setRedirectUris(uris: string[]): Promise<void>;
  stop(): Promise<void>;
}

async function control(issuer: string, path: string, body: unknown = {}): Promise<Record<string, unknown>> {
  const res = await fetch(`${issuer}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path} answered ${res.status}`);
  return (await res.json()) as Record<string, unknown>;
}

/** Starts the provider on a free loopback port, with one client for the given redirect URIs. */
export async function startIdentityProvider(redirectUris: string[]): Promise<TestIdentityProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'one-entry-staff';
  const clientSecret = `secret-${port}-for-tests`;
  const child: ServerProcess = spawnScript(script, {
    IDP_PORT: String(port),
    IDP_CLIENT_ID: clientId,
    IDP_CLIENT_SECRET: clientSecret,
    IDP_REDIRECT_URIS: redirectUris.join(','),
  });
  for (;;) {
    if (child.output().includes('identity provider ready')) break;
    if (child.child.exitCode !== null) throw new Error(`the identity provider exited:\n${child.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    issuer,
    clientId,
    clientSecret,
    env: { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret },
    async loginAs(account) {
      await control(issuer, '/test/login-as', account);
    },
    async tamper(mode) {
      await control(issuer, '/test/tamper', { mode });
    },
    async rotateKeys() {
      return String((await control(issuer, '/test/rotate-keys')).kid);
    },
    async setDown(down) {
      await control(issuer, '/test/down', { down });
    },
    async setRedirectUris(uris) {
      await control(issuer, '/test/redirect-uris', { uris });
    },
    async stop() {
      await child.stop();
    },
  };
}

/** Cookies of one browser at the provider. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const gone = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1] ?? '') < Date.now()));
      if (gone || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

/** The name=value pairs a response set, by name. */
export function cookiesOf(res: { headers: Record<string, unknown> }): Map<string, string> {
  const lines = (res.headers['set-cookie'] as string[] | undefined) ?? [];
  return new Map(lines.map((line) => (line.split(';')[0] ?? '').split('=') as [string, string]).filter(([, value]) => value !== ''));
}

/**
 * Follows the provider's redirects from the authorization URL until it sends the browser
 * back to the service; returns that address (the callback with code and state).
 */
export async function throughProvider(authorizationUrl: string, issuer: string): Promise<URL> {
  const jar = new CookieJar();
  let url = new URL(authorizationUrl);
  for (let hops = 0; hops < 10; hops++) {
    if (url.origin !== new URL(issuer).origin) return url;
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.take(res);
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) throw new Error(`the provider answered ${res.status} at ${url.pathname}: ${await res.text()}`);
    url = new URL(location, url);
  }
  throw new Error('the provider redirected too often');
}

export interface OidcSignIn {
  /** The service's answer to the callback. */
  res: Awaited<ReturnType<ReturnType<TestContext['http']>['get']>>;
  /** The callback's path and query, to replay it. */
  callbackPath: string;
  /** The sign-in attempt cookie the start set. */
  attemptCookie: string;
}

/** Signs in at the service through the provider, as one browser with the given cookies. */
export async function signInWithProvider(ctx: TestContext, idp: TestIdentityProvider, options: { cookie?: string; query?: string } = {}): Promise<OidcSignIn> {
  let start = ctx.http().get(`/staff/sign-in/oidc${options.query ?? ''}`);
  if (options.cookie) start = start.set('cookie', options.cookie);
  const started = await start;
  if (started.status !== 303) throw new Error(`starting the sign-in answered ${started.status}`);
  const attempt = [...cookiesOf(started)].find(([name]) => name.endsWith('staff-sign-in'));
  if (!attempt) throw new Error('no sign-in attempt cookie');
  const attemptCookie = `${attempt[0]}=${attempt[1]}`;
  const callback = await throughProvider(started.headers.location as string, idp.issuer);
  const callbackPath = `${callback.pathname}${callback.search}`;
  const res = await ctx
    .http()
    .get(callbackPath)
    .set('cookie', [attemptCookie, options.cookie].filter(Boolean).join('; '));
  return { res, callbackPath, attemptCookie };
}
