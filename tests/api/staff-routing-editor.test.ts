import { startTestApp, type TestContext } from '../support/app.js';
import { transfer } from '../support/casework.js';
import { createPerson, type Person, submitCase } from '../support/people.js';
import { routingAs } from '../support/routing.js';
import { csrfTokenIn, errorBeside, signIn } from '../support/staff.js';

// The routing editor: coordinators and admins copy a version to a draft, edit its rules
// as forms, see the warnings and the diff, and publish it, in the browser, through the
// same routing service and rules as the API. A mistake gives the page again with the
// message beside the field and changes nothing.

let ctx: TestContext;
let admin: Person;
let coordinator: Person;
let cookie: string;

beforeAll(async () => {
  ctx = await startTestApp();
  admin = await createPerson(ctx, 'admin');
  coordinator = await createPerson(ctx, 'coordinator', [], 'Conny Koordinator');
  cookie = await signIn(ctx, admin, coordinator);
});
afterAll(async () => ctx.close());

const get = (path: string, as = cookie) => ctx.http().get(path).set('cookie', as);
const unescape = (text: string) => text.replace(/&quot;/g, '"').replace(/&amp;/g, '&');

/** Posts a form from the page at `from`, with that page's CSRF token and the table's revision as the page shows it. */
async function post(path: string, form: Record<string, string | string[]>, from: string, as = cookie) {
  const page = await get(from, as);
  const revision = /name="revision" value="([^"]*)"/.exec(page.text)?.[1];
  return ctx
    .http()
    .post(path)
    .set('cookie', as)
    .type('form')
    .send({ _csrf: csrfTokenIn(page.text), ...(revision === undefined ? {} : { revision: unescape(revision) }), ...form });
}

const api = () => routingAs(ctx, coordinator);
const tableOf = async (version: number) => (await api().get(version)).body as { status: string; revision?: number; rules: { id: string; name: string; when: Record<string, unknown>; then: { department: string; role: string } }[]; fallbackDepartment: string; publishReason: string | null; publishForced: boolean };
const versionCount = async () => ((await ctx.http().get('/v1/routing/tables').set('authorization', coordinator.auth)).body as unknown[]).length;

/** A fresh draft copied from the published table, through the page; returns its number. */
async function copyPublished(lang: 'da' | 'en' = 'da'): Promise<number> {
  const published = ((await ctx.http().get('/v1/routing/tables').set('authorization', coordinator.auth)).body as { version: number; status: string }[]).find((v) => v.status === 'published');
  const res = await post('/staff/routing/tables', { copyFrom: String(published?.version), lang }, '/staff/routing');
  expect(res.status).toBe(303);
  const version = Number(/^\/staff\/routing\/tables\/(\d+)\?done=copied/.exec(res.headers.location as string)?.[1]);
  expect(version).toBeGreaterThan(1);
  return version;
}

/** The fields of a rule's form, as a browser sends them. */
function ruleForm(fields: Partial<Record<string, string | string[]>>): Record<string, string | string[]> {
  return {
    name: '',
    keywords: '',
    employeesMin: '',
    employeesMax: '',
    postcodeFrom: [''],
    postcodeTo: [''],
    registeredSocialEnterprise: 'any',
    department: '',
    role: 'lead',
    ...(fields as Record<string, string | string[]>),
  };
}

test('a caseworker gets the 403 page, is not offered the way here, and cannot post; without a session it is the sign-in page', async () => {
  const caseworker = await createPerson(ctx, 'caseworker', ['jobcenter']);
  const theirs = await signIn(ctx, admin, caseworker);
  expect((await get('/staff', theirs)).text).not.toContain('href="/staff/routing"');
  expect((await get('/staff', cookie)).text).toContain('href="/staff/routing" class="nav-link"><span>Fordeling</span>');
  expect((await get('/staff?lang=en', cookie)).text).toContain('href="/staff/routing?lang=en" class="nav-link"><span>Routing</span>');

  const refused = await get('/staff/routing?lang=en', theirs);
  expect(refused.status).toBe(403);
  expect(refused.text).toContain('Routing is for coordinators and administrators.');
  expect((await get('/staff/routing/tables/1', theirs)).status).toBe(403);
  const before = await versionCount();
  const token = csrfTokenIn((await get('/staff', theirs)).text);
  const attempt = await ctx.http().post('/staff/routing/tables').set('cookie', theirs).type('form').send({ _csrf: token, copyFrom: '1' });
  expect(attempt.status).toBe(403);
  expect(await versionCount()).toBe(before);

  const anonymous = await ctx.http().get('/staff/routing/tables/1');
  expect(anonymous.status).toBe(303);
  expect(anonymous.headers.location).toMatch(/^\/staff\/sign-in/);

  // Admins may too.
  const adminCookie = await signIn(ctx, admin, admin);
  expect((await get('/staff/routing', adminCookie)).status).toBe(200);
});

