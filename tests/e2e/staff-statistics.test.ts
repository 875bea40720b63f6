import type { Page } from 'playwright-core';
import { messagesFor } from '../../src/pages/messages.js';
import { validInquiry } from '../support/fixtures.js';
import { adminToken, api } from './support/admin-api.js';
import { accessibilityViolations, screenshot, useBrowserSession } from './support/browser.js';

const da = messagesFor('da');
const en = messagesFor('en');

const session = useBrowserSession();

/** A user of the role with a sign-in link, and the path of that link. */
async function personWithLink(role: 'admin' | 'coordinator', name: string): Promise<string> {
  const { baseUrl } = session.service;
  const admin = adminToken(session.service.output());
  const user = await api(baseUrl, admin, 'POST', '/v1/users', { name, email: `${name.toLowerCase().replace(/\W+/g, '.')}.${Date.now()}@kommune.example`, role });
  const link = await api(baseUrl, admin, 'POST', `/v1/users/${user.id}/sign-in-links`);
  return new URL(link.url).pathname;
}

async function signIn(page: Page, linkPath: string, name: string): Promise<void> {
  await page.goto(`${session.service.baseUrl}${linkPath}`);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: da.staff.signIn.confirm.button(name) }).click()]);
}

beforeAll(async () => {
  const { baseUrl } = session.service;
  const admin = adminToken(session.service.output());
  for (let i = 0; i < 3; i++) await api(baseUrl, admin, 'POST', '/v1/inquiries', validInquiry());
});

test('an admin refreshes the snapshot and reads the figures as charts and tables, in Danish and English, with no axe violations', async () => {
  const { page } = session;
  await signIn(page, await personWithLink('admin', 'Alma Andersen'), 'Alma Andersen');

  await Promise.all([
    page.waitForNavigation(),
    page.getByRole('navigation', { name: da.staff.navigation.label }).getByRole('link', { name: da.staff.navigation.statistics }).click(),
  ]);
  expect(new URL(page.url()).pathname).toBe('/staff/statistics');
  await expect(page.locator('h1').textContent()).resolves.toBe(da.staff.statistics.title);
  await expect(page.locator('main').textContent()).resolves.toContain(da.staff.statistics.noSnapshot);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: da.staff.statistics.refresh.button }).click()]);
  await expect(page.locator('main').textContent()).resolves.toContain(da.staff.statistics.refresh.done.title);

  // By month, the default: this month's three inquiries in the first table's last row.
  expect(await page.locator('svg.chart[role="img"]').count()).toBe(5);
  const thisMonth = page.locator('table').first().locator('tbody tr').last().locator('td');
  await expect(thisMonth.first().textContent()).resolves.toBe('3');
  await expect(page.locator('table caption').first().textContent()).resolves.toBe(da.staff.statistics.volume.caption);
  await screenshot(page, 'staff-statistics-da');
  expect(await accessibilityViolations(page)).toEqual([]);

  await page.getByRole('link', { name: 'English' }).click();
  expect(await page.getAttribute('html', 'lang')).toBe('en');
  await expect(page.locator('h1').textContent()).resolves.toBe(en.staff.statistics.title);
  expect(await accessibilityViolations(page)).toEqual([]);

  // A period that ends before it starts: the page again, the problem beside the field.
  await page.getByLabel(en.staff.statistics.form.from).fill('2026-05-02');
  await page.getByLabel(en.staff.statistics.form.to).fill('2026-05-01');
  const [answer] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: en.staff.statistics.form.submit }).click()]);
  expect(answer?.status()).toBe(400);
  await expect(page.locator('#statistics-from-error').textContent()).resolves.toContain(en.staff.statistics.form.errors.fromAfterTo);
  expect(await accessibilityViolations(page)).toEqual([]);
});

test('with JavaScript off, a coordinator chooses the grouping and reads the table', async () => {
  const { browser, service } = session;
  const linkPath = await personWithLink('coordinator', 'Carl Clausen');
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await noScript.newPage();
    await signIn(page, linkPath, 'Carl Clausen');
    await page.goto(`${service.baseUrl}/staff/statistics`);
    await expect(page.locator('h1').textContent()).resolves.toBe(da.staff.statistics.title);
    // No refresh for a coordinator.
    expect(await page.getByRole('button', { name: da.staff.statistics.refresh.button }).count()).toBe(0);
    await page.getByLabel(da.staff.statistics.form.groupBy).selectOption('department');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: da.staff.statistics.form.submit }).click()]);
    expect(new URL(page.url()).searchParams.get('groupBy')).toBe('department');
    await expect(page.locator('table tbody tr').first().locator('th').textContent()).resolves.toBe('Jobcenter');
  } finally {
    await noScript.close();
  }
});
