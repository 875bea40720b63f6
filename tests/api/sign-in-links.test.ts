import { createHash } from 'node:crypto';
import { runCli } from '../../src/cli/commands.js';
import { ensureFirstAdmin } from '../../src/modules/auth/bootstrap.js';
import { startTestApp, type TestContext } from '../support/app.js';
import { createPerson, type Person } from '../support/people.js';

// Sign-in links to the staff pages: made by admins, the command line and the first start;
// shown once and stored as a hash.

let ctx: TestContext;
let admin: Person;
let caseworker: Person;

beforeAll(async () => {
  ctx = await startTestApp({ PUBLIC_BASE_URL: 'https://intake.kommune.example/' });
  admin = await createPerson(ctx, 'admin');
  caseworker = await createPerson(ctx, 'caseworker', ['jobcenter']);
});
afterAll(async () => ctx.close());

const LINK = /^https:\/\/intake\.kommune\.example\/staff\/sign-in\/link\/(sl_[A-Za-z0-9_-]{43})$/;
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

function codeOf(url: string): string {
  const code = LINK.exec(url)?.[1];
  if (!code) throw new Error(`not a sign-in link: ${url}`);
  return code;
}

test('an admin gets a link on PUBLIC_BASE_URL that expires in 15 minutes, kept only as its hash', async () => {
  const before = Date.now();
  const res = await ctx.http().post(`/v1/users/${caseworker.id}/sign-in-links`).set('authorization', admin.auth);
  expect(res.status).toBe(201);
  expect(res.headers['cache-control']).toBe('no-store');
  expect(Object.keys(res.body).sort()).toEqual(['expiresAt', 'url']);
  const code = codeOf(res.body.url);
  const lifetime = Date.parse(res.body.expiresAt) - before;
  expect(lifetime).toBeGreaterThanOrEqual(15 * 60 * 1000 - 1000);
  expect(lifetime).toBeLessThanOrEqual(15 * 60 * 1000 + 60 * 1000);

  const rows = await ctx.db.selectFrom('sign_in_links').selectAll().where('user_id', '=', caseworker.id).execute();
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ code_hash: sha256(code), created_by: admin.id, used_at: null });
  expect(JSON.stringify(rows)).not.toContain(code.slice(3));
});

test('only admins make links; an unknown user is 404 and a deactivated one 409', async () => {
  const path = `/v1/users/${caseworker.id}/sign-in-links`;
  expect((await ctx.http().post(path)).status).toBe(401);
  expect((await ctx.http().post(path).set('authorization', caseworker.auth)).status).toBe(403);
  const coordinator = await createPerson(ctx, 'coordinator');
  expect((await ctx.http().post(path).set('authorization', coordinator.auth)).status).toBe(403);

  const unknown = await ctx.http().post('/v1/users/6f1c4c1e-8d1a-4f5e-9b7a-2a1d3c4b5e6f/sign-in-links').set('authorization', admin.auth);
  expect(unknown.status).toBe(404);
  const malformed = await ctx.http().post('/v1/users/nobody/sign-in-links').set('authorization', admin.auth);
  expect(malformed.status).toBe(400);
  expect(malformed.body.errors).toEqual([{ path: 'params.userId', message: 'Not a user id' }]);

  const leaver = await createPerson(ctx, 'caseworker', ['social']);
  await ctx.http().patch(`/v1/users/${leaver.id}`).set('authorization', admin.auth).send({ active: false }).expect(200);
  expect((await ctx.http().post(`/v1/users/${leaver.id}/sign-in-links`).set('authorization', admin.auth)).status).toBe(409);
});

test('the command line prints a link for a user found by email, either way of writing it', async () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) } };
  };
  const user = (await ctx.db.selectFrom('users').select('email').where('id', '=', caseworker.id).executeTakeFirstOrThrow()).email;
  for (const args of [['sign-in-link', '--email', user], ['sign-in-link', user.toUpperCase()]]) {
    const run = io();
    const code = await runCli(args, ctx.db, run.io, { keys: () => { throw new Error('not needed'); }, publicBaseUrl: 'https://intake.kommune.example' });
    expect([args, code, run.err]).toEqual([args, 0, []]);
    expect(codeOf(run.out.join('\n').split(/\s+/).find((word) => word.startsWith('https://')) ?? '')).toMatch(/^sl_/);
  }
  const missing = io();
  expect(await runCli(['sign-in-link', '--email', 'nobody@kommune.example'], ctx.db, missing.io)).toBe(2);
  expect(missing.err.join('\n')).toMatch(/No user with email nobody@kommune\.example/);
  const none = io();
  expect(await runCli(['sign-in-link'], ctx.db, none.io)).toBe(2);
  expect(none.err.join('\n')).toMatch(/--email is required/);
});

test('the first start makes a sign-in link for the first admin beside its token', async () => {
  const fresh = await startTestApp();
  try {
    const result = await ensureFirstAdmin(fresh.db, undefined, { baseUrl: 'http://localhost:3000' });
    expect(result.generatedToken).toMatch(/^oe_/);
    expect(result.signInLink?.url).toMatch(/^http:\/\/localhost:3000\/staff\/sign-in\/link\/sl_[A-Za-z0-9_-]{43}$/);
    const stored = await fresh.db.selectFrom('sign_in_links as l').innerJoin('users as u', 'u.id', 'l.user_id').select(['u.role', 'l.created_by']).execute();
    expect(stored).toEqual([{ role: 'admin', created_by: null }]);
  } finally {
    await fresh.close();
  }
});
