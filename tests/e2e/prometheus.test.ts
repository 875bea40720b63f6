import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/db/embedded.js';
import { validInquiry } from '../support/fixtures.js';
import { type RunningService, startService } from './support/service.js';

// A real Prometheus (Debian's package) scrapes the service as an operator would set it up,
// and promtool checks what the service exposes. Needs `apt-get install prometheus`.

const METRICS_TOKEN = 'metrics-token-for-the-browser-tests-0123456789';
const PROMETHEUS = process.env.PROMETHEUS_PATH ?? '/usr/bin/prometheus';
const PROMTOOL = process.env.PROMTOOL_PATH ?? '/usr/bin/promtool';
const DEADLINE_MS = 60_000;

let service: RunningService;
let prometheus: ChildProcess | undefined;
let prometheusUrl: string;
let workDir: string;
let prometheusOutput = '';

beforeAll(async () => {
  service = await startService({ METRICS_TOKEN });
  workDir = mkdtempSync(path.join(tmpdir(), 'one-entry-prometheus-'));
  const port = await freePort();
  prometheusUrl = `http://127.0.0.1:${port}`;
  const target = new URL(service.baseUrl).host;
  writeFileSync(
    path.join(workDir, 'prometheus.yml'),
    `global:
  scrape_interval: 1s
  scrape_timeout: 1s
scrape_configs:
  - job_name: one-entry
    metrics_path: /metrics
    authorization:
      credentials: ${METRICS_TOKEN}
    static_configs:
      - targets: ['${target}']
  - job_name: one-entry-without-token
    metrics_path: /metrics
    static_configs:
      - targets: ['${target}']
`,
  );
  prometheus = spawn(
    PROMETHEUS,
    [`--config.file=${path.join(workDir, 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(workDir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  prometheus.stdout?.on('data', (chunk: Buffer) => (prometheusOutput += chunk.toString()));
  prometheus.stderr?.on('data', (chunk: Buffer) => (prometheusOutput += chunk.toString()));
});

afterAll(async () => {
  if (prometheus && prometheus.exitCode === null) {
    const exited = new Promise((resolve) => prometheus?.once('exit', resolve));
    prometheus.kill('SIGTERM');
    await exited;
  }
  await service?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}

/** An instant query against Prometheus, retried until `accept` is satisfied or the deadline passes. */
async function queryUntil(query: string, accept: (samples: Sample[]) => boolean): Promise<Sample[]> {
  const deadline = Date.now() + DEADLINE_MS;
  let last: Sample[] = [];
  for (;;) {
    try {
      const res = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(query)}`);
      if (res.ok) {
        last = ((await res.json()) as { data: { result: Sample[] } }).data.result;
        if (accept(last)) return last;
      }
    } catch {
      // Prometheus is still starting.
    }
    if (prometheus?.exitCode !== null) throw new Error(`prometheus exited:\n${prometheusOutput}`);
    if (Date.now() > deadline) throw new Error(`${query} never satisfied the test; last answer ${JSON.stringify(last)}\n${prometheusOutput.slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const valueOf = (samples: Sample[]) => Number(samples[0]?.value[1]);

test('Prometheus scrapes the service with the token, and is refused without it', async () => {
  await queryUntil('up{job="one-entry"}', (s) => valueOf(s) === 1);
  await queryUntil('up{job="one-entry-without-token"}', (s) => s.length === 1 && valueOf(s) === 0);
  const targets = (await (await fetch(`${prometheusUrl}/api/v1/targets`)).json()) as { data: { activeTargets: { labels: { job: string }; lastError: string }[] } };
  const refused = targets.data.activeTargets.find((t) => t.labels.job === 'one-entry-without-token');
  expect(refused?.lastError).toMatch(/401/);
});

test('an inquiry reaches Prometheus as a queued assignment of its department and as a request to its route', async () => {
  const res = await fetch(`${service.baseUrl}/v1/inquiries`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(validInquiry()) });
  expect(res.status).toBe(201);
  const { routing } = (await res.json()) as { routing: { lead: string } };
  await queryUntil(`one_entry_assignments_open{department="${routing.lead}",status="queued"}`, (s) => valueOf(s) >= 1);
  await queryUntil('http_request_duration_seconds_count{route="/v1/inquiries",method="POST",status_code="201"}', (s) => valueOf(s) >= 1);
  await queryUntil('one_entry_routing_table_version', (s) => valueOf(s) >= 1);
});

test('promtool finds no problem in what the service exposes', async () => {
  const res = await fetch(`${service.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(res.status).toBe(200);
  const check = spawnSync(PROMTOOL, ['check', 'metrics'], { input: await res.text(), encoding: 'utf8' });
  expect({ status: check.status, problems: `${check.stdout}${check.stderr}`.trim() }).toEqual({ status: 0, problems: '' });
});
