// Runs the browser tests. Chromium comes from the system (Debian's package), never
// downloaded; without it the run stops at once with one line saying how to get it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  process.stderr.write(
    `Chromium is missing at ${chromium}: install it with "apt-get update && apt-get install -y chromium" (or point CHROMIUM_PATH at one)\n`,
  );
  process.exit(1);
}

const jest = spawnSync(
  process.execPath,
  ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', '--config', 'jest.e2e.config.js', ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
process.exit(jest.status ?? 1);
