import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startService } from './lib.js';

// Bytes on the wire for the enterprise form, as Chromium receives them: a first visit
// (empty cache) and a repeat visit (the same browser coming back). Counts what crossed the
// network, compressed as sent, headers included; answers from the browser's cache count 0.
//   npm run bench:page-weight                 starts the service with an embedded database
//   npm run bench:page-weight -- --url URL    measures a service that is already running

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const urlArg = process.argv.indexOf('--url');
const given = urlArg >= 0 ? process.argv[urlArg + 1] : undefined;

interface Visit {
  requests: number;
  bytes: number;
}

async function visit(page: Page, url: string): Promise<Visit> {
  const sizes: Promise<number>[] = [];
  const onResponse = (response: import('playwright-core').Response) => {
    sizes.push(
      response
        .request()
        .sizes()
        .then((s) => (response.fromServiceWorker() ? 0 : s.responseBodySize + s.responseHeadersSize))
        .catch(() => 0),
    );
  };
  page.on('response', onResponse);
  await page.goto(url, { waitUntil: 'networkidle' });
  page.off('response', onResponse);
  const all = await Promise.all(sizes);
  const fromNetwork = all.filter((bytes) => bytes > 0);
  return { requests: fromNetwork.length, bytes: fromNetwork.reduce((a, b) => a + b, 0) };
}

const dataDir = given ? undefined : mkdtempSync(path.join(tmpdir(), 'one-entry-page-weight-'));
if (dataDir) chmodSync(dataDir, 0o755);
const service = given ? undefined : await startService({ DATA_DIR: dataDir as string });
const baseUrl = given ?? (service?.baseUrl as string);
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
try {
  for (const pathname of ['/', '/?lang=en']) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const first = await visit(page, `${baseUrl}${pathname}`);
    const repeat = await visit(page, `${baseUrl}${pathname}`);
    console.log(
      `${pathname}: first visit ${first.requests} requests, ${(first.bytes / 1024).toFixed(1)} KiB; repeat visit ${repeat.requests} requests, ${(repeat.bytes / 1024).toFixed(1)} KiB`,
    );
    await context.close();
  }
} finally {
  await browser.close();
  await service?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
