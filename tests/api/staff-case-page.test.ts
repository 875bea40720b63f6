import { startTestApp, type TestContext } from '../support/app.js';
import { createPerson, type Person, type SubmittedCase, submitCase } from '../support/people.js';
import { addNote, changeAssignment } from '../support/casework.js';
import { csrfTokenIn, signIn } from '../support/staff.js';

// The staff case page: the case as the API shows it to the signed-in person, and every
// action of the API as a form that works without JavaScript, with the same access rules.

let ctx: TestContext;
let admin: Person;

beforeAll(async () => {
  ctx = await startTestApp();
  admin = await createPerson(ctx, 'admin');
});
afterAll(async () => ctx.close());

const pagePath = (reference: string) => `/staff/cases/${reference}`;

async function open(cookie: string, path: string) {
  return ctx.http().get(path).set('cookie', cookie);
}

/** The hidden fields of the page's forms: CSRF token, the revision and the newest event the page was rendered with. */
function formState(page: string) {
  const revision = /name="revision" value="(\d+)"/.exec(page)?.[1];
  const seen = /name="seen" value="(\d+)"/.exec(page)?.[1];
  if (!revision || !seen) throw new Error('no action form on the page');
  return { _csrf: csrfTokenIn(page), revision, seen };
}

async function post(cookie: string, path: string, fields: Record<string, string>) {
  return ctx.http().post(path).set('cookie', cookie).type('form').send(fields);
}

/** Opens the case page and sends one of its forms with these fields. */
async function send(cookie: string, reference: string, action: string, fields: Record<string, string>) {
  const page = await open(cookie, pagePath(reference));
  expect(page.status).toBe(200);
  return post(cookie, `${pagePath(reference)}/${action}`, { ...formState(page.text), ...fields });
}

const notesOf = (caseId: string) => ctx.db.selectFrom('case_notes').select(['visibility', 'body', 'department']).where('case_id', '=', caseId).orderBy('created_at').execute();
const eventTypes = async (caseId: string) =>
  (await ctx.db.selectFrom('case_events').select('type').where('case_id', '=', caseId).orderBy('id').execute()).map((e) => e.type);

/** A caseworker of the jobcenter who has taken a new case (jobcenter leads, the business service is involved) from the staff page. */
async function takenCase(name?: string): Promise<{ caseworker: Person; cookie: string; kase: SubmittedCase }> {
  const caseworker = await createPerson(ctx, 'caseworker', ['jobcenter'], name);
  const cookie = await signIn(ctx, admin, caseworker);
  // Empty the jobcenter queue of earlier tests' cases, so the next one taken is this test's.
  await ctx.db.updateTable('assignments').set({ status: 'done' }).where('department_code', '=', 'jobcenter').where('status', '=', 'queued').execute();
  const kase = await submitCase(ctx, { subject: `Sag for ${caseworker.name}` });
  const work = await open(cookie, '/staff');
  const claim = await post(cookie, '/staff/departments/jobcenter/claim', { _csrf: csrfTokenIn(work.text) });
  expect(claim.status).toBe(303);
  expect(claim.headers.location).toBe(`${pagePath(kase.reference)}?done=claim`);
  return { caseworker, cookie, kase };
}

