import { mkdtempSync, rmSync, chmodSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, spawnServer, waitUntilReady } from '../support/server-process.js';
import { validInquiry } from '../support/fixtures.js';

// The service as an operator runs it: `npm start` with no DATABASE_URL starts an embedded
// PostgreSQL in DATA_DIR, keeps its data across restarts, and shuts down cleanly.
describe('server process with the embedded database', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'one-entry-server-'));
    chmodSync(dataDir, 0o755);
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  // Two cold starts of PostgreSQL and the service, each allowed a minute to get ready.
  test('starts, prints the first admin token once, survives a restart with its data, and stops on SIGTERM', async () => {
    const port = String(await freePort());
    const first = spawnServer({ DATA_DIR: dataDir, PORT: port });
    try {
      await waitUntilReady(first);
      const tokenLine = /First admin created\. Its API token \(shown only now\):\s+(oe_\S+)/.exec(first.output());
      expect(tokenLine?.[1]).toBeDefined();
      const admin = tokenLine?.[1] ?? '';
      const res = await fetch(`${first.baseUrl}/v1/inquiries`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(validInquiry()),
      });
      expect(res.status).toBe(201);
      const receipt = (await res.json()) as { statusUrl: string; reference: string };
      expect(await first.stop('SIGTERM')).toBe(0);
      // Webhook secrets are encrypted under a key of the data directory's own, readable by its owner only.
      const keyFile = path.join(dataDir, 'secrets.key');
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      const key = readFileSync(keyFile, 'utf8');

      const second = spawnServer({ DATA_DIR: dataDir, PORT: port });
      try {
        await waitUntilReady(second);
        expect(second.output()).not.toContain('First admin created');
        const status = await fetch(`${second.baseUrl}${receipt.statusUrl}`);
        expect(status.status).toBe(200);
        expect(((await status.json()) as { reference: string }).reference).toBe(receipt.reference);
        // The admin token from the first start still authenticates (an unknown one would be 401).
        const authed = await fetch(`${second.baseUrl}/v1/topics`, { headers: { authorization: `Bearer ${admin}` } });
        expect(authed.status).toBe(200);
        expect(readFileSync(keyFile, 'utf8')).toBe(key);
      } finally {
        expect(await second.stop('SIGINT')).toBe(0);
      }
    } finally {
      await first.stop('SIGKILL');
    }
  }, 180_000);

  test('a bad configuration value stops start-up with one line naming the variable', async () => {
    const server = spawnServer({ DATA_DIR: dataDir, PORT: 'not-a-port' });
    expect(await server.exited).toBe(1);
    expect(server.output().trim()).toMatch(/^Invalid configuration: PORT: .+$/);
  });

  test('a data directory holding files but no cluster is reported, not deleted', async () => {
    const odd = mkdtempSync(path.join(tmpdir(), 'one-entry-odd-'));
    const { writeFileSync, mkdirSync, existsSync } = await import('node:fs');
    mkdirSync(path.join(odd, 'postgres'));
    writeFileSync(path.join(odd, 'postgres', 'precious.txt'), 'keep me');
    try {
      const server = spawnServer({ DATA_DIR: odd, PORT: String(await freePort()) });
      expect(await server.exited).toBe(1);
      expect(server.output()).toMatch(/no PostgreSQL cluster/);
      expect(existsSync(path.join(odd, 'postgres', 'precious.txt'))).toBe(true);
    } finally {
      rmSync(odd, { recursive: true, force: true });
    }
  });
});
