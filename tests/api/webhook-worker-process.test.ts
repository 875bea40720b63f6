import { startTestApp } from '../support/app.js';
import { createTestDatabase } from '../support/database.js';
import { TEST_SECRETS_KEY } from '../support/secrets-key.js';
import { spawnScript } from '../support/server-process.js';
import { createUserWithToken } from '../support/users.js';
import { eventually } from '../support/eventually.js';
import { startReceiver } from '../support/webhook-receiver.js';
import { registerWebhook, submitAs } from '../support/webhooks.js';

// WEBHOOK_WORKER=false in the API and `npm run worker` beside it: the operator's way to
// run delivery in a process of its own.
describe('the separate worker process', () => {
  test('delivers what the API queued, and stops cleanly on SIGTERM', async () => {
    const database = await createTestDatabase();
    const receiver = await startReceiver();
    const ctx = await startTestApp({ WEBHOOK_WORKER: 'false', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' }, database);
    const worker = spawnScript('src/cli/worker.ts', {
      DATABASE_URL: database.url,
      SECRETS_KEY: TEST_SECRETS_KEY,
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      WEBHOOK_POLL_INTERVAL_MS: '100',
    });
    try {
      const integrator = await createUserWithToken(ctx.db, 'integrator');
      await registerWebhook(ctx, integrator, { url: receiver.url, events: ['case.created'] });
      const { caseId } = await submitAs(ctx, integrator);
      const delivered = await eventually(() => [...receiver.accepted().values()].find((r) => r.json.data.caseId === caseId));
      expect(delivered.json.type).toBe('case.created');
      expect(await worker.stop('SIGTERM')).toBe(0);
      expect(worker.output()).toContain('webhook worker started');
    } finally {
      await worker.stop('SIGKILL');
      await ctx.close();
      await receiver.close();
      await database.drop();
    }
  });

  test('refuses to start without DATABASE_URL', async () => {
    const worker = spawnScript('src/cli/worker.ts', {});
    expect(await worker.exited).not.toBe(0);
    expect(worker.output()).toMatch(/needs DATABASE_URL/);
  });

  test('refuses to start without SECRETS_KEY, naming it', async () => {
    const database = await createTestDatabase();
    try {
      const worker = spawnScript('src/cli/worker.ts', { DATABASE_URL: database.url });
      expect(await worker.exited).not.toBe(0);
      expect(worker.output()).toMatch(/SECRETS_KEY: not set/);
    } finally {
      await database.drop();
    }
  });
});
