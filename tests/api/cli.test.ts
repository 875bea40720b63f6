import { performance } from 'node:perf_hooks';
import { runCli } from '../../src/cli/commands.js';
import { startTestApp, type TestContext } from '../support/app.js';
import { untilRevocationBoundPassed } from '../support/revocation-bound.js';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(async () => ctx.close());

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, ctx.db, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const tokenIn = (text: string) => /\b(oe_[A-Za-z0-9_-]{43})\b/.exec(text)?.[1] ?? '';

test('help explains every command', async () => {
  const { code, out } = await cli('help');
  expect(code).toBe(0);
  for (const command of ['create-user', 'create-token', 'list-users', 'revoke-token']) expect(out).toContain(command);
});

test('the first admin is created on the command line, with a token that works against the API', async () => {
  const { code, out } = await cli('create-user', '--name', 'Ada Admin', '--email', 'ada@kommune.example', '--role', 'admin', '--token', 'laptop');
  expect(code).toBe(0);
  expect(out).toMatch(/Created admin Ada Admin <ada@kommune.example>/);
  const me = await ctx.http().get('/v1/me').set('authorization', `Bearer ${tokenIn(out)}`);
  expect(me.body).toMatchObject({ name: 'Ada Admin', role: 'admin', token: { name: 'laptop' } });
});

test('a caseworker in several departments, then a token for them by email, then revoked', async () => {
  const created = await cli('create-user', '--name', 'Jonas', '--email', 'jonas@kommune.example', '--role', 'caseworker', '--department', 'jobcenter', '--department', 'social');
  expect(created.code).toBe(0);
  expect(created.out).toContain('in jobcenter, social');
  expect(tokenIn(created.out)).toBe('');

  const issued = await cli('create-token', '--email', 'JONAS@kommune.example', '--name', 'phone');
  expect(issued.code).toBe(0);
  const token = tokenIn(issued.out);
  const me = await ctx.http().get('/v1/me').set('authorization', `Bearer ${token}`);
  expect(me.body).toMatchObject({ role: 'caseworker', departments: ['jobcenter', 'social'] });

  const listed = await cli('list-users', '--role', 'caseworker');
  expect(listed.out).toMatch(/caseworker\tactive\tjonas@kommune\.example\tjobcenter,social/);

  expect((await cli('revoke-token', '--id', me.body.token.id)).code).toBe(0);
  // The command line is another process: the server refuses the token within the promised bound of the commit.
  await untilRevocationBoundPassed(performance.now());
  expect((await ctx.http().get('/v1/me').set('authorization', `Bearer ${token}`)).status).toBe(401);
});

test('mistakes are explained, with the option to fix, and change nothing', async () => {
  const cases: [string[], number, RegExp][] = [
    [['create-user', '--name', 'X', '--email', 'not-an-email', '--role', 'admin'], 2, /--email: Not a valid email/],
    [['create-user', '--name', 'X', '--email', 'x@kommune.example', '--role', 'caseworker', '--department', 'harbour'], 1, /--department: Unknown department: harbour/],
    [['create-user', '--name', 'X', '--email', 'x@kommune.example', '--role', 'caseworker'], 1, /--department: A caseworker belongs to at least one department/],
    [['create-user', '--name', 'Ada', '--email', 'ada@kommune.example', '--role', 'admin'], 1, /--email: Already in use/],
    [['create-token', '--email', 'nobody@kommune.example'], 2, /No user with email/],
    [['create-token', '--email', 'ada@kommune.example', '--expires-at', '2020-01-01T00:00:00Z'], 1, /--expires-at: Must be in the future/],
    [['revoke-token', '--id', '6f1c4c1e-8d1a-4f5e-9b7a-2a1d3c4b5e6f'], 1, /No such token/],
    [['create-user', '--colour', 'blue'], 2, /Unknown option '--colour'/],
    [['frobnicate'], 2, /Unknown command: frobnicate/],
  ];
  for (const [args, code, message] of cases) {
    const result = await cli(...args);
    expect([args, result.code]).toEqual([args, code]);
    expect(result.err).toMatch(message);
  }
  const users = await ctx.db.selectFrom('users').select('email').execute();
  expect(users.map((u) => u.email).sort()).toEqual(['ada@kommune.example', 'jonas@kommune.example']);
});