test('taking the next case lands on its page: the enterprise, the inquiry, why it was routed, the assignments and the history', async () => {
  const { caseworker, cookie, kase } = await takenCase('Jonas Jensen');
  const res = await open(cookie, `${pagePath(kase.reference)}?done=claim`);
  expect(res.status).toBe(200);
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.headers['content-security-policy']).toContain("script-src 'self'");
  const page = res.text;
  expect(page).toContain(`<h1>Sag ${kase.reference}</h1>`);
  expect(page).toContain('Du har taget opgaven.');
  expect(page).toContain('Café Overskud ApS');
  expect(page).toContain('mailto:mette@example.dk');
  expect(page).toContain(`Sag for ${caseworker.name}`);
  expect(page).toMatch(/Fordelt efter fordelingstabel version \d+\./);
  // The assignments: the jobcenter's is Jonas's and in progress, the business service's queued.
  expect(page).toMatch(/<th scope="row">Jobcenter<\/th>\s*<td>Ansvarlig<\/td>\s*<td>I gang<\/td>\s*<td>Jonas Jensen<\/td>/);
  expect(page).toMatch(/<th scope="row">Erhvervsservice<\/th>\s*<td>Inddraget<\/td>\s*<td>I kø<\/td>\s*<td>Ingen endnu<\/td>/);
  // Jonas may move his own assignment along, not the business service's.
  expect(page).toContain('aria-label="Venter på virksomheden: Jobcenter"');
  expect(page).toContain('aria-label="Læg tilbage i køen: Jobcenter"');
  expect(page).not.toContain(': Erhvervsservice"');
  expect(page).toContain('Opgaven i Jobcenter blev taget fra køen.');
  // Every read is in the case's access log, as for the API.
  const reads = await ctx.db.selectFrom('case_reads').select('action').where('case_id', '=', kase.caseId).where('user_id', '=', caseworker.id).execute();
  expect(reads.map((r) => r.action)).toEqual(expect.arrayContaining(['getCase', 'listCaseEvents']));

  const english = await open(cookie, `${pagePath(kase.reference)}?lang=en`);
  expect(english.text).toContain(`<h1>Case ${kase.reference}</h1>`);
  expect(english.text).toMatch(/<th scope="row">Job centre<\/th>\s*<td>Lead<\/td>\s*<td>In progress<\/td>/);
});

test('the status buttons move the assignment as the API would: waiting, done, reopened, released', async () => {
  const { cookie, kase } = await takenCase();
  const path = 'assignments/jobcenter';
  for (const [action, status, notice] of [
    ['wait', 'waiting', 'Opgaven venter nu på virksomheden.'],
    ['resume', 'in_progress', 'Opgaven er i gang igen.'],
    ['done', 'done', 'Opgaven er markeret som færdig.'],
    ['reopen', 'in_progress', 'Opgaven er genåbnet.'],
    ['release', 'queued', 'Opgaven er lagt tilbage i køen.'],
  ] as const) {
    const res = await send(cookie, kase.reference, path, { action });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${pagePath(kase.reference)}?done=${action}`);
    expect((await open(cookie, res.headers.location as string)).text).toContain(notice);
    const row = await ctx.db.selectFrom('assignments').select('status').where('case_id', '=', kase.caseId).where('department_code', '=', 'jobcenter').executeTakeFirstOrThrow();
    expect(row.status).toBe(status);
  }
  // Released: back in the queue with nobody on it, and the page offers to take it.
  const page = await open(cookie, pagePath(kase.reference));
  expect(page.text).toContain('aria-label="Tag opgaven: Jobcenter"');
  const claimed = await send(cookie, kase.reference, path, { action: 'claim' });
  expect(claimed.headers.location).toBe(`${pagePath(kase.reference)}?done=claim`);
  expect(await eventTypes(kase.caseId)).toEqual(expect.arrayContaining(['claimed', 'status_changed', 'case_status_changed']));
});

test('notes: each visibility is written, and a department note never reaches another department', async () => {
  const { cookie, kase } = await takenCase();
  for (const [visibility, body] of [
    ['department', 'Kun for jobcentret'],
    ['case', 'Til alle på sagen'],
    ['enterprise', 'Kære Mette, vi ringer i morgen.'],
  ] as const) {
    const res = await send(cookie, kase.reference, 'notes', { body, visibility });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${pagePath(kase.reference)}?done=note`);
  }
  expect(await notesOf(kase.caseId)).toEqual([
    { visibility: 'department', body: 'Kun for jobcentret', department: 'jobcenter' },
    { visibility: 'case', body: 'Til alle på sagen', department: 'jobcenter' },
    { visibility: 'enterprise', body: 'Kære Mette, vi ringer i morgen.', department: 'jobcenter' },
  ]);
  const own = await open(cookie, pagePath(kase.reference));
  for (const body of ['Kun for jobcentret', 'Til alle på sagen', 'Kære Mette, vi ringer i morgen.']) expect(own.text).toContain(body);

  // The business service is on the case too: it reads the case note and the enterprise note, never the jobcenter's own.
  const other = await createPerson(ctx, 'caseworker', ['business-service']);
  const otherPage = await open(await signIn(ctx, admin, other), pagePath(kase.reference));
  expect(otherPage.status).toBe(200);
  expect(otherPage.text).toContain('Til alle på sagen');
  expect(otherPage.text).toContain('Kære Mette, vi ringer i morgen.');
  expect(otherPage.text).not.toContain('Kun for jobcentret');
  // Not the lead: it is not offered to write to the enterprise.
  expect(otherPage.text).not.toContain('value="enterprise"');
  expect(otherPage.text).toContain('Kun den ansvarlige afdeling og koordinatorer skriver til virksomheden.');

  // The enterprise's status page shows the note written to it, and only that one.
  const status = await ctx.http().get(kase.statusUrl.replace('/v1/inquiries/', '/status/').replace('/status?', '?'));
  expect(status.status).toBe(200);
  expect(status.text).toContain('Kære Mette, vi ringer i morgen.');
  expect(status.text).not.toContain('Til alle på sagen');
  expect(status.text).not.toContain('Kun for jobcentret');
});

