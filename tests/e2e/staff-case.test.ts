import type { Browser, Page } from 'playwright-core';
import { messagesFor } from '../../src/pages/messages.js';
import { validInquiry } from '../support/fixtures.js';
import { adminToken, api as adminApi } from './support/admin-api.js';
import { accessibilityViolations, screenshot, useBrowserSession } from './support/browser.js';

// The case page in a real browser: a caseworker takes the next case, writes notes of each
// visibility, brings in and hands over to other departments; who sees which note (another
// department, the enterprise's status page); two browsers changing one case; JavaScript off.

const da = messagesFor('da');
const en = messagesFor('en');

const session = useBrowserSession();

async function api(path: string, method = 'GET', body?: unknown) {
  const { service } = session;
  return adminApi(service.baseUrl, adminToken(service.output()), method, path, body);
}

let people = 0;

/** A caseworker of these departments, and a path that signs them in once. */
async function caseworker(name: string, departments: string[]): Promise<string> {
  people += 1;
  const user = await api('/v1/users', 'POST', { name, email: `person.${people}.${Date.now()}@kommune.example`, role: 'caseworker', departments });
  const link = await api(`/v1/users/${user.id}/sign-in-links`, 'POST');
  return new URL(link.url).pathname;
}

/** Clears the jobcenter queue (earlier tests' cases) and submits a new inquiry: the jobcenter leads, the business service is involved. */
async function newCase(subject: string) {
  await session.service.db.updateTable('assignments').set({ status: 'done' }).where('department_code', '=', 'jobcenter').where('status', '=', 'queued').execute();
  const receipt = await api('/v1/inquiries', 'POST', validInquiry({ subject }));
  expect(receipt.routing).toEqual({ lead: 'jobcenter', involved: ['business-service'] });
  return receipt;
}

async function go(page: Page, path: string) {
  await page.goto(`${session.service.baseUrl}${path}`);
}

async function submit(page: Page, button: ReturnType<Page['getByRole']>) {
  await Promise.all([page.waitForNavigation(), button.click()]);
}

async function writeNote(page: Page, body: string, visibility: 'department' | 'case' | 'enterprise') {
  await page.getByLabel(da.staff.casePage.notes.body, { exact: true }).fill(body);
  await page.getByLabel(da.staff.casePage.notes.visibilities[visibility].label).check();
  await submit(page, page.getByRole('button', { name: da.staff.casePage.notes.submit }));
  await expect(page.locator('.alert-success').textContent()).resolves.toContain(da.staff.casePage.done.note);
}

/** Opens a sign-in link and presses its button (opening the link alone uses nothing up), landing on my work. */
async function signInByLink(page: Page, linkPath: string) {
  await go(page, linkPath);
  await expect(page.locator('h1').textContent()).resolves.toBe(da.staff.signIn.confirm.title);
  await Promise.all([page.waitForURL((url) => url.pathname === '/staff'), page.locator('main form button[type="submit"]').first().click()]);
}

async function signedInPage(browser: Browser, linkPath: string, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signInByLink(page, linkPath);
  return page;
}

test('take the next case, write notes of each visibility, see who reads which, involve and transfer, in Danish and English', async () => {
  const { page, browser } = session;
  const receipt = await newCase('To nye medarbejdere i løntilskud');
  const jonas = await caseworker('Jonas Jensen', ['jobcenter']);
  const bente = await caseworker('Bente Berg', ['business-service']);

  await signInByLink(page, jonas);
  // Keyboard first: the take-the-next-case button is reached within a few tabs.
  await submit(page, page.getByRole('button', { name: /Tag næste sag/ }));
  expect(new URL(page.url()).pathname).toBe(`/staff/cases/${receipt.reference}`);
  await expect(page.locator('h1').textContent()).resolves.toBe(da.staff.casePage.title(receipt.reference));
  await expect(page.locator('.alert-success').textContent()).resolves.toContain(da.staff.casePage.done.claim);
  expect(await accessibilityViolations(page)).toEqual([]);

  // The main actions come first: after the skip link and the header, the page's own links, then the assignment buttons.
  await page.locator('#main-content').focus();
  const focused: string[] = [];
  for (let i = 0; i < 10; i += 1) {
    await page.keyboard.press('Tab');
    const element = page.locator(':focus');
    focused.push(((await element.getAttribute('aria-label')) ?? (await element.textContent()) ?? '').trim());
  }
  expect(focused).toContain(`${da.staff.casePage.assignments.action.wait}: Jobcenter`);

  await writeNote(page, 'Kun til jobcentret: ring til Mette.', 'department');
  await writeNote(page, 'Til alle på sagen: løntilskud er bevilget.', 'case');
  await writeNote(page, 'Kære Mette, vi har bevilget løntilskud.', 'enterprise');
  const notes = page.locator('.case-notes');
  for (const text of ['Kun til jobcentret', 'Til alle på sagen', 'Kære Mette']) await expect(notes.textContent()).resolves.toContain(text);
  const fullPage = await screenshot(page, 'staff-case-da');
  // The README's picture: the top of the page, where the work starts.
  await page.screenshot({ path: fullPage.replace('staff-case-da', 'staff-case'), fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 1500 } });
  expect(await accessibilityViolations(page)).toEqual([]);

  // The business service is on the case: it reads the case note and the enterprise note, not the jobcenter's own.
  const bentePage = await signedInPage(browser, bente);
  try {
    await go(bentePage, `/staff/cases/${receipt.reference}`);
    const main = await bentePage.locator('main').textContent();
    expect(main).toContain('Til alle på sagen');
    expect(main).toContain('Kære Mette');
    expect(main).not.toContain('Kun til jobcentret');
  } finally {
    await bentePage.context().close();
  }

  // The enterprise's status page shows the note written to it, and only that one.
  await go(page, `/status/${receipt.reference}?token=${receipt.trackingToken}`);
  const status = await page.locator('main').textContent();
  expect(status).toContain('Kære Mette, vi har bevilget løntilskud.');
  expect(status).not.toContain('Til alle på sagen');
  expect(status).not.toContain('Kun til jobcentret');

  // Involve the social department, then hand the lead to technical & environment, each with its reason.
  await go(page, `/staff/cases/${receipt.reference}`);
  const t = da.staff.casePage;
  await page.locator('#involve-department').selectOption('social');
  await page.locator('#involve-reason').fill('En medarbejder har brug for et socialt forløb.');
  await submit(page, page.getByRole('button', { name: t.involve.submit, exact: true }));
  await expect(page.locator('.alert-success').textContent()).resolves.toContain('inddraget');
  await page.locator('#transfer-to').selectOption('technical');
  await page.locator('#transfer-reason').fill('Det handler om ombygning af caféen.');
  await submit(page, page.getByRole('button', { name: t.transfer.submit, exact: true }));
  await expect(page.locator('.alert-success').textContent()).resolves.toContain('overdraget');
  const history = await page.locator('#history + div').textContent();
  expect(history).toContain('Begrundelse: En medarbejder har brug for et socialt forløb.');
  expect(history).toContain('Begrundelse: Det handler om ombygning af caféen.');
  expect(await accessibilityViolations(page)).toEqual([]);

  await go(page, `/staff/cases/${receipt.reference}?lang=en`);
  expect(await page.getAttribute('html', 'lang')).toBe('en');
  await expect(page.locator('h1').textContent()).resolves.toBe(en.staff.casePage.title(receipt.reference));
  await expect(page.locator('#history + div').textContent()).resolves.toContain('Reason: Det handler om ombygning af caféen.');
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'staff-case-en');
});

