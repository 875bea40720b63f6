import type { Page } from 'playwright-core';
import { messagesFor } from '../../src/pages/messages.js';
import { validInquiry } from '../support/fixtures.js';
import { type Receiver, startReceiver } from '../support/webhook-receiver.js';
import { adminToken, api } from './support/admin-api.js';
import { accessibilityViolations, screenshot, useBrowserSession } from './support/browser.js';

// The administration's sections in a real browser, with JavaScript on and off: an admin
// makes an integrator and its token, registers a webhook to a receiver that fails, sees
// the failure, redelivers once the receiver works, and changes a topic's response days.
// Every page passes axe in Danish and English. The retry schedule is an hour long, so only
// the admin's redelivery can make a failed delivery succeed.

const da = messagesFor('da');
const en = messagesFor('en');

const session = useBrowserSession({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', WEBHOOK_RETRY_SCHEDULE: '1h,1h', WEBHOOK_POLL_INTERVAL_MS: '200' });

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver('failing');
});
afterAll(async () => receiver.close());

/** Signs a user in with a sign-in link the first admin makes, in the page given (the first admin when no user is named). */
async function signIn(page: Page, user?: { id: string; name: string }): Promise<void> {
  const { service } = session;
  const token = adminToken(service.output());
  const who = user ?? ((await api(service.baseUrl, token, 'GET', '/v1/me')) as { id: string; name: string });
  const link = await api(service.baseUrl, token, 'POST', `/v1/users/${who.id}/sign-in-links`);
  await page.goto(`${service.baseUrl}${new URL(link.url).pathname}`);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: da.staff.signIn.confirm.button(who.name) }).click()]);
}

const submit = (page: Page, name: string | RegExp) => Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);
const follow = (page: Page, name: string) => Promise.all([page.waitForNavigation(), page.getByRole('link', { name, exact: true }).click()]);

async function expectAccessible(page: Page): Promise<void> {
  expect(await accessibilityViolations(page)).toEqual([]);
}

/** Reloads the page until its main content says `text` (the worker delivers in the background). */
async function reloadUntil(page: Page, text: string): Promise<void> {
  const deadline = Date.now() + 45_000;
  while (!((await page.locator('main').textContent()) ?? '').includes(text)) {
    if (Date.now() > deadline) throw new Error(`the page never said "${text}"`);
    await page.waitForTimeout(250);
    await page.reload();
  }
}

async function submitInquiry(): Promise<string> {
  const res = await fetch(`${session.service.baseUrl}/v1/inquiries`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(validInquiry()) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { reference: string }).reference;
}

