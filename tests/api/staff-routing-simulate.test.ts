import { startTestApp, type TestContext } from '../support/app.js';
import { createPerson, type Person, submitCase } from '../support/people.js';
import { routingAs } from '../support/routing.js';
import { csrfTokenIn, errorBeside, signIn } from '../support/staff.js';

// The routing simulation and golden cases pages: a coordinator tries an inquiry on a draft
// beside the published table, rule by rule, saves the result as a golden case, sees it
// pass against the draft and fail against the published table, and deletes it; through
// the same routing services as the API. A mistake gives the page again with the message
// beside the field and changes nothing.

let ctx: TestContext;
let admin: Person;
let coordinator: Person;
let cookie: string;
let draft: number;

/** A rule the published table lacks: a reuse shop goes to Technical and Environment first. */
const reuseRule = { id: 'reuse-technical', name: 'Genbrug går til Teknik og Miljø', when: { keywords: { anyOf: ['genbrug'] } }, then: { department: 'technical', role: 'lead' } };
const reuseShop = { topics: 'business-development', subject: 'Genbrugsbutik', description: 'Vi vil åbne en genbrugsbutik i midtbyen.', employees: '5', postcode: '6000', registeredSocialEnterprise: 'yes' };

beforeAll(async () => {
  ctx = await startTestApp();
  admin = await createPerson(ctx, 'admin');
  coordinator = await createPerson(ctx, 'coordinator', [], 'Cecilie Koordinator');
  cookie = await signIn(ctx, admin, coordinator);
  const routing = routingAs(ctx, coordinator);
  const published = (await routing.get(1)).body as { rules: unknown[] };
  draft = await routing.draft([reuseRule, ...published.rules]);
});
afterAll(async () => ctx.close());