test('two browsers change one case: the second sees what changed and keeps what it typed', async () => {
  const { browser } = session;
  const receipt = await newCase('Hjælp til en ansøgning');
  const first = await signedInPage(browser, await caseworker('Anna Andersen', ['jobcenter']));
  const second = await signedInPage(browser, await caseworker('Bo Bech', ['jobcenter']));
  try {
    await submit(first, first.getByRole('button', { name: /Tag næste sag/ }));
    expect(new URL(first.url()).pathname).toBe(`/staff/cases/${receipt.reference}`);
    await go(second, `/staff/cases/${receipt.reference}`);
    await second.getByLabel(da.staff.casePage.notes.body, { exact: true }).fill('Bo: jeg har talt med Mette i telefonen.');

    // Meanwhile Anna puts the case to waiting for the enterprise.
    await submit(first, first.getByRole('button', { name: `${da.staff.casePage.assignments.action.wait}: Jobcenter` }));
    await expect(first.locator('.alert-success').textContent()).resolves.toContain(da.staff.casePage.done.wait);

    const response = second.waitForResponse((res) => res.request().method() === 'POST');
    await submit(second, second.getByRole('button', { name: da.staff.casePage.notes.submit }));
    expect((await response).status()).toBe(409);
    const warning = await second.locator('.alert-warning').textContent();
    expect(warning).toContain(da.staff.casePage.stale.title);
    expect(warning).toContain('Jobcenter: i gang → venter på virksomheden.');
    await expect(second.locator('#note-body').inputValue()).resolves.toBe('Bo: jeg har talt med Mette i telefonen.');
    expect(await accessibilityViolations(second)).toEqual([]);

    // Having seen it, Bo sends the note again, and it is saved.
    await submit(second, second.getByRole('button', { name: da.staff.casePage.notes.submit }));
    await expect(second.locator('.case-notes').textContent()).resolves.toContain('Bo: jeg har talt med Mette i telefonen.');
  } finally {
    await first.context().close();
    await second.context().close();
  }
});

test('with JavaScript off: take the case, write a note, get a mistake back beside its field, and move the assignment', async () => {
  const { browser } = session;
  const receipt = await newCase('Uden JavaScript');
  const page = await signedInPage(browser, await caseworker('Karen Holm', ['jobcenter']), false);
  try {
    await submit(page, page.getByRole('button', { name: /Tag næste sag/ }));
    await expect(page.locator('h1').textContent()).resolves.toBe(da.staff.casePage.title(receipt.reference));

    await submit(page, page.getByRole('button', { name: da.staff.casePage.transfer.submit, exact: true }));
    await expect(page.locator('#transfer-reason-error').textContent()).resolves.toContain(da.staff.casePage.errors.reasonRequired);
    await expect(page.locator('#transfer-to-error').textContent()).resolves.toContain(da.staff.casePage.errors.chooseDepartment);

    await writeNote(page, 'Skrevet uden JavaScript.', 'case');
    await submit(page, page.getByRole('button', { name: `${da.staff.casePage.assignments.action.done}: Jobcenter` }));
    await expect(page.locator('.alert-success').textContent()).resolves.toContain(da.staff.casePage.done.done);
  } finally {
    await page.context().close();
  }
});
