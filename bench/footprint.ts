import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { median, startService } from './lib.js';

// Start-up time of `npm start` with an existing embedded database (the common restart), and
// the resident memory of an idle service. Peak memory under load is printed by bench:intake.
const ROUNDS = Number(process.argv[2]) || 3;
const dataDir = mkdtempSync(path.join(tmpdir(), 'one-entry-footprint-'));
chmodSync(dataDir, 0o755);
try {
  const first = await startService({ DATA_DIR: dataDir });
  await first.stop();
  const times: number[] = [];
  const memory: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const started = Date.now();
    const service = await startService({ DATA_DIR: dataDir });
    times.push(Date.now() - started);
    memory.push(service.peakMemoryMiB());
    await service.stop();
  }
  console.log(`Start to ready /readyz with an existing embedded database: median ${median(times)} ms (${Math.min(...times)}–${Math.max(...times)} ms over ${ROUNDS} starts)`);
  console.log(`Resident memory of the service process after start-up: median ${median(memory).toFixed(0)} MiB`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
