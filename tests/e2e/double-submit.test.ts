import type { Page } from 'playwright-core';
import { messagesFor } from '../../src/pages/messages.js';
import { countCases } from '../support/queries.js';
import { useBrowserSession } from './support/browser.js';
import { type FormEntry, fillForm, referenceFromUrl, submit, validEntry } from './support/inquiry-form.js';

const da = messagesFor('da');

const session = useBrowserSession();

/** Opens the form, fills it in and sends it; returns the reference on the receipt. */
async function sendInquiry(page: Page, entry: FormEntry): Promise<string> {
  await page.goto(`${session.service.baseUrl}/`);
  await fillForm(page, entry);
  await submit(page);
  return referenceFromUrl(page.url());
}

/** Back to the sent form (the browser restores it as it was), Send again: the same receipt, still one case. */
async function expectSameReceiptAfterBackAndResend(page: Page, entry: FormEntry, reference: string): Promise<void> {
  await page.goBack();
  await expect(page.inputValue('#enterprise-cvr')).resolves.toBe(entry.cvr);
  await submit(page);
  expect(referenceFromUrl(page.url())).toBe(reference);
  expect(await countCases(session.service.db, entry.cvr)).toBe(1);
}

test('a double click on Send creates one case', async () => {
  const { page, service } = session;
  await page.goto(`${service.baseUrl}/`);
  const entry = validEntry();
  await fillForm(page, entry);

  await page.dblclick('button[type="submit"]');
  await page.waitForURL(/\/receipt\//);
  await expect(page.locator('h1').textContent()).resolves.toBe(da.receipt.title);
  expect(await countCases(service.db, entry.cvr)).toBe(1);
});

test('the same form sent twice at once (a slow line and an impatient click) gives one case and one receipt', async () => {
  const { page, service } = session;
  await page.goto(`${service.baseUrl}/`);
  const entry = validEntry();
  await fillForm(page, entry);

  // Chromium itself drops the second submission of a double click, so the page sends
  // the form twice side by side, exactly as the browser would encode it.
  const landedOn = (await page.evaluate(`(async () => {
    const form = document.querySelector('form');
    const send = () => fetch(form.action, { method: 'POST', body: new URLSearchParams(new FormData(form)) });
    const responses = await Promise.all([send(), send()]);
    return responses.map((response) => response.status + ' ' + response.url);
  })()`)) as string[];

  expect(landedOn).toHaveLength(2);
  expect(landedOn[0]).toMatch(/^200 .*\/receipt\//);
  expect(landedOn[1]).toBe(landedOn[0]);
  expect(await countCases(service.db, entry.cvr)).toBe(1);
});

test('going back to the sent form and sending it again shows the same receipt, not a second case', async () => {
  const { page } = session;
  const entry = validEntry();
  const first = await sendInquiry(page, entry);

  await expectSameReceiptAfterBackAndResend(page, entry, first);
});

test('after mistakes were corrected, going back from the receipt and sending again still gives the same receipt', async () => {
  const { page, service } = session;
  await page.goto(`${service.baseUrl}/`);
  const entry = validEntry();
  await fillForm(page, { ...entry, cvr: '12345678' });
  await submit(page);
  await page.fill('#enterprise-cvr', entry.cvr);
  await submit(page);
  const first = referenceFromUrl(page.url());

  await expectSameReceiptAfterBackAndResend(page, entry, first);
});

test('going back, changing the form and sending it asks before making a second inquiry', async () => {
  const { page, service } = session;
  const entry = validEntry();
  const first = await sendInquiry(page, entry);

  await page.goBack();
  await page.fill('#subject', 'Også spørgsmål om lokaler');
  await submit(page);
  await expect(page.locator('.alert-warning .alert-heading').textContent()).resolves.toBe(da.form.alreadySent.title);
  await expect(page.inputValue('#subject')).resolves.toBe('Også spørgsmål om lokaler');
  expect(await countCases(service.db, entry.cvr)).toBe(1);

  // Sending it once more is a deliberate new inquiry.
  await submit(page);
  expect(referenceFromUrl(page.url())).not.toBe(first);
  expect(await countCases(service.db, entry.cvr)).toBe(2);
});
