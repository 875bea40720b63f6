// Runs the browser tests and the Prometheus test. Chromium and Prometheus come from the
// system (Debian's packages), never downloaded; without one the run stops at once with one
// line saying how to get it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const needed = [
  { name: 'Chromium', path: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', pkg: 'chromium', variable: 'CHROMIUM_PATH' },
  { name: 'Prometheus', path: process.env.PROMETHEUS_PATH ?? '/usr/bin/prometheus', pkg: 'prometheus', variable: 'PROMETHEUS_PATH' },
];
for (const { name, path, pkg, variable } of needed) {
  if (!existsSync(path)) {
    process.stderr.write(`${name} is missing at ${path}: install it with "apt-get update && apt-get install -y ${pkg}" (or point ${variable} at one)\n`);
    process.exit(1);
  }
}

const jest = spawnSync(
  process.execPath,
  ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', '--config', 'jest.e2e.config.js', ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
process.exit(jest.status ?? 1);