test('a form without the session\'s CSRF token is refused and changes nothing', async () => {
  const before = await versionCount();
  const forged = await ctx.http().post('/staff/routing/tables').set('cookie', cookie).type('form').send({ _csrf: 'forged', copyFrom: '1' });
  expect(forged.status).toBe(403);
  expect(forged.text).toContain('Formularen kunne ikke sendes');
  const bare = await ctx.http().post('/staff/routing/tables').set('cookie', cookie).type('form').send({ copyFrom: '1' });
  expect(bare.status).toBe(403);
  expect(await versionCount()).toBe(before);

  const version = await copyPublished();
  const saved = await tableOf(version);
  const first = saved.rules[0]?.id as string;
  const page = await get(`/staff/routing/tables/${version}`);
  const revision = unescape(/name="revision" value="([^"]*)"/.exec(page.text)?.[1] ?? '');
  const forgedDelete = await ctx.http().post(`/staff/routing/tables/${version}/rules/${first}/delete`).set('cookie', cookie).type('form').send({ _csrf: 'forged', revision });
  expect(forgedDelete.status).toBe(403);
  expect((await tableOf(version)).rules).toEqual(saved.rules);
});

test('the versions page lists every version with its status, who published it, when and why, and copies one to a new draft', async () => {
  const list = await get('/staff/routing?lang=en');
  expect(list.status).toBe(200);
  expect(list.headers['cache-control']).toBe('no-store');
  expect(list.text).toContain('<h1>Routing</h1>');
  expect(list.text).toContain('Seeded starting table');
  expect(list.text).toContain('<td>Published</td>');
  expect(list.text).toContain('aria-label="Copy version 1 to a new draft"');
  expect(list.text).toContain('href="/staff/routing/golden-cases?lang=en"');

  const version = await copyPublished('en');
  const draft = await get(`/staff/routing/tables/${version}?done=copied&lang=en`);
  expect(draft.status).toBe(200);
  expect(draft.text).toContain(`This draft is a copy of version 1.`);
  expect(draft.text).toContain(`<h1>Routing table version ${version} (draft)</h1>`);
  expect(draft.text).toContain(`href="/staff/routing/tables/${version}/simulate?lang=en"`);
  // Every rule of the copy is a form of its own, with its values filled in.
  const table = await tableOf(version);
  for (const rule of table.rules) expect(draft.text).toContain(`action="/staff/routing/tables/${version}/rules/${rule.id}"`);
  expect(draft.text).toMatch(/id="r-jobcenter-employment-topics" name="topics" value="hiring" checked/);
  expect(draft.text).toContain('How this draft differs from the published version 1.');
  expect(draft.text).toContain('This draft routes as the published version: no changes.');
  expect((await get('/staff/routing?lang=en')).text).toContain(`<td>Draft</td>`);
});

