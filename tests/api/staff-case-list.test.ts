import { sql } from 'kysely';
import { startTestApp, type TestContext } from '../support/app.js';
import { createPerson, type Person, type SubmittedCase, submitCase } from '../support/people.js';
import { signIn } from '../support/staff.js';

// The staff case list: the API's filters and keyset pages as a page, through the same
// service and access rules as GET /v1/cases.

let ctx: TestContext;
let admin: Person;
let coordinator: Person;
let jonas: Person;
let bodil: Person;
const cookies = new Map<Person, string>();

// Hiring goes to the jobcenter (5 working days), business development to the business service (10).
let hiringOld: SubmittedCase;
let bizOld: SubmittedCase;
let hiringNew: SubmittedCase;
let bizNew: SubmittedCase;

beforeAll(async () => {
  ctx = await startTestApp();
  admin = await createPerson(ctx, 'admin');
  coordinator = await createPerson(ctx, 'coordinator');
  jonas = await createPerson(ctx, 'caseworker', ['jobcenter'], 'Jonas Jensen');
  bodil = await createPerson(ctx, 'caseworker', ['business-service'], 'Bodil Berg');
  hiringOld = await submitCase(ctx, { topics: ['hiring'], enterprise: { cvr: '13748136', name: 'Grøn Omstilling ApS' } });
  bizOld = await submitCase(ctx, { topics: ['business-development'], subject: 'Vækstplan', description: 'Hjælp til vækst og nye markeder, tak.' });
  hiringNew = await submitCase(ctx, { topics: ['hiring'], subject: '<script>alert(1)</script>' });
  bizNew = await submitCase(ctx, { topics: ['business-development'], subject: 'Eksport', description: 'Vi vil gerne sælge til Sverige og Norge.' });
  // Jonas takes the oldest jobcenter case.
  const claimed = await ctx.http().post('/v1/departments/jobcenter/claim').set('authorization', jonas.auth);
  expect(claimed.body.id).toBe(hiringOld.caseId);
  for (const person of [coordinator, jonas, bodil]) cookies.set(person, await signIn(ctx, admin, person));
});
afterAll(async () => ctx.close());

const page = (as: Person, query: Record<string, string> = {}) =>
  ctx
    .http()
    .get('/staff/cases')
    .query(query)
    .set('cookie', cookies.get(as) as string);
const api = (as: Person, query: Record<string, string> = {}) => ctx.http().get('/v1/cases').query(query).set('authorization', as.auth);

/** The references of the page's table rows, in order. */
const referencesIn = (text: string) => [...text.matchAll(/<th scope="row"><a href="\/staff\/cases\/([^"?]+)[^"]*">/g)].map((match) => decodeURIComponent(match[1] as string));
const apiReferences = async (as: Person, query: Record<string, string> = {}) => {
  const res = await api(as, { limit: '100', ...query });
  expect(res.status).toBe(200);
  return (res.body.items as { reference: string }[]).map((item) => item.reference);
};
/** The "next page" link of a page, decoded for the next request. */
const nextHref = (text: string) => /<a class="button button-secondary" href="([^"]+)" rel="next">/.exec(text)?.[1]?.replaceAll('&amp;', '&');

