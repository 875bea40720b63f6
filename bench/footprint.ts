import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { median, run, type ServiceEntry, startService } from './lib.js';

// Start-up time and memory of the service with an existing embedded database (the common
// restart), as `npm start` runs it (TypeScript through tsx) and as production runs it (the
// compiled build, `node dist/server.js`), in alternating rounds. Peak memory under load is
// printed by bench:intake. Goals for the build: ready ≤ 1 s, idle RSS ≤ 120 MiB.
const ROUNDS = Number(process.argv[2]) || 3;
const IDLE_SETTLE_MS = 2_000;

if (!existsSync('dist/server.js') || process.argv.includes('--rebuild')) await run('npm', ['run', 'build']);

const dataDir = mkdtempSync(path.join(tmpdir(), 'one-entry-footprint-'));
chmodSync(dataDir, 0o755);
try {
  // The first start creates the cluster and migrates; it is not a warm start.
  const first = await startService({ DATA_DIR: dataDir });
  await first.stop();
  const figures: Record<ServiceEntry, { ready: number[]; idle: number[]; peak: number[] }> = {
    source: { ready: [], idle: [], peak: [] },
    build: { ready: [], idle: [], peak: [] },
  };
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const entry of ['source', 'build'] as const) {
      const started = Date.now();
      const service = await startService({ DATA_DIR: dataDir }, entry);
      figures[entry].ready.push(Date.now() - started);
      await new Promise((resolve) => setTimeout(resolve, IDLE_SETTLE_MS));
      figures[entry].idle.push(service.residentMemoryMiB());
      figures[entry].peak.push(service.peakMemoryMiB());
      await service.stop();
    }
  }
  for (const entry of ['source', 'build'] as const) {
    const { ready, idle, peak } = figures[entry];
    const how = entry === 'source' ? 'npm start (tsx)     ' : 'node dist/server.js ';
    console.log(
      `${how}: ready in median ${median(ready)} ms (${Math.min(...ready)}–${Math.max(...ready)} ms over ${ROUNDS} starts); idle RSS median ${median(idle).toFixed(0)} MiB; peak during start ${median(peak).toFixed(0)} MiB`,
    );
  }
  console.log(`build / source ready time: ${(median(figures.build.ready) / median(figures.source.ready)).toFixed(2)}`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
