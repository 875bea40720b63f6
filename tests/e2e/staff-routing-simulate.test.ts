import type { Page } from 'playwright-core';
import { messagesFor } from '../../src/pages/messages.js';
import { validInquiry } from '../support/fixtures.js';
import { adminToken, api } from './support/admin-api.js';
import { accessibilityViolations, screenshot, useBrowserSession } from './support/browser.js';

// The routing simulation and golden cases pages in a real browser, with JavaScript on and
// off: a coordinator makes a draft over the API with a new keyword rule, tries an inquiry
// with that keyword on the page, sees the draft route it differently from the published
// table, saves it as a golden case, and sees it pass against the draft and fail against
// the published table. Every page passes axe, in Danish and English.

const da = messagesFor('da');
const en = messagesFor('en');

const session = useBrowserSession();

/** A rule the published table lacks: a reuse shop goes to Technical and Environment first. */
const reuseRule = { id: 'reuse-technical', name: 'Genbrug går til Teknik og Miljø', when: { keywords: { anyOf: ['genbrug'] } }, then: { department: 'technical', role: 'lead' } };

let people = 0;

/** A new coordinator: an API token, and a path that signs them in once. */
async function coordinator(name: string): Promise<{ token: string; linkPath: string }> {
  const { baseUrl } = session.service;
  const admin = adminToken(session.service.output());
  people += 1;
  const user = await api(baseUrl, admin, 'POST', '/v1/users', { name, email: `coordinator.${people}.${Date.now()}@kommune.example`, role: 'coordinator' });
  const token = await api(baseUrl, admin, 'POST', `/v1/users/${user.id}/tokens`, { name: 'routing' });
  const link = await api(baseUrl, admin, 'POST', `/v1/users/${user.id}/sign-in-links`);
  return { token: token.token as string, linkPath: new URL(link.url).pathname };
}

/** A draft copied from the published table with the reuse rule first, made over the API as the coordinator. */
async function draftWithReuseRule(token: string): Promise<number> {
  const { baseUrl } = session.service;
  const published = await api(baseUrl, token, 'GET', '/v1/routing/tables/1');
  const draft = await api(baseUrl, token, 'POST', '/v1/routing/tables', { copyFrom: 1 });
  await api(baseUrl, token, 'PUT', `/v1/routing/tables/${draft.version}`, { fallbackDepartment: published.fallbackDepartment, rules: [reuseRule, ...published.rules] });
  return draft.version as number;
}

async function signIn(page: Page, linkPath: string, name: string): Promise<void> {
  await page.goto(`${session.service.baseUrl}${linkPath}`);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: da.staff.signIn.confirm.button(name) }).click()]);
}

const submit = (page: Page, name: string) => Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);

/**
 * Axe runs as a script in the page, which a browser with JavaScript off does not run: the
 * markup that browser was served is checked in a page that runs script, at the same address.
 */
async function violationsOfServed(page: Page): Promise<string[]> {
  const markup = await page.content();
  const url = page.url();
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const checker = await context.newPage();
    await checker.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: markup }));
    await checker.goto(url);
    return await accessibilityViolations(checker);
  } finally {
    await context.close();
  }
}

/** The text of the row headed `header` in the table `#id`, spaces collapsed. */
async function row(page: Page, id: string, header: string): Promise<string> {
  const cells = await page.locator(`#${id} tr`, { has: page.locator('th[scope="row"]', { hasText: header }) }).first().locator('th, td').allInnerTexts();
  return cells.join(' ').replace(/\s+/g, ' ').trim();
}

