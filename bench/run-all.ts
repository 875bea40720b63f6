import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

// `npm run bench`: every benchmark in turn, each printing its ratios against its baseline.
const here = new URL('.', import.meta.url).pathname;
const benchmarks = ['routing', 'intake', 'claim', 'growth', 'footprint', 'staff-pages'];
let failed = false;
for (const name of benchmarks) {
  const file = path.join(here, `${name}.ts`);
  if (!existsSync(file)) continue;
  console.log(`\n=== ${name} ===`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', file, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