test('a coordinator edits a rule, adds one, moves it up and deletes one; each change is saved as through the API, and the diff shows them', async () => {
  const version = await copyPublished();
  const path = `/staff/routing/tables/${version}`;
  const original = await tableOf(version);

  const saved = await post(
    `${path}/rules/keywords-social`,
    ruleForm({ name: 'Udsatte medarbejdere og mentorer', keywords: 'udsat, mentor\nsårbar', topics: ['social-services', 'hiring'], employeesMin: '1', employeesMax: '50', postcodeFrom: ['6000', ''], postcodeTo: ['6099', ''], registeredSocialEnterprise: 'yes', department: 'social', role: 'involve' }),
    path,
  );
  expect(saved.status).toBe(303);
  expect(saved.headers.location).toBe(`${path}?done=saved#rule-keywords-social`);
  const edited = (await tableOf(version)).rules.find((r) => r.id === 'keywords-social');
  expect(edited).toEqual({
    id: 'keywords-social',
    name: 'Udsatte medarbejdere og mentorer',
    when: { topics: { anyOf: ['social-services', 'hiring'] }, keywords: { anyOf: ['udsat', 'mentor', 'sårbar'] }, employees: { min: 1, max: 50 }, postcodes: [{ from: '6000', to: '6099' }], registeredSocialEnterprise: true },
    then: { department: 'social', role: 'involve' },
  });
  expect((await get(`${path}?done=saved`)).text).toContain('Reglen er gemt.');

  const added = await post(`${path}/rules`, ruleForm({ name: 'Kantiner går til socialforvaltningen', keywords: 'kantine', department: 'social', role: 'lead' }), path);
  expect(added.status).toBe(303);
  const afterAdd = (await tableOf(version)).rules;
  expect(afterAdd).toHaveLength(original.rules.length + 1);
  const newRule = afterAdd[afterAdd.length - 1];
  expect(newRule).toMatchObject({ name: 'Kantiner går til socialforvaltningen', when: { keywords: { anyOf: ['kantine'] } }, then: { department: 'social', role: 'lead' } });
  expect(added.headers.location).toBe(`${path}?done=added#rule-${newRule?.id}`);

  const moved = await post(`${path}/rules/${newRule?.id}/move`, { direction: 'up' }, path);
  expect(moved.status).toBe(303);
  const afterMove = (await tableOf(version)).rules.map((r) => r.id);
  expect(afterMove.indexOf(newRule?.id as string)).toBe(afterAdd.length - 2);
  // The first rule offers no "move up", the last no "move down".
  const page = (await get(path)).text;
  expect(page).not.toContain(`aria-label="Flyt op: ${original.rules[0]?.name}"`);
  expect(page).toContain(`aria-label="Flyt ned: ${original.rules[0]?.name}"`);
  expect(page).not.toContain(`aria-label="Flyt ned: ${afterAdd[afterAdd.length - 2]?.name}"`);

  const deleted = await post(`${path}/rules/volunteers-social/delete`, {}, path);
  expect(deleted.status).toBe(303);
  expect((await tableOf(version)).rules.map((r) => r.id)).not.toContain('volunteers-social');

  const diff = (await get(`${path}?lang=en`)).text;
  expect(diff).toContain('Kantiner går til socialforvaltningen</th><td>Added</td>');
  expect(diff).toContain('<td>Removed</td>');
  expect(diff).toMatch(/Udsatte medarbejdere og mentorer<\/th><td>Changed: name, topics, keywords, number of employees, postcodes, registered social enterprise/);

  // The fallback department and the note.
  const settings = await post(`${path}/settings`, { fallbackDepartment: 'social', note: 'Kantiner til socialforvaltningen' }, path);
  expect(settings.status).toBe(303);
  expect(await tableOf(version)).toMatchObject({ fallbackDepartment: 'social', note: 'Kantiner til socialforvaltningen' });
});