test('transfer and involve: with a reason, recorded in the history, shown on the page', async () => {
  const { cookie, kase } = await takenCase();
  const involved = await send(cookie, kase.reference, 'involve', { department: 'social', reason: 'Der er en borger med et socialt forløb.' });
  expect(involved.status).toBe(303);
  expect(involved.headers.location).toBe(`${pagePath(kase.reference)}?done=involve&department=social`);
  expect((await open(cookie, involved.headers.location as string)).text).toContain('Social- og sundhedsforvaltningen er inddraget i sagen.');

  const transferred = await send(cookie, kase.reference, 'transfer', { from: 'jobcenter', to: 'technical', reason: 'Det handler om byggetilladelser.' });
  expect(transferred.status).toBe(303);
  const page = await open(cookie, transferred.headers.location as string);
  expect(page.status).toBe(200);
  expect(page.text).toContain('Opgaven er overdraget til');
  expect(page.text).toContain('Begrundelse: Det handler om byggetilladelser.');
  expect(page.text).toContain('Begrundelse: Der er en borger med et socialt forløb.');
  expect(page.text).toMatch(/<th scope="row">Jobcenter<\/th>\s*<td>Ansvarlig<\/td>\s*<td>Overdraget<\/td>/);
  const assignments = await ctx.db.selectFrom('assignments').select(['department_code', 'role', 'status']).where('case_id', '=', kase.caseId).orderBy('created_at').execute();
  expect(assignments).toEqual(
    expect.arrayContaining([
      { department_code: 'jobcenter', role: 'lead', status: 'transferred' },
      { department_code: 'social', role: 'involved', status: 'queued' },
      { department_code: 'technical', role: 'lead', status: 'queued' },
    ]),
  );
});

