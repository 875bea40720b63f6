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

/** Signs the person in with a fresh link; returns the session cookie. */
export async function signIn(ctx: TestContext, admin: Person, person: Person, cookie?: string): Promise<string> {
  let request = ctx.http().get(await signInLinkPath(ctx, admin, person));
  if (cookie) request = request.set('cookie', cookie);
  const res = await request;
  if (res.status !== 303) throw new Error(`signing in failed: ${res.status}`);
  return sessionCookieOf(res);
}

/** The CSRF token of the first form on a page. */
export function csrfTokenIn(page: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
  if (!token) throw new Error('no CSRF token on the page');
  return token;
}
