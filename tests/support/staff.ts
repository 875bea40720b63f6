import type { TestContext } from './app.js';
import type { Person } from './people.js';

/** A sign-in link for the person, made by the admin over the API; returns the path to open. */
export async function signInLinkPath(ctx: TestContext, admin: Person, person: Person): Promise<string> {
  const res = await ctx.http().post(`/v1/users/${person.id}/sign-in-links`).set('authorization', admin.auth);
  if (res.status !== 201) throw new Error(`making a sign-in link failed: ${res.status} ${JSON.stringify(res.body)}`);
  return new URL(res.body.url as string).pathname;
}

/** The name=value of the session cookie a response set, for the next request's Cookie header. */
export function sessionCookieOf(res: { headers: Record<string, unknown> }): string {
  const cookies = (res.headers['set-cookie'] as string[] | undefined) ?? [];
  const session = cookies.find((c) => /^(__Host-)?staff-session=[^;]+/.test(c));
  if (!session) throw new Error(`no session cookie in ${JSON.stringify(cookies)}`);
  return session.split(';')[0] as string;
}

/**
 * Opens a sign-in link and presses its button, as a browser with the given cookies
 * (`cookie`, a Cookie header) would: the link's page, then its form. Returns the form's answer.
 */
export async function followSignInLink(ctx: TestContext, path: string, cookie?: string) {
  let open = ctx.http().get(path);
  if (cookie) open = open.set('cookie', cookie);
  const page = await open;
  if (page.status !== 200) throw new Error(`opening the sign-in link answered ${page.status}`);
  const attempt = ((page.headers['set-cookie'] as string[] | undefined) ?? []).find((c) => /^(__Host-)?staff-sign-in=[^;]+/.test(c));
  if (!attempt) throw new Error('the sign-in link page set no sign-in cookie');
  const cookies = [attempt.split(';')[0], cookie].filter(Boolean).join('; ');
  const pathname = path.split('?')[0] as string;
  const next = /name="next" value="([^"]+)"/.exec(page.text)?.[1];
  return ctx
    .http()
    .post(pathname)
    .set('cookie', cookies)
    .type('form')
    .send({ _csrf: csrfTokenIn(page.text), lang: /name="lang" value="en"/.test(page.text) ? 'en' : 'da', ...(next ? { next: next.replace(/&amp;/g, '&') } : {}) });
}

/** Signs the person in with a fresh link; returns the session cookie. */
export async function signIn(ctx: TestContext, admin: Person, person: Person, cookie?: string): Promise<string> {
  const res = await followSignInLink(ctx, await signInLinkPath(ctx, admin, person), cookie);
  if (res.status !== 303) throw new Error(`signing in failed: ${res.status}`);
  return sessionCookieOf(res);
}

/** The CSRF token of the first form on a page. */
export function csrfTokenIn(page: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
  if (!token) throw new Error('no CSRF token on the page');
  return token;
}

/** The message a page shows beside the field with this id (its error element), without the screen-reader prefix. */
export function errorBeside(page: string, field: string): string | undefined {
  return new RegExp(`id="${field}-error"><span class="sr-only">[^<]*</span>([^<]+)<`).exec(page)?.[1];
}