describe('what a caseworker sees', () => {
  test('each caseworker sees what the API shows them, every case linking to its page; a coordinator sees every case', async () => {
    const jonasPage = await page(jonas);
    expect(jonasPage.status).toBe(200);
    expect(jonasPage.headers['cache-control']).toBe('no-store');
    expect(jonasPage.headers['content-security-policy']).toContain("script-src 'self'");
    expect(referencesIn(jonasPage.text)).toEqual([hiringOld.reference, hiringNew.reference]);
    expect(referencesIn(jonasPage.text)).toEqual(await apiReferences(jonas));
    expect(jonasPage.text).toContain(`href="/staff/cases/${hiringOld.reference}"`);

    const bodilPage = await page(bodil);
    expect(referencesIn(bodilPage.text)).toEqual([bizOld.reference, bizNew.reference]);
    expect(bodilPage.text).not.toContain(hiringOld.reference);

    const all = await page(coordinator, { lang: 'en' });
    expect(referencesIn(all.text)).toEqual([hiringOld.reference, hiringNew.reference, bizOld.reference, bizNew.reference]);
    // Links keep the page's language.
    expect(all.text).toContain(`href="/staff/cases/${hiringOld.reference}?lang=en"`);
  });

  test('a row shows subject, enterprise, lead department, status and due date, escaped', async () => {
    const res = await page(coordinator, { q: hiringOld.reference, lang: 'en' });
    expect(res.text).toMatch(/Grøn Omstilling ApS<br><span class="form-hint">CVR 13748136<\/span>/);
    expect(res.text).toContain('<td>Job centre</td>');
    expect(res.text).toContain('<td>In progress</td>');
    const item = (await api(coordinator, { q: hiringOld.reference })).body.items[0];
    expect(res.text).toContain(new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${item.dueDate}T12:00:00Z`)));

    const hostile = await page(coordinator, { q: hiringNew.reference });
    expect(hostile.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(hostile.text).not.toContain('<script>alert(1)');
  });

  test('the page is for signed-in staff: without a session it leads to the sign-in page, and back after it', async () => {
    const res = await ctx.http().get('/staff/cases?lang=en');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/staff/sign-in?next=${encodeURIComponent('/staff/cases?lang=en')}&lang=en`);
  });

  test('the staff pages lead between my work and the case list; my cases link to their pages', async () => {
    const work = await ctx.http().get('/staff').set('cookie', cookies.get(jonas) as string);
    expect(work.text).toMatch(/<a href="\/staff" class="nav-link" aria-current="page"><span>Mit arbejde<\/span><\/a>/);
    expect(work.text).toContain('<a href="/staff/cases" class="nav-link"><span>Sager</span></a>');
    expect(work.text).toContain(`<a href="/staff/cases/${hiringOld.reference}">${hiringOld.reference}</a>`);
    const english = await ctx.http().get('/staff?lang=en').set('cookie', cookies.get(jonas) as string);
    expect(english.text).toContain(`<a href="/staff/cases/${hiringOld.reference}?lang=en">`);

    const list = await page(jonas, { lang: 'en' });
    expect(list.text).toMatch(/<a href="\/staff\/cases\?lang=en" class="nav-link" aria-current="page"><span>Cases<\/span><\/a>/);
  });
});

