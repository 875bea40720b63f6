import type { Page } from 'playwright-core';
import { fieldId } from '../../src/modules/web/views/components.js';
import { type FieldKey, type Messages, messagesFor } from '../../src/pages/messages.js';
import { accessibilityViolations, screenshot, useBrowserSession } from './support/browser.js';
import { fillForm, submit, validEntry } from './support/inquiry-form.js';

const da = messagesFor('da');
const en = messagesFor('en');

const session = useBrowserSession();

/**
 * The page shows exactly these problems: in the summary (in page order, each linking to
 * an element that exists) and beside each field, which is marked invalid.
 */
async function expectProblems(page: Page, expected: [FieldKey, string][]): Promise<void> {
  const links = page.locator('.alert-error li a');
  await expect(links.allTextContents()).resolves.toEqual(expected.map(([, message]) => message));
  for (const link of await links.all()) {
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toMatch(/^#[a-z][\w-]*$/i);
    await expect(page.locator(href).count()).resolves.toBe(1);
  }
  for (const [field, message] of expected) {
    const id = fieldId(field);
    await expect(page.locator(`#${id}-error`).textContent()).resolves.toContain(message);
    if (field !== 'topics') await expect(page.locator(`#${id}`).getAttribute('aria-invalid')).resolves.toBe('true');
  }
  await expect(page.locator('.form-error-message').count()).resolves.toBe(expected.length);
}

function required(m: Messages, fields: FieldKey[]): [FieldKey, string][] {
  return fields.map((field) => [field, m.fields[field].required ?? m.fields[field].invalid]);
}

const REQUIRED_FIELDS: FieldKey[] = ['enterprise.cvr', 'enterprise.name', 'contact.name', 'contact.email', 'topics', 'subject', 'description', 'consent'];

test('every kind of mistake is explained in Danish, in the summary and beside its field, until the form is right', async () => {
  const { page, service } = session;
  await page.goto(`${service.baseUrl}/`);

  // 1. Nothing filled in: every required field is asked for.
  await submit(page);
  expect(await page.title()).toMatch(/^Fejl: /);
  await expectProblems(page, required(da, REQUIRED_FIELDS));
  // The summary takes focus, and its links lead to the fields.
  await expect(page.locator(':focus').getAttribute('data-module')).resolves.toBe('error-summary');
  await page.locator('.alert-error li a', { hasText: da.fields['contact.email'].required }).click();
  await expect(page.locator(':focus').getAttribute('id')).resolves.toBe('contact-email');
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'form-errors-da');

  // 2. Everything filled in, much of it wrong: formats, lengths, too many topics.
  const wrong = validEntry({
    cvr: '12345678',
    name: 'x'.repeat(201),
    postcode: '60',
    employees: 'mange',
    email: 'mette@',
    phone: '12',
    topics: ['hiring', 'flex-jobs', 'business-development', 'startup-funding', 'public-procurement', 'other'],
    subject: 'Hi',
    description: 'a'.repeat(5001),
  });
  await fillForm(page, wrong);
  await submit(page);
  await expectProblems(page, [
    ['enterprise.cvr', da.fields['enterprise.cvr'].invalid],
    ['enterprise.name', 'Virksomhedens navn må højst være 200 tegn'],
    ['enterprise.postcode', da.fields['enterprise.postcode'].invalid],
    ['enterprise.employees', da.fields['enterprise.employees'].invalid],
    ['contact.email', da.fields['contact.email'].invalid],
    ['contact.phone', da.fields['contact.phone'].invalid],
    ['topics', 'Vælg højst 5 emner'],
    ['subject', 'Emnet skal være mindst 3 tegn'],
    ['description', 'Beskrivelsen må højst være 5000 tegn'],
  ]);
  // What was typed is kept, so only the mistakes need fixing.
  await expect(page.inputValue('#enterprise-cvr')).resolves.toBe('12345678');
  await expect(page.inputValue('#contact-email')).resolves.toBe('mette@');
  await expect(page.inputValue('#description')).resolves.toBe(wrong.description);
  await expect(page.isChecked('#topics-other')).resolves.toBe(true);
  await expect(page.isChecked('#consent')).resolves.toBe(true);
  await expect(page.locator('.character-limit').textContent()).resolves.toBe('Du har 1 tegn for meget');
  expect(await accessibilityViolations(page)).toEqual([]);

  // 3. A topic the catalogue does not have (a stale or tampered page) is caught by the intake service.
  await fillForm(page, validEntry({ topics: ['hiring'] }));
  await page.evaluate("document.querySelector('#topics-hiring').value = 'no-such-topic'");
  await submit(page);
  await expectProblems(page, [['topics', da.fields.topics.unknown ?? '']]);

  // 4. All fixed: the inquiry is received.
  await fillForm(page, validEntry());
  await submit(page);
  await expect(page.locator('h1').textContent()).resolves.toBe(da.receipt.title);
});

test('on the English form the same mistakes are explained in English', async () => {
  const { page, service } = session;
  await page.goto(`${service.baseUrl}/?lang=en`);
  await submit(page);
  expect(await page.title()).toMatch(/^Error: /);
  await expect(page.locator('.alert-error .alert-heading').textContent()).resolves.toBe(en.form.errorSummary);
  await expectProblems(page, required(en, REQUIRED_FIELDS));
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'form-errors-en');
});

test('a description and subject full of HTML and script are shown as text, never run', async () => {
  const { page, service } = session;
  const description = '<script>window.pwned = 1</script><img src="x" onerror="window.pwned = 2"><b>fed</b> & "citat"\n</textarea><i>ud</i>';
  const subject = '<i>Hej</i> & "velkommen" <script>window.pwned = 3</script>';
  await page.goto(`${service.baseUrl}/`);
  // A mistake elsewhere sends the description back in the form.
  await fillForm(page, validEntry({ description, subject, cvr: '12345678' }));
  await submit(page);
  await expect(page.inputValue('#description')).resolves.toBe(description);
  await expect(page.inputValue('#subject')).resolves.toBe(subject);
  await expect(page.evaluate('window.pwned')).resolves.toBeUndefined();
  await expect(page.locator('main img, main b, main i, main script').count()).resolves.toBe(0);

  // Sent for real, the subject comes back as text on the receipt.
  await fillForm(page, validEntry({ description, subject }));
  await submit(page);
  await expect(page.locator('td', { hasText: subject }).count()).resolves.toBe(1);
  await expect(page.evaluate('window.pwned')).resolves.toBeUndefined();
  await expect(page.locator('main i, main script').count()).resolves.toBe(0);
});