test('bad input gives the page again with the message beside the field, and changes nothing', async () => {
  const { cookie, kase } = await takenCase();
  const before = await eventTypes(kase.caseId);

  const emptyNote = await send(cookie, kase.reference, 'notes', { body: '   ', visibility: 'case' });
  expect(emptyNote.status).toBe(400);
  expect(emptyNote.text).toMatch(/<span class="form-error-message" id="note-body-error"><span class="sr-only">Fejl: <\/span>Skriv noten<\/span>/);
  expect(emptyNote.text).toContain('aria-invalid="true"');
  expect(emptyNote.text).toContain('href="#note-body"');

  const noReason = await send(cookie, kase.reference, 'transfer', { from: 'jobcenter', to: 'social', reason: '' });
  expect(noReason.status).toBe(400);
  expect(noReason.text).toContain('id="transfer-reason-error"');
  expect(noReason.text).toContain('Skriv en begrundelse');
  // What was chosen is kept.
  expect(noReason.text).toContain('<option value="social" selected>');

  const unknown = await send(cookie, kase.reference, 'involve', { department: 'no-such-department', reason: 'Fordi' });
  expect(unknown.status).toBe(422);
  expect(unknown.text).toContain('Vælg en afdeling fra listen');
  expect(unknown.text).toMatch(/<textarea[^>]*id="involve-reason"[^>]*>\nFordi<\/textarea>/);

  // The business service is on the case already: the service refuses, the page says so beside the field.
  const already = await send(cookie, kase.reference, 'involve', { department: 'business-service', reason: 'Igen' });
  expect(already.status).toBe(422);
  expect(already.text).toContain('Afdelingen arbejder allerede på sagen. Vælg en anden');

  const tooLong = await send(cookie, kase.reference, 'notes', { body: 'x'.repeat(10_001), visibility: 'case' });
  expect(tooLong.status).toBe(400);
  expect(tooLong.text).toContain('Teksten må højst være 10000 tegn');

  expect(await eventTypes(kase.caseId)).toEqual(before);
  expect(await notesOf(kase.caseId)).toEqual([]);
});

test('a form sent after the case changed is refused with what changed, and keeps the typed text', async () => {
  const { caseworker, cookie, kase } = await takenCase();
  const page = await open(cookie, pagePath(kase.reference));
  const form = formState(page.text);

  // Meanwhile the same caseworker, in another window, puts the case to waiting (over the API here).
  await changeAssignment(ctx, caseworker, kase.caseId, 'jobcenter', { status: 'waiting' });

  const stale = await post(cookie, `${pagePath(kase.reference)}/notes`, { ...form, body: 'Mit udkast <til> virksomheden', visibility: 'enterprise' });
  expect(stale.status).toBe(409);
  expect(stale.text).toContain('Sagen er ændret, siden du hentede siden');
  expect(stale.text).toContain('Jobcenter: i gang → venter på virksomheden.');
  expect(stale.text).toMatch(/<textarea[^>]*id="note-body"[^>]*>\nMit udkast &lt;til&gt; virksomheden<\/textarea>/);
  expect(stale.text).toMatch(/id="note-visibility-enterprise" name="visibility" value="enterprise"[^>]* checked/);
  expect(await notesOf(kase.caseId)).toEqual([]);

  // The page given back carries the new revision: sending it again saves the note.
  const again = await post(cookie, `${pagePath(kase.reference)}/notes`, { ...formState(stale.text), body: 'Mit udkast', visibility: 'enterprise' });
  expect(again.status).toBe(303);

  // A stale status button is refused the same way, and changes nothing.
  const staleButton = await post(cookie, `${pagePath(kase.reference)}/assignments/jobcenter`, { ...form, action: 'done' });
  expect(staleButton.status).toBe(409);
  const row = await ctx.db.selectFrom('assignments').select('status').where('case_id', '=', kase.caseId).where('department_code', '=', 'jobcenter').executeTakeFirstOrThrow();
  expect(row.status).toBe('waiting');
});

test('a form without this session\'s CSRF token is refused', async () => {
  const { caseworker, cookie, kase } = await takenCase();
  const page = await open(cookie, pagePath(kase.reference));
  const { revision, seen } = formState(page.text);
  const without = await post(cookie, `${pagePath(kase.reference)}/notes`, { revision, seen, body: 'Uden token', visibility: 'case' });
  expect(without.status).toBe(403);
  const otherSession = await signIn(ctx, admin, caseworker);
  const foreign = await post(otherSession, `${pagePath(kase.reference)}/notes`, { _csrf: csrfTokenIn(page.text), revision, seen, body: 'Fremmed token', visibility: 'case' });
  expect(foreign.status).toBe(403);
  expect(await notesOf(kase.caseId)).toEqual([]);
});