test('a coordinator simulates a keyword on a draft, saves it as a golden case, and sees it pass against the draft and fail against the published table, in Danish and English', async () => {
  const { page, service } = session;
  const { token, linkPath } = await coordinator('Cecilie Clausen');
  const version = await draftWithReuseRule(token);
  await signIn(page, linkPath, 'Cecilie Clausen');

  const t = da.staff.routingSimulate;
  const names = da.staff.routingInquiry;
  await page.goto(`${service.baseUrl}/staff/routing/tables/${version}/simulate`);
  await expect(page.locator('h1').textContent()).resolves.toBe(t.title(version));
  expect(await accessibilityViolations(page)).toEqual([]);

  await page.getByLabel('Forretningsudvikling', { exact: true }).check();
  await page.locator('#simulate-subject').fill('Genbrugsbutik i midtbyen');
  await page.locator('#simulate-description').fill('Vi vil åbne en butik med genbrug og ansætte to.');
  await page.locator('#simulate-postcode').fill('6000');
  await submit(page, t.submit);
  const draftName = names.versionName(version, names.tableStatus.draft);
  const publishedName = names.versionName(1, names.tableStatus.published);
  await expect(page.locator('#result ~ p').first().textContent()).resolves.toBe(t.result.differsVerdict(draftName, publishedName));
  expect(await row(page, 'decision', t.result.lead)).toBe(`${t.result.lead} Teknik og Miljø Erhvervsservice ${t.result.differs}`);
  expect(await row(page, 'rules', reuseRule.name)).toContain(`${t.result.notInTable} ${t.result.differs}`);
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'staff-routing-simulate-da');

  // Saved with the draft's decision as it is preset.
  await page.locator('#golden-name').fill('Genbrugsbutik');
  await submit(page, t.save.button);
  const g = da.staff.goldenCases;
  await expect(page.locator('h1').textContent()).resolves.toBe(g.title);
  await expect(page.locator('main').textContent()).resolves.toContain(g.done.created);
  const listed = await row(page, 'golden-cases', 'Genbrugsbutik');
  expect(listed).toContain(`${g.passes} ${g.fails}`);
  await expect(page.locator('main').textContent()).resolves.toContain(g.tally(1, 1, draftName));
  await expect(page.locator('main').textContent()).resolves.toContain(g.tally(0, 1, publishedName));
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'staff-golden-cases-da');

  // The same list in English, then a mistake in the add form, beside its field.
  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'English' }).click()]);
  const e = en.staff.goldenCases;
  await expect(page.locator('h1').textContent()).resolves.toBe(e.title);
  expect(await row(page, 'golden-cases', 'Genbrugsbutik')).toContain(`${e.passes} ${e.fails}`);
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.locator('#add-name').fill('Uden emne');
  const [answer] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: e.add.button }).click()]);
  expect(answer?.status()).toBe(400);
  await expect(page.locator('#add-topics-error').textContent()).resolves.toContain(en.fields.topics.required);
  await expect(page.locator('#add-name').inputValue()).resolves.toBe('Uden emne');
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'staff-golden-cases-error-en');

  // The simulation in English, and deleting the golden case after being asked.
  await page.goto(`${service.baseUrl}/staff/routing/tables/${version}/simulate?lang=en`);
  await expect(page.locator('h1').textContent()).resolves.toBe(en.staff.routingSimulate.title(version));
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.goto(`${service.baseUrl}/staff/routing/golden-cases?version=${version}&lang=en`);
  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: `${e.delete.link} Genbrugsbutik` }).click()]);
  await expect(page.locator('h1').textContent()).resolves.toBe(e.delete.title('Genbrugsbutik'));
  expect(await accessibilityViolations(page)).toEqual([]);
  await submit(page, e.delete.confirm);
  await expect(page.locator('main').textContent()).resolves.toContain(e.done.deleted);
  await expect(page.locator('main').textContent()).resolves.toContain(e.none);
});

test('with JavaScript off, a coordinator takes a recent case into the simulation, in English, and saves it as a golden case', async () => {
  const { browser, service } = session;
  const { token, linkPath } = await coordinator('Carl Christensen');
  const version = await draftWithReuseRule(token);
  const receipt = await api(service.baseUrl, adminToken(service.output()), 'POST', '/v1/inquiries', validInquiry({ topics: ['business-development'], subject: 'Genbrugscafé', description: 'Vi sælger genbrugsmøbler i caféen.' }));
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await noScript.newPage();
    await signIn(page, linkPath, 'Carl Christensen');
    const t = en.staff.routingSimulate;
    const names = en.staff.routingInquiry;
    await page.goto(`${service.baseUrl}/staff/routing/tables/${version}/simulate?lang=en`);
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: `${t.recent.use} ${receipt.reference}` }).click()]);
    await expect(page.locator('main').textContent()).resolves.toContain(t.recent.picked(receipt.reference));
    await expect(page.locator('#simulate-subject').inputValue()).resolves.toBe('Genbrugscafé');
    const draftName = names.versionName(version, names.tableStatus.draft);
    const publishedName = names.versionName(1, names.tableStatus.published);
    await expect(page.locator('main').textContent()).resolves.toContain(t.result.differsVerdict(draftName, publishedName));
    expect(await row(page, 'decision', t.result.lead)).toBe(`${t.result.lead} Technical and environmental services Business service ${t.result.differs}`);
    expect(await violationsOfServed(page)).toEqual([]);
    await screenshot(page, 'staff-routing-simulate-case-en');

    // A name left out comes back beside the field; then saved.
    await submit(page, t.save.button);
    await expect(page.locator('#golden-name-error').textContent()).resolves.toContain(names.errors.nameRequired);
    expect(await violationsOfServed(page)).toEqual([]);
    await page.locator('#golden-name').fill('Genbrugscafé');
    await submit(page, t.save.button);
    const g = en.staff.goldenCases;
    await expect(page.locator('main').textContent()).resolves.toContain(g.done.created);
    expect(await row(page, 'golden-cases', 'Genbrugscafé')).toContain(`${g.passes} ${g.fails}`);
    await expect(page.locator('main').textContent()).resolves.toContain(g.tally(1, 1, draftName));
    await expect(page.locator('main').textContent()).resolves.toContain(g.tally(0, 1, publishedName));
    expect(await violationsOfServed(page)).toEqual([]);

    // The same list in Danish.
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Dansk' }).click()]);
    await expect(page.locator('h1').textContent()).resolves.toBe(da.staff.goldenCases.title);
    expect(await row(page, 'golden-cases', 'Genbrugscafé')).toContain(`${da.staff.goldenCases.passes} ${da.staff.goldenCases.fails}`);
    expect(await violationsOfServed(page)).toEqual([]);
  } finally {
    await noScript.close();
  }
});
