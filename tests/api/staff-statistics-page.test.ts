import { danishDate } from '../../src/domain/working-days.js';
import { startTestApp, type TestContext } from '../support/app.js';
import { caseworkTeam, resolveCase, transfer } from '../support/casework.js';
import { createPerson, type Person, submitCase } from '../support/people.js';
import { csrfTokenIn, signIn } from '../support/staff.js';

// The staff statistics page: the statistics API's figures for coordinators and admins,
// as charts with their tables, a form that says what is wrong beside the field, the CSV
// with the session, and the admin's refresh of the snapshot.

let ctx: TestContext;
let admin: Person;
let coordinator: Person;
let caseworker: Person;
let adminCookie: string;
let coordinatorCookie: string;

const DAY = 86_400_000;
const from = danishDate(new Date(Date.now() - DAY));
const to = danishDate(new Date(Date.now() + DAY));
const month = danishDate(new Date()).slice(0, 7);

const page = (cookie: string, query: Record<string, string> = {}, path = '/staff/statistics') => ctx.http().get(path).query(query).set('cookie', cookie);

beforeAll(async () => {
  ctx = await startTestApp();
  admin = await createPerson(ctx, 'admin');
  ({ coordinator, caseworker } = await caseworkTeam(ctx));
  // Three hiring cases led by the jobcenter: one resolved, two handed to the social administration.
  const resolved = await submitCase(ctx);
  await resolveCase(ctx, caseworker, resolved.caseId);
  for (const reason of ['Et socialt forløb.', 'Også socialt.']) {
    const handed = await submitCase(ctx);
    await transfer(ctx, caseworker, handed.caseId, 'jobcenter', 'social', reason);
  }
  adminCookie = await signIn(ctx, admin, admin);
  coordinatorCookie = await signIn(ctx, admin, coordinator);
});
afterAll(async () => ctx.close());

describe('who may see it', () => {
  test('a caseworker gets the refusal page; without a session, the sign-in page', async () => {
    const caseworkerCookie = await signIn(ctx, admin, caseworker);
    const refused = await page(caseworkerCookie);
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('Du har ikke adgang til siden');
    expect(refused.text).toContain('Statistikken er for koordinatorer og administratorer.');
    expect(refused.text).toContain('href="/staff"');
    expect((await page(caseworkerCookie, { lang: 'en' })).text).toContain('The statistics are for coordinators and administrators.');
    expect((await page(caseworkerCookie, {}, '/staff/statistics.csv')).status).toBe(403);
    // Nor does the navigation offer it to a caseworker.
    expect((await ctx.http().get('/staff').set('cookie', caseworkerCookie)).text).not.toContain('href="/staff/statistics"');
    const anonymous = await ctx.http().get('/staff/statistics');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toContain('/staff/sign-in');
  });

  test('a coordinator sees the page, with no refresh button; an admin has the button', async () => {
    const res = await page(coordinatorCookie);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<h1>Statistik</h1>');
    // The navigation offers it to coordinators, marked as the current page here.
    expect(res.text).toContain('<a href="/staff/statistics" class="nav-link" aria-current="page">');
    expect((await ctx.http().get('/staff').set('cookie', coordinatorCookie)).text).toContain('href="/staff/statistics"');
    expect(res.text).not.toContain('/staff/statistics/snapshot');
    expect((await page(adminCookie)).text).toContain('action="/staff/statistics/snapshot"');
  });

  test('only an admin may refresh, and only with the form of the session', async () => {
    const coordinatorPage = await page(coordinatorCookie);
    const refused = await ctx.http().post('/staff/statistics/snapshot').set('cookie', coordinatorCookie).type('form').send({ _csrf: csrfTokenIn(coordinatorPage.text), lang: 'da' });
    expect(refused.status).toBe(403);
    const forged = await ctx.http().post('/staff/statistics/snapshot').set('cookie', adminCookie).type('form').send({ _csrf: 'not-the-token', lang: 'da' });
    expect(forged.status).toBe(403);
  });
});