test('an invalid rule gives the page again with the typed values and the messages beside the fields, in the page\'s language, and nothing changes', async () => {
  const version = await copyPublished();
  const path = `/staff/routing/tables/${version}`;
  const before = await api().get(version);

  const typed = ruleForm({ name: 'Lokaler i byen', keywords: 'lokale', employeesMin: '50', employeesMax: '10', postcodeFrom: ['6100', '12'], postcodeTo: ['6000', ''], department: 'technical', role: 'lead' });
  const da = await post(`${path}/rules/technical-premises`, typed, path);
  expect(da.status).toBe(400);
  expect(da.text).toMatch(/<title>Fejl:/);
  expect(errorBeside(da.text, 'r-technical-premises-employees')).toBe('Mindst (50) er større end højst (10)');
  expect(da.text).toContain('Intervallet begynder (6100) efter det slutter (6000)');
  expect(da.text).toContain('»12« er ikke et postnummer (4 cifre)');
  expect(da.text).toContain('value="Lokaler i byen"');
  expect(da.text).toContain('name="postcodeFrom" value="12"');
  expect(da.text).toContain('href="#r-technical-premises-postcodes"');
  // The rule's form comes back unfolded; the others stay folded.
  expect(da.text.match(/<details class="details" open>/g)).toHaveLength(1);
  expect(da.text.slice(da.text.indexOf('<details class="details" open>'))).toMatch(/^[^]*?id="r-technical-premises-name"/);

  const en = await post(`${path}/rules/technical-premises`, { ...typed, lang: 'en', employeesMin: 'many' }, path);
  expect(en.status).toBe(400);
  expect(errorBeside(en.text, 'r-technical-premises-employees')).toBe('“many” is not a whole number');
  expect(en.text).toContain('value="many"');

  const unnamed = await post(`${path}/rules`, ruleForm({ name: '  ', department: 'social', lang: 'en' }), path);
  expect(unnamed.status).toBe(400);
  expect(errorBeside(unnamed.text, 'new-rule-name')).toBe('Required');
  const unknown = await post(`${path}/rules`, ruleForm({ name: 'Atlantis', department: 'atlantis', lang: 'en' }), path);
  expect(unknown.status).toBe(400);
  expect(errorBeside(unknown.text, 'new-rule-department')).toBe('The department atlantis does not exist; choose another');
  expect(unknown.text).toContain('<option value="atlantis" selected>atlantis</option>');

  const noDepartment = await post(`${path}/rules`, ruleForm({ name: 'Uden afdeling' }), path);
  expect(noDepartment.status).toBe(400);
  expect(errorBeside(noDepartment.text, 'new-rule-department')).toBe('Vælg en af mulighederne');

  const longKeyword = 'x'.repeat(101);
  const tooLong = await post(`${path}/rules/technical-premises`, ruleForm({ name: 'Lokaler', keywords: longKeyword, department: 'technical' }), path);
  expect(tooLong.status).toBe(400);
  expect(errorBeside(tooLong.text, 'r-technical-premises-keywords')).toBe(`Nøgleordet »${longKeyword}« er for langt: højst 100 tegn`);

  const badFallback = await post(`${path}/settings`, { fallbackDepartment: 'atlantis', note: 'ny note' }, path);
  expect(badFallback.status).toBe(400);
  expect(errorBeside(badFallback.text, 'settings-fallbackDepartment')).toBe('Afdelingen atlantis findes ikke; vælg en anden');
  expect(badFallback.text).toContain('>ny note</textarea>');

  const after = await api().get(version);
  expect(after.headers.etag).toBe(before.headers.etag);
  expect(after.body.rules).toEqual(before.body.rules);
  expect(after.body.history).toHaveLength(before.body.history.length);
});

test('a form made from an older revision is refused with what was typed kept, and a rule that is not there is the 404 page', async () => {
  const version = await copyPublished();
  const path = `/staff/routing/tables/${version}`;
  const page = await get(path);
  const csrf = csrfTokenIn(page.text);
  const revision = unescape(/name="revision" value="([^"]*)"/.exec(page.text)?.[1] ?? '');
  // Someone else changes the draft meanwhile.
  const saved = await tableOf(version);
  expect((await api().replace(version, { fallbackDepartment: 'jobcenter', rules: saved.rules })).status).toBe(200);

  const stale = await ctx.http().post(`${path}/rules/social-courses`).set('cookie', cookie).type('form').send({ _csrf: csrf, revision, ...ruleForm({ name: 'Min ændring', department: 'social', lang: 'en' }) });
  expect(stale.status).toBe(409);
  expect(stale.text).toContain('The draft has changed since you opened the page');
  expect(stale.text).toContain('value="Min ændring"');
  expect((await tableOf(version)).rules.find((r) => r.id === 'social-courses')?.name).not.toBe('Min ændring');

  expect((await post(`${path}/rules/no-such-rule/delete`, {}, path)).status).toBe(404);
  expect((await get('/staff/routing/tables/99999')).status).toBe(404);
  expect((await get('/staff/routing/tables/abc')).status).toBe(404);
  const bad = await post(`${path}/rules/social-courses/move`, { direction: 'sideways' }, path);
  expect(bad.status).toBe(400);
});

test('the analysis warnings are shown beside the rule they concern', async () => {
  const version = await copyPublished();
  const path = `/staff/routing/tables/${version}`;
  // A copy of the first rule, placed right after it: identical, and never the lead.
  const first = (await tableOf(version)).rules[0];
  const added = await post(`${path}/rules`, ruleForm({ name: 'Ansættelse igen', topics: first?.when.topics ? (first.when.topics as { anyOf: string[] }).anyOf : [], department: 'jobcenter', role: 'lead', lang: 'en' }), path);
  expect(added.status).toBe(303);
  const page = (await get(`${path}?lang=en`)).text;
  const section = page.slice(page.lastIndexOf('<section class="routing-rule"'));
  expect(section).toContain('Ansættelse igen');
  expect(section).toContain(`This rule is identical to rule 1 “${first?.name}” and changes nothing.`);
});

