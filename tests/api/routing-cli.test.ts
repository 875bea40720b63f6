import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startTestApp, type TestContext } from '../support/app.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

let ctx: TestContext;
let dir: string;

beforeAll(async () => {
  ctx = await startTestApp();
  dir = mkdtempSync(path.join(tmpdir(), 'routing-cli-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await ctx.close();
});

/** Runs `npm run routing -- …` the way an operator would, against this test's database. */
async function routingCommand(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/routing.ts', ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: ctx.database.url, LOG_LEVEL: 'silent' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

test('a table exported to a file and imported again becomes a new draft with the same rules', async () => {
  const file = path.join(dir, 'routing.json');
  const exported = await routingCommand('export', file);
  expect(exported).toMatchObject({ code: 0, stdout: `Wrote version 1 (8 rules) to ${file}\n` });
  const content = JSON.parse(readFileSync(file, 'utf8'));
  expect(content).toMatchObject({ format: 'one-entry/routing-table', version: 1, fallbackDepartment: 'business-service' });

  content.rules[0].name = 'Edited in version control';
  writeFileSync(file, JSON.stringify(content));
  const imported = await routingCommand('import', file);
  expect(imported.code).toBe(0);
  const version = Number(/Created draft version (\d+)/.exec(imported.stdout)?.[1]);
  const row = await ctx.db.selectFrom('routing_tables').select(['status', 'rules', 'note']).where('version', '=', version).executeTakeFirstOrThrow();
  expect(row.status).toBe('draft');
  expect(row.note).toBe('Seeded starting table');
  expect((row.rules as { name: string }[])[0]?.name).toBe('Edited in version control');
  const history = await ctx.db.selectFrom('routing_table_events').select(['action', 'data']).where('version', '=', version).execute();
  expect(history).toEqual([{ action: 'imported', data: { file: 'routing.json' } }]);

  const again = await routingCommand('export', path.join(dir, 'draft.json'), '--version', String(version));
  expect(again.code).toBe(0);
});

test('an invalid file is refused with the path of each problem and creates nothing', async () => {
  const file = path.join(dir, 'bad.json');
  writeFileSync(
    file,
    JSON.stringify({ fallbackDepartment: 'business-service', rules: [{ id: 'a', name: 'a', when: { postcodes: [{ from: '7000', to: '6000' }] }, then: { department: 'mars', role: 'lead' } }] }),
  );
  const before = await ctx.db.selectFrom('routing_tables').select('version').execute();
  const result = await routingCommand('import', file);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('rules.0.then.department: Unknown department: mars');
  expect(result.stderr).toContain('rules.0.when.postcodes.0.from: from (7000) is after to (6000)');
  expect(await ctx.db.selectFrom('routing_tables').select('version').execute()).toHaveLength(before.length);
});

test('without a command it prints how to use it', async () => {
  const result = await routingCommand();
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('npm run routing -- export FILE');
});