/** The whole round, in the page given: integrator and token, a failing webhook redelivered, a topic's response days. */
async function administer(page: Page, label: string, responseDays: string, { axe }: { axe: boolean }): Promise<void> {
  const { service } = session;
  // Axe runs inside the page, so it checks only where scripts run; without them the pages are the same.
  const accessible = async () => {
    if (axe) await expectAccessible(page);
  };
  receiver.mode = 'failing';

  // Integrators, in Danish.
  await page.goto(`${service.baseUrl}/staff/admin`);
  await follow(page, da.staff.admin.sections.integrators);
  const ti = da.staff.admin.integrators;
  await expect(page.locator('h1').textContent()).resolves.toBe(ti.title);
  await accessible();
  await page.getByLabel(da.staff.admin.name, { exact: true }).fill(`Partnerportalen ${label}`);
  await page.getByLabel(ti.contact, { exact: true }).fill(`drift.${label}.${Date.now()}@partner.example`);
  await expect(page.getByLabel(da.staff.admin.tokens.tokenName, { exact: true }).inputValue()).resolves.toBe(ti.create.defaultTokenName);
  await submit(page, ti.create.button);
  const token = (await page.locator('#new-token').textContent()) as string;
  expect(token).toMatch(/^oe_/);
  await accessible();
  await screenshot(page, `staff-admin-integrator-${label}`);
  const me = await fetch(`${service.baseUrl}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
  expect(me.status).toBe(200);
  expect(await me.json()).toMatchObject({ role: 'integrator', name: `Partnerportalen ${label}` });

  // Webhooks, in English: register one to the receiver, which answers 500.
  await page.goto(`${service.baseUrl}/staff/admin/webhooks?lang=en`);
  const tw = en.staff.admin.webhooks;
  await accessible();
  await page.getByLabel(tw.url, { exact: true }).fill(receiver.url);
  await page.getByLabel(`${tw.eventTypes['case.created']} (case.created)`, { exact: true }).check();
  await submit(page, tw.create.button);
  await expect(page.locator('#new-secret').textContent()).resolves.toMatch(/^whsec_/);
  await accessible();
  // The answer has the form's address; the endpoint's own page is where its forms post.
  const endpoint = await page.locator('form[action$="/secret"]').getAttribute('action');
  expect(endpoint).toMatch(/^\/staff\/admin\/webhooks\/[0-9a-f-]{36}\/secret$/);
  const endpointPage = `${service.baseUrl}${(endpoint as string).replace(/\/secret$/, '')}?lang=en`;

  const reference = await submitInquiry();
  await page.goto(endpointPage);
  await reloadUntil(page, tw.deliveries.statuses.retrying);
  const failed = page.locator('tr', { hasText: reference });
  await expect(failed.textContent()).resolves.toContain('500');
  await accessible();
  await screenshot(page, `staff-admin-webhook-failed-${label}`);

  // The receiver works again; the admin sends the delivery again.
  receiver.mode = 'up';
  await submit(page, tw.deliveries.redeliverNamed('case.created', reference));
  await expect(page.locator('main').textContent()).resolves.toContain(tw.done.redelivered);
  await reloadUntil(page, tw.deliveries.statuses.delivered);
  await expect(page.locator('tr', { hasText: reference }).textContent()).resolves.toContain(tw.deliveries.statuses.delivered);
  await accessible();
  expect(receiver.requests.filter((r) => r.json.data.reference === reference).map((r) => r.accepted)).toEqual(expect.arrayContaining([false, true]));

  // The topic catalogue, in Danish: a bad number first, then the new response days.
  await page.goto(`${service.baseUrl}/staff/admin/topics`);
  const tt = da.staff.admin.topics;
  await accessible();
  await follow(page, tt.editNamed('Ansættelse og løntilskud'));
  await accessible();
  await page.getByLabel(tt.responseDays, { exact: true }).fill('0');
  await submit(page, tt.save);
  await expect(page.locator('#topic-responseDays-error').textContent()).resolves.toContain(tt.errors.responseDays);
  await accessible();
  await page.getByLabel(tt.responseDays, { exact: true }).fill(responseDays);
  await submit(page, tt.save);
  await expect(page.locator('main').textContent()).resolves.toContain(tt.saved('Ansættelse og løntilskud'));
  await expect(page.locator('tr', { hasText: 'hiring' }).textContent()).resolves.toContain(responseDays);
  const topics = (await (await fetch(`${service.baseUrl}/v1/topics`)).json()) as { code: string; responseDays: number }[];
  expect(topics.find((topic) => topic.code === 'hiring')?.responseDays).toBe(Number(responseDays));
}

test('with JavaScript on, an admin makes an integrator, redelivers a failed webhook and changes a topic, every page passing axe in Danish and English', async () => {
  const { page, service } = session;
  await signIn(page);
  await administer(page, 'js', '12', { axe: true });

  // The remaining pages in both languages.
  for (const path of ['/staff/admin/departments', '/staff/admin/departments?lang=en', '/staff/admin/topics?lang=en', '/staff/admin/integrators?lang=en', '/staff/admin/webhooks']) {
    await page.goto(`${service.baseUrl}${path}`);
    await expectAccessible(page);
  }
  await screenshot(page, 'staff-admin-webhooks-da');
});

test('with JavaScript off, the same round works with plain forms', async () => {
  const { browser } = session;
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await noScript.newPage();
    await signIn(page);
    await administer(page, 'nojs', '9', { axe: false });
  } finally {
    await noScript.close();
  }
});

test('a coordinator is told, in Danish and English, that the administration pages are for administrators', async () => {
  const { page, service } = session;
  const token = adminToken(service.output());
  const coordinator = await api(service.baseUrl, token, 'POST', '/v1/users', { name: 'Karin Koordinator', email: `karin.${Date.now()}@kommune.example`, role: 'coordinator' });
  await signIn(page, { id: coordinator.id, name: coordinator.name });
  for (const [path, m] of [['/staff/admin/webhooks', da], ['/staff/admin/topics?lang=en', en]] as const) {
    const res = await page.goto(`${service.baseUrl}${path}`);
    expect(res?.status()).toBe(403);
    await expect(page.locator('main').textContent()).resolves.toContain(m.staff.admin.forbidden.body);
    await expectAccessible(page);
  }
});
