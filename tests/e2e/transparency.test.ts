import { messagesFor } from '../../src/pages/messages.js';
import { validInquiry } from '../support/fixtures.js';
import { adminToken, api } from './support/admin-api.js';
import { accessibilityViolations, screenshot, useBrowserSession } from './support/browser.js';

const da = messagesFor('da');
const en = messagesFor('en');

const session = useBrowserSession();

test('the transparency page shows the public figures as charts with their tables, in Danish and English, with no axe violations', async () => {
  const { page, service } = session;
  const admin = adminToken(service.output());
  await api(service.baseUrl, admin, 'PATCH', '/v1/topics/hiring', { public: true });
  await api(service.baseUrl, admin, 'PATCH', '/v1/topics/premises-permits', { public: true });
  for (let i = 0; i < 6; i++) {
    await api(service.baseUrl, admin, 'POST', '/v1/inquiries', validInquiry({ topics: ['hiring'] }));
    await api(service.baseUrl, admin, 'POST', '/v1/inquiries', validInquiry({ topics: ['premises-permits'] }));
  }
  await api(service.baseUrl, admin, 'POST', '/v1/statistics/snapshot');

  await page.goto(`${service.baseUrl}/transparency`);
  await expect(page.locator('h1').textContent()).resolves.toBe(da.transparency.title);
  expect(await page.locator('svg.chart[role="img"]').count()).toBe(2);
  await expect(page.locator('table caption').allTextContents()).resolves.toEqual([
    da.transparency.tableCaption(da.transparency.totalTopic),
    da.transparency.tableCaption('Ansættelse og løntilskud'),
    da.transparency.tableCaption('Lokaler og tilladelser'),
  ]);
  // This month: twelve inquiries, six per topic; none answered yet, so no median (a dash, explained to screen readers).
  const thisMonth = (table: number) => page.locator('table').nth(table).locator('tbody tr').last().locator('td');
  await expect(thisMonth(0).first().textContent()).resolves.toBe('12');
  await expect(thisMonth(1).first().textContent()).resolves.toBe('6');
  await expect(thisMonth(2).first().textContent()).resolves.toBe('6');
  await expect(thisMonth(1).nth(2).textContent()).resolves.toContain(da.transparency.suppressedLabel);
  await screenshot(page, 'transparency-da');
  expect(await accessibilityViolations(page)).toEqual([]);

  await page.getByRole('link', { name: 'English' }).click();
  expect(await page.getAttribute('html', 'lang')).toBe('en');
  await expect(page.locator('h1').textContent()).resolves.toBe(en.transparency.title);
  expect(await accessibilityViolations(page)).toEqual([]);
});