test('publishing is refused while a golden case fails, naming it; forced, it needs a reason; then the table is published and read-only, and routes new inquiries', async () => {
  const version = await copyPublished();
  const path = `/staff/routing/tables/${version}`;
  const added = await post(`${path}/rules`, ruleForm({ name: 'Kantiner går til socialforvaltningen', keywords: 'kantine', department: 'social', role: 'lead' }), path);
  expect(added.status).toBe(303);
  const golden = await api().addGoldenCase({
    name: 'Kantine i Kolding hos erhvervsservice',
    inquiry: { topics: ['other'], subject: 'Kantine', description: 'Vi vil åbne en kantine.' },
    expected: { lead: 'business-service', involved: [] },
  });
  expect(golden.status).toBe(201);

  const refused = await post(`${path}/publish`, { reason: '' , lang: 'en' }, path);
  expect(refused.status).toBe(422);
  expect(refused.text).toContain('The draft was not published: 1 golden case fails');
  expect(refused.text).toContain('<th scope="row">Kantine i Kolding hos erhvervsservice</th><td>Business service leads; involved: none</td><td>Social services leads; involved: none</td>');
  expect((await tableOf(version)).status).toBe('draft');

  const noReason = await post(`${path}/publish`, { reason: '  ', force: 'true' }, path);
  expect(noReason.status).toBe(400);
  expect(errorBeside(noReason.text, 'publish-reason')).toBe('Skriv hvorfor, når du offentliggør trods fejlende testsager');
  expect((await tableOf(version)).status).toBe('draft');

  const forced = await post(`${path}/publish`, { reason: 'Kantiner er sociale tilbud fra nu af', force: 'true' }, path);
  expect(forced.status).toBe(303);
  expect(forced.headers.location).toBe(`${path}?done=published`);
  expect(await tableOf(version)).toMatchObject({ status: 'published', publishReason: 'Kantiner er sociale tilbud fra nu af', publishForced: true });

  const receipt = await submitCase(ctx, { topics: ['other'], subject: 'Ny kantine', description: 'Vi åbner en kantine med udsatte medarbejdere.' });
  expect((await ctx.http().get(`/v1/cases/${receipt.caseId}`).set('authorization', coordinator.auth)).body.assignments.find((a: { role: string }) => a.role === 'lead').department).toBe('social');

  // The published version reads as text; its rules cannot be changed here either.
  const page = await get(`${path}?done=published&lang=en`);
  expect(page.text).toContain(`Version ${version} is published and routes every new inquiry from now on.`);
  expect(page.text).toContain('This version is published and cannot change.');
  expect(page.text).toContain('Kantiner er sociale tilbud fra nu af');
  expect(page.text).not.toContain(`action="${path}/rules`);
  expect(page.text).not.toContain(`action="${path}/publish"`);
  const rules = (await tableOf(version)).rules;
  const attempt = await post(`${path}/rules/${rules[0]?.id}/delete`, {}, '/staff/routing');
  expect(attempt.status).toBe(409);
  expect(attempt.text).toContain('Versionen kan ikke ændres');
  expect((await tableOf(version)).rules).toEqual(rules);
  const list = await get('/staff/routing');
  expect(list.text).toContain('Kantiner er sociale tilbud fra nu af');
  expect(list.text).toContain('Offentliggjort trods fejlende testsager');
  expect(list.text).toContain('<td>Trukket tilbage</td>');
});

test('each rule shows how often its cases were transferred away in the last 90 days, and rules overruled often are marked', async () => {
  const version = await copyPublished();
  // Two hiring cases the jobcenter led by its rule, both handed to the social services.
  for (let i = 0; i < 2; i++) {
    const receipt = await submitCase(ctx, { topics: ['hiring'] });
    await transfer(ctx, coordinator, receipt.caseId, 'jobcenter', 'social', 'Et forløb for en udsat medarbejder');
  }
  expect((await ctx.http().post('/v1/statistics/snapshot').set('authorization', admin.auth)).status).toBe(200);
  const page = await get(`/staff/routing/tables/${version}?lang=en`);
  const section = page.text.slice(page.text.indexOf('id="rule-jobcenter-employment"'), page.text.indexOf('id="rule-social-courses"'));
  expect(section).toMatch(/\d+ cases in the last 90 days, \d+ transferred away \(\d+ ?%\) <strong class="routing-overruled">Often overruled<\/strong>/);
  const other = page.text.slice(page.text.indexOf('id="rule-technical-premises"'));
  expect(other).toContain('No cases in the last 90 days.');
});
