import type { Page } from 'playwright-core';
import { messagesFor } from '../../src/pages/messages.js';
import { validInquiry } from '../support/fixtures.js';
import { adminToken, api } from './support/admin-api.js';
import { accessibilityViolations, screenshot, useBrowserSession } from './support/browser.js';

const da = messagesFor('da');
const en = messagesFor('en');

const session = useBrowserSession();

/** A jobcenter caseworker with three cases in the jobcenter's queue and one elsewhere; a sign-in link for them. */
async function caseworkerWithCases(name: string) {
  const { baseUrl } = session.service;
  const admin = adminToken(session.service.output());
  const caseworker = await api(baseUrl, admin, 'POST', '/v1/users', {
    name,
    email: `${name.toLowerCase().replace(/\W+/g, '.')}.${Date.now()}@kommune.example`,
    role: 'caseworker',
    departments: ['jobcenter'],
  });
  const receipts = [];
  for (let i = 0; i < 3; i += 1) receipts.push(await api(baseUrl, admin, 'POST', '/v1/inquiries', validInquiry({ topics: ['hiring'] })));
  const elsewhere = await api(
    baseUrl,
    admin,
    'POST',
    '/v1/inquiries',
    validInquiry({ topics: ['business-development'], subject: 'Eksport', description: 'Vi vil gerne sælge til Sverige og Norge.' }),
  );
  const link = await api(baseUrl, admin, 'POST', `/v1/users/${caseworker.id}/sign-in-links`);
  return { receipts, elsewhere, linkPath: new URL(link.url).pathname };
}

/** Opens the sign-in link and confirms with its button, landing on my work. */
async function signIn(page: Page, linkPath: string, name: string) {
  await page.goto(`${session.service.baseUrl}${linkPath}`);
  await Promise.all([page.waitForURL((url) => url.pathname === '/staff'), page.getByRole('button', { name: da.staff.signIn.confirm.button(name) }).click()]);
}

const rowReferences = (page: Page) => page.locator('main tbody th[scope="row"] a').allTextContents();

test('a caseworker finds cases by the filters, pages through them and opens one, in Danish and English', async () => {
  const { page, service } = session;
  const { receipts, elsewhere, linkPath } = await caseworkerWithCases('Sofie Lund');
  expect(receipts.every((r) => r.routing.lead === 'jobcenter')).toBe(true);
  await signIn(page, linkPath, 'Sofie Lund');

  // From my work to the case list by the header's menu.
  await Promise.all([
    page.waitForURL((url) => url.pathname === '/staff/cases'),
    page.getByRole('navigation', { name: da.staff.navigation.label }).getByRole('link', { name: da.staff.navigation.cases }).click(),
  ]);
  await expect(page.locator('h1').textContent()).resolves.toBe(da.staff.caseList.title);
  const references = await rowReferences(page);
  for (const receipt of receipts) expect(references).toContain(receipt.reference);
  expect(references).not.toContain(elsewhere.reference);
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'staff-case-list-da');

  // The queue of the jobcenter, by the form.
  await page.getByLabel(da.staff.caseList.fields.department.label).selectOption('jobcenter');
  await page.getByLabel(da.staff.caseList.fields.status.label).selectOption('queued');
  await Promise.all([page.waitForURL((url) => url.searchParams.get('status') === 'queued'), page.getByRole('button', { name: da.staff.caseList.apply }).click()]);
  expect(await rowReferences(page)).toEqual(receipts.map((r) => r.reference));

  // Keyset pages, one case a page, in English.
  await page.goto(`${service.baseUrl}/staff/cases?department=jobcenter&status=queued&limit=1&lang=en`);
  expect(await page.getAttribute('html', 'lang')).toBe('en');
  expect(await rowReferences(page)).toEqual([receipts[0]?.reference]);
  await Promise.all([page.waitForURL((url) => url.searchParams.has('cursor')), page.getByRole('link', { name: en.staff.caseList.pages.next }).click()]);
  expect(await rowReferences(page)).toEqual([receipts[1]?.reference]);
  await expect(page.locator('main').textContent()).resolves.toContain(en.staff.caseList.pages.page(2));
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'staff-case-list-en');
  await Promise.all([page.waitForURL((url) => !url.searchParams.has('cursor')), page.getByRole('link', { name: en.staff.caseList.pages.first }).click()]);
  expect(await rowReferences(page)).toEqual([receipts[0]?.reference]);

  // The reference leads to the case's page, in the same language.
  const reference = receipts[0]?.reference as string;
  const href = await page.getByRole('link', { name: reference }).getAttribute('href');
  expect(href).toBe(`/staff/cases/${reference}?lang=en`);
  await Promise.all([page.waitForURL((url) => url.pathname === `/staff/cases/${reference}`), page.getByRole('link', { name: reference }).click()]);
  await expect(page.locator('h1').textContent()).resolves.toContain(reference);
});

test('a malformed filter shows the page again with the message beside the field, in both languages', async () => {
  const { page, service } = session;
  const { linkPath } = await caseworkerWithCases('Mads Friis');
  await signIn(page, linkPath, 'Mads Friis');
  for (const [lang, m] of [
    ['da', da],
    ['en', en],
  ] as const) {
    const res = await page.goto(`${service.baseUrl}/staff/cases?status=lost&overdue=maybe&lang=${lang}`);
    expect(res?.status()).toBe(400);
    await expect(page.locator('#filter-status-error').textContent()).resolves.toContain(m.staff.caseList.fields.status.invalid);
    await expect(page.locator('#filter-overdue-error').textContent()).resolves.toContain(m.staff.caseList.fields.overdue.invalid);
    expect(await page.getAttribute('#filter-status', 'aria-invalid')).toBe('true');
    expect(await accessibilityViolations(page)).toEqual([]);
  }
});

test('with JavaScript off, filtering and paging work the same', async () => {
  const { browser, service } = session;
  const { receipts, linkPath } = await caseworkerWithCases('Ida Holm');
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await noScript.newPage();
    await signIn(page, linkPath, 'Ida Holm');
    await page.goto(`${service.baseUrl}/staff/cases`);
    await page.getByLabel(da.staff.caseList.fields.q.label).fill(receipts[2]?.reference as string);
    // The browser sends the form itself: every field in the address, the empty ones meaning "all".
    await Promise.all([page.waitForURL((url) => url.searchParams.has('q')), page.getByRole('button', { name: da.staff.caseList.apply }).click()]);
    expect(await rowReferences(page)).toEqual([receipts[2]?.reference]);

    await page.goto(`${service.baseUrl}/staff/cases?department=jobcenter&status=queued&limit=2`);
    await Promise.all([page.waitForURL((url) => url.searchParams.has('cursor')), page.getByRole('link', { name: da.staff.caseList.pages.next }).click()]);
    expect((await rowReferences(page)).length).toBeGreaterThan(0);
    await expect(page.locator('main').textContent()).resolves.toContain(da.staff.caseList.pages.page(2));
  } finally {
    await noScript.close();
  }
});