test('another department\'s case is the same 404 page as a reference that does not exist', async () => {
  const { kase } = await takenCase();
  const social = await createPerson(ctx, 'caseworker', ['social']);
  const cookie = await signIn(ctx, admin, social);
  const foreign = await open(cookie, pagePath(kase.reference));
  const missing = await open(cookie, pagePath('KOL-2026-999999'));
  expect(foreign.status).toBe(404);
  expect(missing.status).toBe(404);
  expect(foreign.text).toContain('Sagen blev ikke fundet');
  expect(foreign.text).not.toContain(kase.reference);
  expect(foreign.text.replace(/value="[^"]+"/g, '')).toBe(missing.text.replace(/value="[^"]+"/g, ''));
  expect((await open(cookie, pagePath('not a reference'))).status).toBe(404);

  // Its forms are refused the same way, and nothing is written.
  const work = await open(cookie, '/staff');
  const note = await post(cookie, `${pagePath(kase.reference)}/notes`, { _csrf: csrfTokenIn(work.text), revision: '1', seen: '0', body: 'Hej', visibility: 'case' });
  expect(note.status).toBe(404);
  expect(await notesOf(kase.caseId)).toEqual([]);

  // Coordinators see every case, and may move anyone's assignment.
  const coordinator = await createPerson(ctx, 'coordinator');
  const coordinatorPage = await open(await signIn(ctx, admin, coordinator), pagePath(kase.reference));
  expect(coordinatorPage.status).toBe(200);
  expect(coordinatorPage.text).toContain('aria-label="Marker som færdig: Jobcenter"');
});

test('what the enterprise wrote is escaped on the page', async () => {
  const caseworker = await createPerson(ctx, 'caseworker', ['jobcenter']);
  const kase = await submitCase(ctx, { subject: '<script>alert(1)</script>', description: 'Linje 1\n<img src=x onerror=alert(2)>' });
  await addNote(ctx, admin, kase.caseId, { body: '<b>fed</b>', visibility: 'case' });
  const page = await open(await signIn(ctx, admin, caseworker), pagePath(kase.reference));
  expect(page.status).toBe(200);
  expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(page.text).toContain('Linje 1<br>&lt;img src=x onerror=alert(2)&gt;');
  expect(page.text).toContain('&lt;b&gt;fed&lt;/b&gt;');
  expect(page.text).not.toContain('<script>alert');
});

test('the actions offered follow the API\'s rules: someone else\'s assignment has no buttons for a caseworker', async () => {
  const { kase } = await takenCase();
  const colleague = await createPerson(ctx, 'caseworker', ['jobcenter']);
  const cookie = await signIn(ctx, admin, colleague);
  const page = await open(cookie, pagePath(kase.reference));
  expect(page.status).toBe(200);
  expect(page.text).not.toContain(': Jobcenter"');
  // Sent anyway, the service refuses it as it refuses the API call, and nothing changes.
  const forced = await post(cookie, `${pagePath(kase.reference)}/assignments/jobcenter`, { ...formState(page.text), action: 'done' });
  expect(forced.status).toBe(403);
  const row = await ctx.db.selectFrom('assignments').select('status').where('case_id', '=', kase.caseId).where('department_code', '=', 'jobcenter').executeTakeFirstOrThrow();
  expect(row.status).toBe('in_progress');

  // Integrators build on the API: the staff pages refuse them.
  const integrator = await createPerson(ctx, 'integrator');
  const refused = await open(await signIn(ctx, admin, integrator), pagePath(kase.reference));
  expect(refused.status).toBe(403);
});
