import type { Page } from 'playwright-core';
import { messagesFor } from '../../src/pages/messages.js';
import { adminToken, api } from './support/admin-api.js';
import { accessibilityViolations, screenshot, useBrowserSession } from './support/browser.js';

const da = messagesFor('da');
const en = messagesFor('en');

const session = useBrowserSession();

/** Signs the first admin in with a sign-in link, in the page given. */
async function signInAsAdmin(page: Page): Promise<void> {
  const { service } = session;
  const token = adminToken(service.output());
  const me = await api(service.baseUrl, token, 'GET', '/v1/me');
  const link = await api(service.baseUrl, token, 'POST', `/v1/users/${me.id}/sign-in-links`);
  await page.goto(`${service.baseUrl}${new URL(link.url).pathname}`);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: da.staff.signIn.confirm.button(me.name) }).click()]);
}

const submit = (page: Page, name: string | RegExp) => Promise.all([page.waitForNavigation(), page.getByRole('button', { name }).click()]);

test('an admin creates a caseworker, issues a sign-in link and a token, and revokes the token, in Danish and English', async () => {
  const { page, service } = session;
  await signInAsAdmin(page);
  await page.goto(`${service.baseUrl}/staff/admin`);
  await expect(page.locator('h1').textContent()).resolves.toBe(da.staff.admin.title);
  expect(await accessibilityViolations(page)).toEqual([]);

  const t = da.staff.admin;
  const email = `sofie.${Date.now()}@kommune.example`;
  await page.getByLabel(t.name, { exact: true }).fill('Sofie Berg');
  await page.getByLabel(t.email, { exact: true }).fill(email);
  await page.getByLabel(t.role, { exact: true }).selectOption('caseworker');
  await page.getByLabel('Jobcenter', { exact: true }).check();
  await submit(page, t.create.button);
  await expect(page.locator('h1').textContent()).resolves.toBe(t.userTitle('Sofie Berg'));
  await expect(page.locator('main').textContent()).resolves.toContain(t.done.created);
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'staff-admin-user-da');
  const userPage = page.url().split('?')[0] as string;

  await submit(page, t.signInLink.button);
  const link = await page.locator('#new-sign-in-link').textContent();
  expect(link).toMatch(/\/staff\/sign-in\/link\/sl_/);
  expect(await accessibilityViolations(page)).toEqual([]);

  // The same page in English: a token, shown once, then revoked.
  await page.goto(`${userPage}?lang=en`);
  const e = en.staff.admin;
  await expect(page.locator('h1').textContent()).resolves.toBe(e.userTitle('Sofie Berg'));
  await page.getByLabel(e.tokens.tokenName, { exact: true }).fill('laptop');
  await submit(page, e.tokens.createButton);
  const token = (await page.locator('#new-token').textContent()) as string;
  expect(token).toMatch(/^oe_/);
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'staff-admin-token-en');
  expect((await fetch(`${service.baseUrl}/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);

  await submit(page, e.tokens.revokeNamed('laptop'));
  await expect(page.locator('main').textContent()).resolves.toContain(e.done.revoked);
  await expect(page.locator('main').textContent()).resolves.not.toContain(token);
  expect((await fetch(`${service.baseUrl}/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);

  // A duplicate email comes back beside the field, and the page passes axe with the error on it.
  await page.goto(`${service.baseUrl}/staff/admin?lang=en`);
  await page.getByLabel(e.name, { exact: true }).fill('Sofie Again');
  await page.getByLabel(e.email, { exact: true }).fill(email);
  await page.getByLabel(e.role, { exact: true }).selectOption('coordinator');
  await submit(page, e.create.button);
  await expect(page.locator('#create-email-error').textContent()).resolves.toContain(e.errors.emailInUse);
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'staff-admin-error-en');
});

test('with JavaScript off, an admin creates a user with a bad expiry refused and deactivates them', async () => {
  const { browser, service } = session;
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await noScript.newPage();
    await signInAsAdmin(page);
    await page.goto(`${service.baseUrl}/staff/admin`);
    const t = da.staff.admin;
    await page.getByLabel(t.name, { exact: true }).fill('Anders Lund');
    await page.getByLabel(t.email, { exact: true }).fill(`anders.${Date.now()}@kommune.example`);
    await page.getByLabel(t.role, { exact: true }).selectOption('coordinator');
    await submit(page, t.create.button);
    await expect(page.locator('h1').textContent()).resolves.toBe(t.userTitle('Anders Lund'));

    await page.getByLabel(t.tokens.tokenName, { exact: true }).fill('gammel');
    await page.getByLabel(t.tokens.expiryLabel, { exact: true }).fill('2020-01-01');
    await submit(page, t.tokens.createButton);
    await expect(page.locator('#token-expiresOn-error').textContent()).resolves.toContain(t.errors.pastExpiry);

    await submit(page, t.activation.deactivate);
    await expect(page.locator('main').textContent()).resolves.toContain(t.done.deactivated);
    await expect(page.getByRole('button', { name: t.activation.reactivate }).count()).resolves.toBe(1);
  } finally {
    await noScript.close();
  }
});