describe('filters', () => {
  test('every filter of the API gives the cases the API gives', async () => {
    const filters: Record<string, string>[] = [
      { department: 'jobcenter', status: 'queued' },
      { department: 'business-service' },
      { status: 'in_progress' },
      { assignee: 'none' },
      { assignee: jonas.id },
      { caseStatus: 'in_progress' },
      { topic: 'business-development' },
      { q: 'grøn omstilling' },
      { q: 'DK 1374 8136' },
      { sort: 'newest' },
      { overdue: 'false' },
    ];
    for (const filter of filters) {
      const res = await page(coordinator, filter);
      expect([filter, res.status]).toEqual([filter, 200]);
      expect([filter, referencesIn(res.text)]).toEqual([filter, await apiReferences(coordinator, filter)]);
    }
    expect(referencesIn((await page(coordinator, { department: 'jobcenter', status: 'queued' })).text)).toEqual([hiringNew.reference]);
    expect(referencesIn((await page(coordinator, { sort: 'newest' })).text)).toEqual([bizNew.reference, hiringNew.reference, bizOld.reference, hiringOld.reference]);
  });

  test('"me" is the signed-in caseworker', async () => {
    expect(referencesIn((await page(jonas, { assignee: 'me' })).text)).toEqual([hiringOld.reference]);
    expect(referencesIn((await page(bodil, { assignee: 'me' })).text)).toEqual([]);
    expect((await page(bodil, { assignee: 'me' })).text).toContain('Ingen sager passer på filtrene.');
  });

  test('overdue finds open assignments past their due date, marked in the table', async () => {
    await sql`UPDATE assignments SET due_date = '2020-01-02' WHERE case_id = ${bizNew.caseId}`.execute(ctx.db);
    try {
      const res = await page(coordinator, { overdue: 'true', lang: 'en' });
      expect(referencesIn(res.text)).toEqual([bizNew.reference]);
      expect(res.text).toContain('<strong>(overdue)</strong>');
    } finally {
      await sql`UPDATE assignments a SET due_date = c.due_date FROM cases c WHERE c.id = a.case_id AND a.case_id = ${bizNew.caseId}`.execute(ctx.db);
    }
  });

  test('the form shows the filters chosen, and empty fields are no filter', async () => {
    const res = await page(jonas, { department: 'jobcenter', status: '', q: '  ', assignee: 'me', sort: 'newest' });
    expect(res.status).toBe(200);
    expect(referencesIn(res.text)).toEqual([hiringOld.reference]);
    expect(res.text).toContain('<option value="jobcenter" selected>');
    expect(res.text).toContain('<option value="me" selected>');
    expect(res.text).toContain('<option value="newest" selected>');
    // Jonas's colleagues are the caseworkers of his departments.
    expect(res.text).toContain(`<option value="${jonas.id}">Jonas Jensen</option>`);
    expect(res.text).not.toContain('Bodil Berg');
  });

  test('malformed filters give the page again with a 400 and a message beside each field', async () => {
    const res = await page(coordinator, { status: 'lost', assignee: 'someone', limit: '500', department: 'nowhere', q: 'x'.repeat(101), colour: 'blue' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('<title>Fejl: Sager');
    expect(referencesIn(res.text)).toEqual([]);
    for (const [id, message] of [
      ['filter-q', 'Søgningen må højst være 100 tegn'],
      ['filter-department', 'Afdelingen findes ikke. Vælg en afdeling på listen'],
      ['filter-status', 'Vælg en status på listen'],
      ['filter-assignee', 'Vælg en sagsbehandler på listen'],
      ['filter-limit', 'Vælg 25, 50 eller 100 sager pr. side'],
    ]) {
      expect(res.text).toContain(`<span class="form-error-message" id="${id}-error"><span class="sr-only">Fejl: </span>${message}</span>`);
      expect(res.text).toMatch(new RegExp(`id="${id}" name="[a-zA-Z]+" aria-describedby="[^"]*${id}-error" aria-invalid="true"`));
      expect(res.text).toContain(`href="#${id}">${message}</a>`);
    }
    // The search typed stays in the field.
    expect(res.text).toContain(`value="${'x'.repeat(101)}"`);

    const english = await page(coordinator, { overdue: 'maybe', topic: 'astrology', lang: 'en' });
    expect(english.status).toBe(400);
    expect(english.text).toContain('Choose yes, no or all');
    expect(english.text).toContain('There is no such topic. Choose a topic from the list');
  });

  test('odd addresses never fail the page: repeated and unknown parameters, control characters', async () => {
    expect((await ctx.http().get('/staff/cases?status=queued&status=done&colour=blue').set('cookie', cookies.get(coordinator) as string)).status).toBe(200);
    const nul = await ctx.http().get('/staff/cases?q=%00abc').set('cookie', cookies.get(coordinator) as string);
    expect(nul.status).toBe(400);
    expect(nul.text).toContain('Søgningen må ikke indeholde usynlige tegn</span>');
    const page1 = await ctx.http().get('/staff/cases?page=abc&lang=xx').set('cookie', cookies.get(coordinator) as string);
    expect(page1.status).toBe(200);
  });
});

describe('keyset pages', () => {
  test('following "next page" walks every case once, in the API\'s order, with a way back to the first page', async () => {
    for (let i = 0; i < 5; i += 1) await submitCase(ctx, { topics: ['flex-jobs'] });
    const all = await apiReferences(coordinator);
    expect(all.length).toBe(9);

    const walked: string[] = [];
    let res = await page(coordinator, { limit: '4', lang: 'en' });
    let pages = 1;
    expect(res.text).toContain('Page 1');
    expect(res.text).not.toContain('First page');
    for (;;) {
      expect(res.status).toBe(200);
      walked.push(...referencesIn(res.text));
      const next = nextHref(res.text);
      if (!next) break;
      expect(next).toMatch(/^\/staff\/cases\?limit=4&cursor=[^&]+&page=\d+&lang=en$/);
      res = await ctx.http().get(next).set('cookie', cookies.get(coordinator) as string);
      pages += 1;
      expect(res.text).toContain(`Page ${pages}`);
      expect(res.text).toContain('<a class="function-link" href="/staff/cases?limit=4&amp;lang=en">');
    }
    expect(pages).toBe(3);
    expect(res.text).toContain('This is the last page.');
    expect(walked).toEqual(all);
  });

  test('the pages keep the filters: a caseworker pages through their own department only', async () => {
    const first = await page(jonas, { limit: '1', department: 'jobcenter' });
    const next = nextHref(first.text);
    expect(next).toContain('department=jobcenter');
    const second = await ctx.http().get(next as string).set('cookie', cookies.get(jonas) as string);
    expect([...referencesIn(first.text), ...referencesIn(second.text)]).toEqual((await apiReferences(jonas, { department: 'jobcenter' })).slice(0, 2));
  });

  test('a cursor made for other filters, or no cursor at all, is a 400 that leads back to the first page', async () => {
    const first = await page(coordinator, { limit: '2' });
    const cursor = new URL(`http://x${nextHref(first.text)}`).searchParams.get('cursor') as string;
    const stale = await page(coordinator, { limit: '2', topic: 'hiring', cursor });
    expect(stale.status).toBe(400);
    expect(stale.text).toContain('Linket til næste side passer ikke til filtrene. Start forfra på første side.');
    expect(stale.text).toContain('<a class="function-link" href="/staff/cases?topic=hiring&amp;limit=2">');
    const garbage = await page(coordinator, { cursor: 'not-a-cursor' });
    expect(garbage.status).toBe(400);
  });
});