const get = (path: string, as = cookie) => ctx.http().get(path).set('cookie', as);
async function post(path: string, form: Record<string, string | string[]>, from: string, as = cookie) {
  const page = await get(from, as);
  return ctx.http().post(path).set('cookie', as).type('form').send({ _csrf: csrfTokenIn(page.text), ...form });
}
const simulatePath = () => `/staff/routing/tables/${draft}/simulate`;
const query = (fields: Record<string, string | string[]>) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) params.append(key, v);
  return params.toString();
};
const goldenCount = async () => Number((await ctx.db.selectFrom('routing_golden_cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
/** The text of a table row whose header cell is `header`, tags removed. */
function rowText(page: string, tableId: string, header: string): string {
  const table = new RegExp(`<table[^>]*id="${tableId}"[\\s\\S]*?</table>`).exec(page)?.[0] ?? '';
  const row = table.split('<tr>').find((r) => r.includes(`<th scope="row">${header}</th>`)) ?? '';
  return row
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

test('an inquiry typed into the form is routed by the draft and the published table side by side, every difference said in words', async () => {
  const page = await get(`${simulatePath()}?lang=en&${query(reuseShop)}`);
  expect(page.status).toBe(200);
  expect(page.headers['cache-control']).toBe('no-store');
  expect(page.text).toContain(`<h1>Simulate version ${draft}</h1>`);
  expect(page.text).toContain(`Difference: Version ${draft} (draft) routes the inquiry differently from Version 1 (published).`);
  expect(rowText(page.text, 'decision', 'Lead department')).toBe('Lead department Technical and environmental services Business service Differs');
  expect(rowText(page.text, 'decision', 'Involved departments')).toBe('Involved departments Business service none Differs');
  expect(rowText(page.text, 'decision', 'Lead chosen by')).toContain(reuseRule.name);
  // Rule by rule: the new rule exists only in the draft; the published table's lead rule only involves there.
  expect(rowText(page.text, 'rules', reuseRule.name)).toBe(
    `${reuseRule.name} Technical and environmental services, leads Matched: Technical and environmental services leads (found: genbrug) Not in this table Differs`,
  );
  expect(rowText(page.text, 'rules', 'Udvikling, opstart, udbud og partnerskaber går til erhvervsservice')).toContain(
    'Matched: Business service is involved Matched: Business service leads Differs',
  );
  expect(rowText(page.text, 'rules', 'Sociale indsatser går til socialforvaltningen')).toContain(
    "Not matched: none of the inquiry's topics is one of the rule's Not matched: none of the inquiry's topics is one of the rule's Same",
  );
  // The form keeps the inquiry, and the save form carries it with the draft's decision chosen.
  expect(page.text).toContain('id="simulate-subject" name="subject" value="Genbrugsbutik"');
  expect(page.text).toMatch(/<option value="technical" selected>/);
  expect(page.text).toMatch(/id="golden-involved-business-service" name="involved" value="business-service" checked>|id="golden-involved" name="involved" value="business-service" checked>/);
  // Nothing was saved by simulating.
  expect(await goldenCount()).toBe(0);

  // In Danish, the same result; the language link keeps the inquiry.
  const danish = await get(`${simulatePath()}?${query(reuseShop)}`);
  expect(danish.text).toContain(`Forskel: Version ${draft} (kladde) fordeler henvendelsen anderledes end Version 1 (offentliggjort).`);
  expect(danish.text).toContain('<strong>Forskellig</strong>');
  expect(danish.text).toMatch(/href="\/staff\/routing\/tables\/\d+\/simulate\?topics=business-development&amp;subject=Genbrugsbutik[^"]*lang=en"/);

  // The published table simulated on its own: nothing to compare with.
  const itself = await get(`/staff/routing/tables/1/simulate?lang=en&${query(reuseShop)}`);
  expect(itself.status).toBe(200);
  expect(itself.text).toContain('Version 1 (published) is the published table.');
  expect(rowText(itself.text, 'decision', 'Lead department')).toBe('Lead department Business service');
});

test('a recent case fills the simulation from its inquiry, and the read is in the case\'s access log', async () => {
  const submitted = await submitCase(ctx, { subject: 'Café med genbrug', description: 'Vi vil sælge genbrugsmøbler i caféen.', topics: ['business-development'] });
  const page = await get(`${simulatePath()}?lang=en`);
  expect(page.status).toBe(200);
  expect(page.text).toContain(`<th scope="row">${submitted.reference}</th>`);
  expect(page.text).toContain(`href="${simulatePath()}?case=${submitted.reference}&amp;lang=en#result"`);
  // No result before an inquiry is given.
  expect(page.text).not.toContain('id="decision"');

  const picked = await get(`${simulatePath()}?case=${submitted.reference}&lang=en`);
  expect(picked.status).toBe(200);
  expect(picked.text).toContain(`The inquiry of case ${submitted.reference}`);
  expect(picked.text).toContain('name="subject" value="Café med genbrug"');
  expect(picked.text).toContain('id="simulate-postcode" name="postcode" value="6000"');
  expect(rowText(picked.text, 'decision', 'Lead department')).toBe('Lead department Technical and environmental services Business service Differs');
  const reads = await ctx.db.selectFrom('case_reads').select(['user_id', 'action']).where('case_id', '=', submitted.caseId).execute();
  expect(reads).toContainEqual({ user_id: coordinator.id, action: 'getCase' });

  const unknown = await get(`${simulatePath()}?case=KOL-2026-999999`);
  expect(unknown.status).toBe(404);
  expect(unknown.text).toContain('Der er ingen sag KOL-2026-999999, som du har adgang til.');
});

test('the result saved as a golden case passes against the draft and fails against the published table, and is deleted after asking', async () => {
  const from = `${simulatePath()}?${query(reuseShop)}`;
  const saved = await post(`${simulatePath()}/golden-cases`, { ...reuseShop, lang: 'en', name: 'Genbrugsbutik', lead: 'technical', involved: 'business-service' }, from);
  expect(saved.status).toBe(303);
  expect(saved.headers.location).toBe(`/staff/routing/golden-cases?version=${draft}&done=created&lang=en`);
  const api = await ctx.http().get('/v1/routing/golden-cases').set('authorization', coordinator.auth);
  const golden = (api.body as { id: string; name: string; inquiry: unknown; expected: unknown }[]).find((g) => g.name === 'Genbrugsbutik');
  expect(golden).toMatchObject({
    expected: { lead: 'technical', involved: ['business-service'] },
    inquiry: { topics: ['business-development'], subject: 'Genbrugsbutik', enterprise: { postcode: '6000', employees: 5, registeredSocialEnterprise: true } },
  });

  const list = await get(saved.headers.location as string);
  expect(list.status).toBe(200);
  expect(list.text).toContain('The golden case has been saved.');
  expect(list.text).toContain(`1 of 1 pass against Version ${draft} (draft).`);
  expect(list.text).toContain('0 of 1 pass against Version 1 (published).');
  expect(rowText(list.text, 'golden-cases', 'Genbrugsbutik')).toBe(
    'Genbrugsbutik Business development “Genbrugsbutik” Technical and environmental services leads; involved: Business service Passes Fails : routed: Business service leads; involved: none Delete Genbrugsbutik',
  );
  // Without a version chosen, only the published table is checked.
  const plain = await get('/staff/routing/golden-cases?lang=en');
  expect(rowText(plain.text, 'golden-cases', 'Genbrugsbutik')).toContain('Business service Fails');
  expect(plain.text).not.toContain(`pass against Version ${draft}`);

  const id = golden?.id as string;
  const ask = await get(`/staff/routing/golden-cases/${id}/delete?version=${draft}&lang=en`);
  expect(ask.status).toBe(200);
  expect(ask.text).toContain('<h1>Delete the golden case “Genbrugsbutik”?</h1>');
  expect(await goldenCount()).toBe(1);
  const deleted = await post(`/staff/routing/golden-cases/${id}/delete`, { lang: 'en', version: String(draft) }, `/staff/routing/golden-cases/${id}/delete`);
  expect(deleted.status).toBe(303);
  expect(deleted.headers.location).toBe(`/staff/routing/golden-cases?version=${draft}&done=deleted&lang=en`);
  expect(await goldenCount()).toBe(0);
  expect((await get(deleted.headers.location as string)).text).toContain('The golden case has been deleted.');
  // Deleted already: the page says it is not there.
  const again = await post(`/staff/routing/golden-cases/${id}/delete`, {}, '/staff/routing/golden-cases');
  expect(again.status).toBe(404);
  expect(again.text).toContain('Kontroleksemplet blev ikke fundet');
  expect((await get(`/staff/routing/golden-cases/${id}/delete`)).status).toBe(404);
  expect((await get('/staff/routing/golden-cases/not-an-id/delete')).status).toBe(404);
});

test('a golden case added with the form is listed with its checks', async () => {
  const added = await post(
    '/staff/routing/golden-cases',
    { name: 'Fleksjob', topics: ['hiring'], subject: 'Fleksjob', description: '', employees: '', postcode: '', registeredSocialEnterprise: '', lead: 'jobcenter', version: String(draft) },
    '/staff/routing/golden-cases',
  );
  expect(added.status).toBe(303);
  expect(added.headers.location).toBe(`/staff/routing/golden-cases?version=${draft}&done=created`);
  const list = await get(added.headers.location as string);
  expect(rowText(list.text, 'golden-cases', 'Fleksjob')).toContain('Jobcenter er ansvarlig; inddrages: ingen Består Består');
  await ctx.db.deleteFrom('routing_golden_cases').execute();
});

test('bad input gives the page again with the message beside the field, what was typed kept, and changes nothing', async () => {
  const bad = await get(`${simulatePath()}?lang=en&${query({ subject: 'Noget', description: 'Tekst', employees: 'mange', postcode: '60', registeredSocialEnterprise: 'maybe' })}`);
  expect(bad.status).toBe(400);
  expect(bad.text).toMatch(/<title>Error:/);
  expect(errorBeside(bad.text, 'simulate-topics')).toBe('Choose at least one topic');
  expect(errorBeside(bad.text, 'simulate-employees')).toBeDefined();
  expect(errorBeside(bad.text, 'simulate-postcode')).toBeDefined();
  expect(errorBeside(bad.text, 'simulate-registeredSocialEnterprise')).toBe('Choose yes, no or not given');
  expect(bad.text).toContain('name="employees" value="mange"');
  expect(bad.text).not.toContain('id="decision"');
  const tooMany = await get(`${simulatePath()}?${query({ topics: ['hiring', 'flex-jobs', 'business-development', 'startup-funding', 'public-procurement', 'other'], subject: 'x'.repeat(201) })}`);
  expect(tooMany.status).toBe(400);
  expect(errorBeside(tooMany.text, 'simulate-topics')).toBe('Vælg højst 5 emner');
  expect(errorBeside(tooMany.text, 'simulate-subject')).toBe('Emnet må højst være 200 tegn');
  const unknownTopic = await get(`${simulatePath()}?${query({ topics: 'astrology', subject: '' })}`);
  expect(unknownTopic.status).toBe(422);

  const before = await goldenCount();
  const from = `${simulatePath()}?${query(reuseShop)}`;
  const unnamed = await post(`${simulatePath()}/golden-cases`, { ...reuseShop, lang: 'en', name: '  ', lead: 'technical', involved: 'business-service' }, from);
  expect(unnamed.status).toBe(400);
  expect(errorBeside(unnamed.text, 'golden-name')).toBe('Write a name');
  // The result is shown again with the choices as they were sent.
  expect(unnamed.text).toContain('id="decision"');
  expect(unnamed.text).toMatch(/id="golden-involved[^"]*" name="involved" value="business-service" checked>/);
  const both = await post(`${simulatePath()}/golden-cases`, { ...reuseShop, name: 'Begge', lead: 'technical', involved: ['business-service', 'technical'] }, from);
  expect(both.status).toBe(400);
  expect(errorBeside(both.text, 'golden-involved')).toBe('Den ansvarlige afdeling kan ikke også være inddraget');
  expect(both.text).toContain('name="name" value="Begge"');
  const atlantis = await post(`${simulatePath()}/golden-cases`, { ...reuseShop, name: 'Atlantis', lead: 'atlantis' }, from);
  expect(atlantis.status).toBe(422);
  expect(errorBeside(atlantis.text, 'golden-lead')).toBe('Vælg en afdeling fra listen');
  const tampered = await post(`${simulatePath()}/golden-cases`, { ...reuseShop, postcode: 'abc', name: 'Snyd', lead: 'technical' }, from);
  expect(tampered.status).toBe(400);
  expect(errorBeside(tampered.text, 'simulate-postcode')).toBeDefined();
  const noVersion = await post('/staff/routing/tables/999/simulate/golden-cases', { ...reuseShop, name: 'Ingen', lead: 'technical' }, from);
  expect(noVersion.status).toBe(404);

  const added = await post('/staff/routing/golden-cases', { lang: 'en', name: 'Tom', subject: 'Noget', lead: '' }, '/staff/routing/golden-cases');
  expect(added.status).toBe(400);
  expect(errorBeside(added.text, 'add-topics')).toBe('Choose at least one topic');
  expect(errorBeside(added.text, 'add-lead')).toBe('Choose the lead department');
  expect(added.text).toContain('id="add-name" name="name" value="Tom"');
  expect(await goldenCount()).toBe(before);

  const noSuchVersion = await get('/staff/routing/golden-cases?version=abc&lang=en');
  expect(noSuchVersion.status).toBe(400);
  expect(errorBeside(noSuchVersion.text, 'check-version')).toContain('There is no such version');
  expect((await get('/staff/routing/golden-cases?version=999')).status).toBe(400);
  expect((await get('/staff/routing/tables/999/simulate')).status).toBe(404);
  expect((await get('/staff/routing/tables/draft/simulate')).status).toBe(404);
});

test('caseworkers get the 403 page and change nothing; a form without the session\'s token is refused', async () => {
  const caseworker = await createPerson(ctx, 'caseworker', ['jobcenter']);
  const theirs = await signIn(ctx, admin, caseworker);
  for (const path of [simulatePath(), `${simulatePath()}?${query(reuseShop)}`, '/staff/routing/golden-cases?lang=en']) {
    const page = await get(path, theirs);
    expect(page.status).toBe(403);
  }
  // Told, as in the routing editor, whom the routing pages are for, with the way back to their work.
  const refused = (await get('/staff/routing/golden-cases?lang=en', theirs)).text;
  expect(refused).toContain('You do not have access to this page');
  expect(refused).toContain('Routing is for coordinators and administrators.');
  expect(refused).toContain('href="/staff?lang=en"');
  const token = csrfTokenIn((await get('/staff', theirs)).text);
  const save = await ctx.http().post(`${simulatePath()}/golden-cases`).set('cookie', theirs).type('form').send({ _csrf: token, ...reuseShop, name: 'Nej', lead: 'technical' });
  expect(save.status).toBe(403);
  const add = await ctx.http().post('/staff/routing/golden-cases').set('cookie', theirs).type('form').send({ _csrf: token, ...reuseShop, name: 'Nej', lead: 'technical' });
  expect(add.status).toBe(403);
  expect(await goldenCount()).toBe(0);

  // An admin may.
  const adminCookie = await signIn(ctx, admin, admin);
  expect((await get(simulatePath(), adminCookie)).status).toBe(200);
  expect((await get('/staff/routing/golden-cases', adminCookie)).status).toBe(200);

  // Not signed in: to the sign-in page.
  expect((await ctx.http().get(simulatePath())).status).toBe(303);
  expect((await ctx.http().get('/staff/routing/golden-cases')).status).toBe(303);

  const forged = await ctx.http().post('/staff/routing/golden-cases').set('cookie', cookie).type('form').send({ _csrf: 'forged', ...reuseShop, name: 'Mallory', lead: 'technical' });
  expect(forged.status).toBe(403);
  expect(forged.text).toContain('Formularen kunne ikke sendes');
  const bare = await ctx.http().post(`${simulatePath()}/golden-cases`).set('cookie', cookie).type('form').send({ ...reuseShop, name: 'Mallory', lead: 'technical' });
  expect(bare.status).toBe(403);
  expect(await goldenCount()).toBe(0);
});
