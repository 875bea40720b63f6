import type { Page } from 'playwright-core';
import { messagesFor } from '../../src/pages/messages.js';
import { countCases } from '../support/queries.js';
import { accessibilityViolations, screenshot, useBrowserSession } from './support/browser.js';
import { fillForm, referenceFromUrl, submit, validEntry } from './support/inquiry-form.js';

const da = messagesFor('da');
const en = messagesFor('en');

const session = useBrowserSession();

test('a person fills in the Danish form, gets a receipt, and follows the tracking link to the status page', async () => {
  const { page, service } = session;
  await page.goto(`${service.baseUrl}/`);
  expect(await page.getAttribute('html', 'lang')).toBe('da');
  await expect(page.locator('h1').textContent()).resolves.toBe(da.form.title);
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'form-da');

  const entry = validEntry();
  await fillForm(page, entry);
  await submit(page);

  expect(new URL(page.url()).pathname).toMatch(/^\/receipt\/KOL-\d{4}-\d{6}$/);
  const reference = referenceFromUrl(page.url());
  const main = page.locator('main');
  await expect(main.textContent()).resolves.toContain(reference);
  await expect(main.textContent()).resolves.toContain('Jobcenter');
  await expect(main.textContent()).resolves.toMatch(/svarer dig senest \d{1,2}\. [a-z]+ \d{4}/);
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'receipt-da');

  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: da.receipt.trackLink(reference) }).click()]);
  expect(new URL(page.url()).pathname).toBe(`/status/${reference}`);
  await expect(page.locator('h1').textContent()).resolves.toBe(da.status.title(reference));
  await expect(main.textContent()).resolves.toContain(da.status.labels.received);
  await expect(main.textContent()).resolves.toContain(entry.subject);
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'status-da');

  expect(await countCases(service.db, entry.cvr)).toBe(1);
  // The token was in three addresses; the service's log has none of them.
  const token = new URL(page.url()).searchParams.get('token');
  expect(token).toBeTruthy();
  expect(service.output()).not.toContain(token);
});

test('the language switch turns the form into English, and the receipt and status page follow', async () => {
  const { page, service } = session;
  await page.goto(`${service.baseUrl}/`);
  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'English' }).click()]);
  expect(await page.getAttribute('html', 'lang')).toBe('en');
  await expect(page.locator('h1').textContent()).resolves.toBe(en.form.title);
  await screenshot(page, 'form-en');

  const entry = validEntry({ topics: ['premises-permits'], subject: 'Outdoor seating for our café', description: 'We would like to put six tables outside the café this summer.' });
  await fillForm(page, entry);
  await submit(page);

  const reference = referenceFromUrl(page.url());
  expect(await page.getAttribute('html', 'lang')).toBe('en');
  await expect(page.locator('h1').textContent()).resolves.toBe(en.receipt.title);
  await expect(page.locator('main').textContent()).resolves.toMatch(/Technical and environmental services/);
  await expect(page.locator('main').textContent()).resolves.toMatch(/will answer you by \d{1,2} [A-Z][a-z]+ \d{4}/);

  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: en.receipt.trackLink(reference) }).click()]);
  await expect(page.locator('h1').textContent()).resolves.toBe(en.status.title(reference));
  // And back to Danish on the same case, the token carried along.
  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Dansk' }).click()]);
  await expect(page.locator('h1').textContent()).resolves.toBe(da.status.title(reference));
});

const focused = (page: Page) => page.locator(':focus');

/** Presses Tab until the element with this id has focus, as a keyboard user moves through the page. */
async function tabTo(page: Page, id: string): Promise<void> {
  for (let presses = 0; presses < 80; presses++) {
    await page.keyboard.press('Tab');
    if ((await focused(page).getAttribute('id')) === id) return;
  }
  throw new Error(`Tab never reached #${id}`);
}

test('the form can be filled in and sent with the keyboard alone', async () => {
  const { page, service } = session;
  await page.goto(`${service.baseUrl}/`);
  const entry = validEntry();
  // The skip link comes first and jumps to the content.
  await page.keyboard.press('Tab');
  await expect(focused(page).textContent()).resolves.toBe(da.skipLink);

  // Text is typed, checkboxes are ticked with Space.
  const steps: [string, string][] = [
    ['enterprise-cvr', entry.cvr],
    ['enterprise-name', entry.name],
    ['contact-name', entry.contactName],
    ['contact-email', entry.email],
    ['topics-hiring', ' '],
    ['subject', entry.subject],
    ['description', entry.description],
    ['consent', ' '],
  ];
  for (const [id, keys] of steps) {
    await tabTo(page, id);
    if (keys === ' ') await page.keyboard.press('Space');
    else await page.keyboard.type(keys);
  }
  await page.keyboard.press('Tab');
  await expect(focused(page).textContent()).resolves.toBe(da.form.submit);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);

  await expect(page.locator('h1').textContent()).resolves.toBe(da.receipt.title);
  expect(await countCases(service.db, entry.cvr)).toBe(1);
});

test('with JavaScript turned off the form still explains mistakes and sends', async () => {
  const { browser, service } = session;
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await noScript.newPage();
    await page.goto(`${service.baseUrl}/`);
    await submit(page);
    await expect(page.locator('.alert-error .alert-heading').textContent()).resolves.toBe(da.form.errorSummary);
    await fillForm(page, validEntry());
    await submit(page);
    await expect(page.locator('h1').textContent()).resolves.toBe(da.receipt.title);
  } finally {
    await noScript.close();
  }
});

test('a wrong tracking token shows a plain not-found page', async () => {
  const { page, service } = session;
  const response = await page.goto(`${service.baseUrl}/status/KOL-2026-000001?token=not-the-token`);
  expect(response?.status()).toBe(404);
  await expect(page.locator('h1').textContent()).resolves.toBe(da.notFound.title);
  expect(await accessibilityViolations(page)).toEqual([]);
});

test('the API documentation still renders under its own Content-Security-Policy', async () => {
  const { page, service } = session;
  await page.goto(`${service.baseUrl}/docs`);
  await expect(page.locator('.swagger-ui .info .title').textContent({ timeout: 30_000 })).resolves.toContain('One entry point');
  // Swagger UI sets a few inline styles its own policy refuses, without visible effect;
  // the violations this file guards against are those of the service's own pages.
  session.cspViolations.splice(0);
});
