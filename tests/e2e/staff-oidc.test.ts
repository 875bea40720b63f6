import type { Browser, BrowserContext, Page } from 'playwright-core';
import { messagesFor } from '../../src/pages/messages.js';
import { startIdentityProvider, type TestIdentityProvider } from '../support/identity-provider-client.js';
import { accessibilityViolations, launchBrowser, screenshot } from './support/browser.js';
import { type RunningService, startService } from './support/service.js';

// A caseworker signs in with the municipality's identity provider (a real OpenID Connect
// provider on loopback) in Chromium and lands on their work.

const da = messagesFor('da');
const en = messagesFor('en');

let idp: TestIdentityProvider;
let service: RunningService;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** The service as the browser reaches it: PUBLIC_BASE_URL's default host, localhost. */
let base: string;

beforeAll(async () => {
  idp = await startIdentityProvider([]);
  [service, browser] = await Promise.all([startService(idp.env), launchBrowser()]);
  base = service.baseUrl.replace('127.0.0.1', 'localhost');
  await idp.setRedirectUris([`${base}/staff/sign-in/callback`]);
});
afterAll(async () => {
  await browser?.close();
  await service?.stop();
  await idp?.stop();
});
const cspViolations: string[] = [];
beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
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

/** The first admin's API token, which the service printed once when it started. */
function adminToken(): string {
  const token = /First admin created\. Its API token \(shown only now\):\s+(oe_\S+)/.exec(service.output())?.[1];
  if (!token) throw new Error(`the service printed no admin token:\n${service.output()}`);
  return token;
}

async function createCaseworker(name: string): Promise<string> {
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${Date.now()}@kommune.example`;
  const res = await fetch(`${service.baseUrl}/v1/users`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken()}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name, email, role: 'caseworker', departments: ['jobcenter'] }),
  });
  if (res.status !== 201) throw new Error(`creating the caseworker answered ${res.status}`);
  return email;
}

test('the sign-in page offers the municipality\'s login, with no axe violations in Danish and English', async () => {
  await page.goto(`${base}/staff/sign-in`);
  await expect(page.locator('h1').textContent()).resolves.toBe(da.staff.signIn.title);
  await expect(page.getByRole('link', { name: da.staff.signIn.oidcButton }).count()).resolves.toBe(1);
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'staff-sign-in-da');
  await page.goto(`${base}/staff/sign-in?lang=en`);
  expect(await page.getAttribute('html', 'lang')).toBe('en');
  await expect(page.getByRole('link', { name: en.staff.signIn.oidcButton }).count()).resolves.toBe(1);
  expect(await accessibilityViolations(page)).toEqual([]);
});

test('a caseworker signs in with the identity provider and lands on their work', async () => {
  const email = await createCaseworker('Sofie Dahl');
  await idp.loginAs({ email, name: 'Sofie Dahl' });
  await page.goto(`${base}/staff`);
  expect(new URL(page.url()).pathname).toBe('/staff/sign-in');
  await Promise.all([page.waitForURL(`${base}/staff`), page.getByRole('link', { name: da.staff.signIn.oidcButton }).click()]);
  await expect(page.locator('h1').textContent()).resolves.toBe(da.staff.work.title);
  await expect(page.locator('body').textContent()).resolves.toContain(da.staff.signedInAs('Sofie Dahl'));
  expect(await accessibilityViolations(page)).toEqual([]);
});

test('with JavaScript off, the same sign-in works, in English', async () => {
  const email = await createCaseworker('Anders Holm');
  await idp.loginAs({ email });
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  try {
    const quiet = await noScript.newPage();
    await quiet.goto(`${base}/staff/sign-in?lang=en`);
    await Promise.all([quiet.waitForURL(`${base}/staff?lang=en`), quiet.getByRole('link', { name: en.staff.signIn.oidcButton }).click()]);
    await expect(quiet.locator('h1').textContent()).resolves.toBe(en.staff.work.title);
  } finally {
    await noScript.close();
  }
});