describe('the figures', () => {
  test('before the first snapshot the page says there are none yet', async () => {
    const res = await page(coordinatorCookie, { lang: 'en' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('No snapshot has been made yet');
  });

  test("the admin's refresh makes the snapshot; then the figures appear in the charts and tables", async () => {
    const adminPage = await page(adminCookie, { lang: 'en' });
    const refreshed = await ctx.http().post('/staff/statistics/snapshot').set('cookie', adminCookie).type('form').send({ _csrf: csrfTokenIn(adminPage.text), lang: 'en' });
    expect(refreshed.status).toBe(303);
    expect(refreshed.headers.location).toBe('/staff/statistics?refreshed=1&lang=en');
    const after = await ctx.http().get(refreshed.headers.location as string).set('cookie', adminCookie);
    expect(after.text).toContain('The snapshot is refreshed');
    expect(after.text).toContain('The figures are from the snapshot made');

    // By lead department: the jobcenter kept one and resolved it, the social services lead the two handed over.
    const res = await page(coordinatorCookie, { from, to, groupBy: 'department', lang: 'en' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('<svg class="chart"');
    expect(res.text).toContain('<tr><th scope="row">Job centre</th><td class="numeric">1</td><td class="numeric">1</td></tr>');
    expect(res.text).toContain('<tr><th scope="row">Social services</th><td class="numeric">2</td><td class="numeric">0</td></tr>');
    expect(res.text).toContain('Working days to the first answer (median)');
    expect(res.text).toContain('Share with a first answer within target');
  });

  test('by month is the default, over the last twelve months', async () => {
    const res = await page(coordinatorCookie);
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/name="to" value="\d{4}-\d{2}-\d{2}"/);
    expect(res.text).toContain('<option value="month" selected>');
    const label = new Intl.DateTimeFormat('da-DK', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-15T12:00:00Z`));
    expect(res.text).toContain(`<tr><th scope="row">${label}</th><td class="numeric">3</td>`);
  });

  test('the routing rule the caseworkers overrule is marked, with where its cases went', async () => {
    const res = await page(coordinatorCookie, { from, to, lang: 'en' });
    const row = /<tr class="overruled">[\s\S]*?<\/tr>/.exec(res.text)?.[0] ?? '';
    expect(row).toContain('Often overruled');
    expect(row).toContain('<td class="numeric">3</td>');
    expect(row).toContain('<td class="numeric">2</td>');
    expect(row).toContain('Social'); // the social administration, by its English name
  });

  test('the CSV downloads carry the same figures, with the session', async () => {
    const figures = await page(coordinatorCookie, { from, to, groupBy: 'department' }, '/staff/statistics.csv');
    expect(figures.status).toBe(200);
    expect(figures.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(figures.text.split('\r\n')[0]).toMatch(/^department,received,resolved,/);
    expect(figures.text).toMatch(/\r\njobcenter,1,1,/);
    expect(figures.text).toMatch(/\r\nsocial,2,0,/);
    const routing = await page(coordinatorCookie, { from, to }, '/staff/statistics/routing.csv');
    expect(routing.status).toBe(200);
    expect(routing.text).toContain('social:2');
  });
});

describe('bad input: the page again with 400 and the problem beside its field', () => {
  test.each([
    [{ from: '2026-05-01', to: '2026-04-01' }, 'from', 'Fra-datoen må ikke ligge efter til-datoen', 'The from date must not be after the to date'],
    [{ from: '2020-01-01', to: '2025-01-02' }, 'to', 'Perioden må højst være fem år', 'The period can be at most five years'],
    [{ groupBy: 'weekday' }, 'group-by', 'Vælg afdeling, emne eller måned', 'Choose department, topic or month'],
    [{ from: '2026-02-30' }, 'from', 'Skriv en gyldig dato som ÅÅÅÅ-MM-DD', 'Enter a valid date as YYYY-MM-DD'],
    [{ to: 'i går' }, 'to', 'Skriv en gyldig dato som ÅÅÅÅ-MM-DD', 'Enter a valid date as YYYY-MM-DD'],
  ])('%j', async (query, field, da, en) => {
    for (const [lang, text] of [
      ['da', da],
      ['en', en],
    ] as const) {
      const res = await page(coordinatorCookie, { ...query, lang });
      expect(res.status).toBe(400);
      expect(res.text).toContain(`id="statistics-${field}-error"`);
      expect(res.text).toContain(text);
      expect(res.text).toContain('aria-invalid="true"');
      expect(res.text).not.toContain('<svg class="chart"');
    }
    expect((await page(coordinatorCookie, query, '/staff/statistics.csv')).status).toBe(400);
  });

  test('a repeated or overlong field, or a year PostgreSQL has no dates in, is bad input too, never a 500', async () => {
    expect((await ctx.http().get('/staff/statistics?from=2026-01-01&from=2026-02-01').set('cookie', coordinatorCookie)).status).toBe(400);
    expect((await page(coordinatorCookie, { groupBy: 'x'.repeat(500) })).status).toBe(400);
    const yearZero = await page(coordinatorCookie, { from: '0000-01-01', to: '0001-01-01' });
    expect(yearZero.status).toBe(400);
    expect(yearZero.text).toContain('id="statistics-from-error"');
    expect((await page(coordinatorCookie, { from: '0001-01-01', to: '0001-12-31', lang: 'en' })).status).toBe(200);
  });
});
