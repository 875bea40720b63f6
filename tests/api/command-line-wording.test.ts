import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

// The command-line tools validate with the API's schemas, in a process of their own that
// never builds the app: they must word a missing field the way the API does.

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

let database: TestDatabase;
let dir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  dir = mkdtempSync(path.join(tmpdir(), 'command-line-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await database.drop();
});

async function command(script: string, ...args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await run(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'silent' },
    });
    return { code: 0, stderr };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr };
  }
}

test('creating a user without a name is refused with "--name: Required"', async () => {
  const result = await command('src/cli/cli.ts', 'create-user', '--email', 'nameless@kommune.dk', '--role', 'admin');
  expect(result.code).not.toBe(0);
  expect(result.stderr).toContain('--name: Required');
});

test('importing a routing table without a fallback department names the field as required', async () => {
  const file = path.join(dir, 'no-fallback.json');
  writeFileSync(file, JSON.stringify({ rules: [] }));
  const result = await command('src/cli/routing.ts', 'import', file);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('fallbackDepartment: Required');
});
