import { messagesFor } from '../../src/pages/messages.js';
import { validInquiry } from '../support/fixtures.js';
import { adminToken, api } from './support/admin-api.js';
import { accessibilityViolations, screenshot, useBrowserSession } from './support/browser.js';

const da = messagesFor('da');
const en = messagesFor('en');

const session = useBrowserSession();

/** A caseworker of the jobcenter, an inquiry in its queue, and a sign-in link for them. */
async function caseworkerWithWork(baseUrl: string, output: string, name: string) {
  const admin = adminToken(output);
  const caseworker = await api(baseUrl, admin, 'POST', '/v1/users', {
    name,
    email: `${name.toLowerCase().replace(/\W+/g, '.')}.${Date.now()}@kommune.example`,
    role: 'caseworker',
    departments: ['jobcenter'],
  });
  const receipt = await api(baseUrl, admin, 'POST', '/v1/inquiries', validInquiry());
  const link = await api(baseUrl, admin, 'POST', `/v1/users/${caseworker.id}/sign-in-links`);
  return { receipt, linkPath: new URL(link.url).pathname };
}

test('a caseworker signs in with a link, sees their work, and takes the next case, in Danish and English', async () => {
  const { page, service } = session;
  const { receipt, linkPath } = await caseworkerWithWork(service.baseUrl, service.output(), 'Jonas Jensen');
  expect(receipt.routing.lead).toBe('jobcenter');

  // The link's address is PUBLIC_BASE_URL's; the browser opens the same path on this server.
  // Opening it only asks; the button signs in.
  await page.goto(`${service.baseUrl}${linkPath}`);
  await expect(page.locator('h1').textContent()).resolves.toBe(da.staff.signIn.confirm.title);
  expect(await accessibilityViolations(page)).toEqual([]);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: da.staff.signIn.confirm.button('Jonas Jensen') }).click()]);
  expect(new URL(page.url()).pathname).toBe('/staff');
  await expect(page.locator('h1').textContent()).resolves.toBe(da.staff.work.title);
  await screenshot(page, 'staff-work-da');
  await expect(page.locator('body').textContent()).resolves.toContain(da.staff.signedInAs('Jonas Jensen'));
  expect(await accessibilityViolations(page)).toEqual([]);

  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: /Tag næste sag/ }).click()]);
  expect(new URL(page.url()).pathname).toBe(`/staff/cases/${receipt.reference}`);
  await expect(page.locator('main').textContent()).resolves.toContain(da.staff.casePage.done.claim);

  await page.goto(`${service.baseUrl}/staff?lang=en`);
  expect(await page.getAttribute('html', 'lang')).toBe('en');
  await expect(page.locator('h1').textContent()).resolves.toBe(en.staff.work.title);
  await expect(page.locator('main').textContent()).resolves.toContain(receipt.reference);
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'staff-work-en');

  // The link worked once.
  await page.goto(`${service.baseUrl}${linkPath}`);
  await expect(page.locator('h1').textContent()).resolves.toBe(da.staff.link.used.title);
});

test('with JavaScript off, signing in and taking the next case work the same', async () => {
  const { browser, service } = session;
  const { receipt, linkPath } = await caseworkerWithWork(service.baseUrl, service.output(), 'Karen Holm');
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await noScript.newPage();
    await page.goto(`${service.baseUrl}${linkPath}`);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: da.staff.signIn.confirm.button('Karen Holm') }).click()]);
    await expect(page.locator('h1').textContent()).resolves.toBe(da.staff.work.title);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: /Tag næste sag/ }).click()]);
    await expect(page.locator('h1').textContent()).resolves.toBe(da.staff.casePage.title(receipt.reference));
    await expect(page.locator('main').textContent()).resolves.toContain(da.staff.casePage.done.claim);
  } finally {
    await noScript.close();
  }
});
