import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { type RunningService, startService } from './service.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const artifacts = fileURLToPath(new URL('../../../test-artifacts/', import.meta.url));

/** Debian's Chromium, headless, with nothing that reaches outside this machine. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The page's WCAG 2.1 A/AA violations according to axe, one readable line each. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  return results.violations.map(
    (violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
}

/** A full-page screenshot in test-artifacts/ (git-ignored); returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifacts, { recursive: true });
  const file = path.join(artifacts, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export interface BrowserSession {
  readonly service: RunningService;
  readonly browser: Browser;
  /** A fresh page in a fresh context for each test. */
  readonly page: Page;
}

/**
 * Starts the service (with `env` added to its environment) and Chromium once for the test
 * file, and gives each test a page of its own. After each test, the page must have caused
 * no Content-Security-Policy violation; a test that visits someone else's page clears
 * `cspViolations` itself.
 */
export function useBrowserSession(env: Record<string, string> = {}): BrowserSession & { cspViolations: string[] } {
  let service: RunningService | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  const cspViolations: string[] = [];
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started`);
    return value;
  };

  beforeAll(async () => {
    [service, browser] = await Promise.all([startService(env), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });
  beforeEach(async () => {
    context = await started(browser, 'the browser').newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    cspViolations.splice(0);
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  });
  afterEach(async () => {
    await context?.close();
    expect(cspViolations).toEqual([]);
  });

  return {
    cspViolations,
    get service() {
      return started(service, 'the service');
    },
    get browser() {
      return started(browser, 'the browser');
    },
    get page() {
      return started(page, 'the page');
    },
  };
}
