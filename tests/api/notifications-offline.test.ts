import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { startTestApp, type TestContext } from '../support/app.js';
import { eventually } from '../support/eventually.js';
import { validInquiry } from '../support/fixtures.js';

// Without SMTP_URL (the quick start), messages are written as .eml files under DATA_DIR/mail.

let ctx: TestContext;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'one-entry-mail-'));
  ctx = await startTestApp({ WEBHOOK_WORKER: 'true', WEBHOOK_POLL_INTERVAL_MS: '100', DATA_DIR: dataDir, PUBLIC_BASE_URL: 'http://localhost:3000' });
});
afterAll(async () => {
  await ctx.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('without SMTP_URL the receipt is written as an .eml file under DATA_DIR/mail', async () => {
  const res = await ctx.http().post('/v1/inquiries').send(validInquiry({ language: 'en' }));
  expect(res.status).toBe(201);
  const mailDir = path.join(dataDir, 'mail');
  const file = await eventually(() => {
    try {
      return readdirSync(mailDir).find((name) => name.endsWith('.eml'));
    } catch {
      return undefined;
    }
  });
  const parsed = await simpleParser(readFileSync(path.join(mailDir, file)));
  expect(parsed.subject).toBe(`Receipt for your inquiry ${res.body.reference}`);
  expect(parsed.text).toContain(`http://localhost:3000/status/${res.body.reference}?token=${res.body.trackingToken}`);
  expect(parsed.messageId).toMatch(/^<case-event-\d+@localhost>$/);
});
