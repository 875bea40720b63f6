import { startTestApp, type TestContext } from '../support/app.js';
import { eventually } from '../support/eventually.js';
import { createPerson, type Person, submitCase } from '../support/people.js';
import { csrfTokenIn, errorBeside, signIn } from '../support/staff.js';
import { type Receiver, startReceiver, verifiedDelivery } from '../support/webhook-receiver.js';

// The administration's webhooks: an admin registers endpoints, sees their deliveries and
// failures, and sends a failed delivery again, through the webhooks service behind
// /v1/webhooks. Deliveries are real: the in-process worker posts to a receiver on 127.0.0.1.
// The retry schedule is an hour long, so a failed delivery stays failed until it is sent
// again by hand.

let ctx: TestContext;
let admin: Person;
let cookie: string;
let receiver: Receiver;

beforeAll(async () => {
  ctx = await startTestApp({ WEBHOOK_WORKER: 'true', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', WEBHOOK_POLL_INTERVAL_MS: '100', WEBHOOK_RETRY_SCHEDULE: '1h,1h' });
  receiver = await startReceiver('failing');
  admin = await createPerson(ctx, 'admin');
  cookie = await signIn(ctx, admin, admin);
});
afterAll(async () => {
  await ctx.close();
  await receiver.close();
});

const get = (path: string, as = cookie) => ctx.http().get(path).set('cookie', as);
async function post(path: string, form: Record<string, string | string[]>, from = '/staff/admin/webhooks', as = cookie) {
  const page = await get(from, as);
  return ctx.http().post(path).set('cookie', as).type('form').send({ _csrf: csrfTokenIn(page.text), ...form });
}
const endpointCount = async () => Number((await ctx.db.selectFrom('webhook_endpoints').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const signedWith = (secret: string, request: Receiver['requests'][number]) => {
  try {
    return Boolean(verifiedDelivery(secret, request));
  } catch {
    return false;
  }
};
const webhookIdIn = (page: string) => /action="\/staff\/admin\/webhooks\/([0-9a-f-]{36})\/secret"/.exec(page)?.[1] as string;

/** Registers an endpoint through the page; returns its id and the secret the answer showed. */
async function register(url: string, events: string[]): Promise<{ id: string; secret: string; page: string }> {
  const res = await post('/staff/admin/webhooks', { lang: 'en', url, events, description: '' });
  expect(res.status).toBe(201);
  const secret = /<code id="new-secret">(whsec_[^<]+)<\/code>/.exec(res.text)?.[1] as string;
  return { id: webhookIdIn(res.text), secret, page: res.text };
}

test('an admin registers a webhook, sees a delivery fail with the receiver\'s status, and redelivers it once the receiver works', async () => {
  const { id, secret, page } = await register(receiver.url, ['case.created']);
  expect(secret).toMatch(/^whsec_/);
  expect(page).toContain('The signing secret has been made');
  expect(page).toContain(receiver.url);
  expect((await get('/staff/admin/webhooks?lang=en')).text).toContain(`<a href="/staff/admin/webhooks/${id}?lang=en">${receiver.url}</a>`);
  // The secret is shown on that answer only.
  expect((await get(`/staff/admin/webhooks/${id}`)).text).not.toContain(secret);

  const { reference } = await submitCase(ctx);
  const failing = await eventually(async () => {
    const text = (await get(`/staff/admin/webhooks/${id}?lang=en`)).text;
    return text.includes('Failed, will retry') ? text : undefined;
  });
  expect(failing).toContain(`<a href="/staff/cases/${reference}?lang=en">${reference}</a>`);
  expect(failing).toMatch(/<td>1<\/td>\s*<td>500<\/td>\s*<td class="long-text">The receiver answered 500<\/td>/);
  const deliveryId = /\/deliveries\/([0-9a-f-]{36})\/redeliver/.exec(failing)?.[1] as string;
  expect(failing).toContain(`aria-label="Redeliver case.created about ${reference}"`);
  expect(receiver.requests.filter((r) => r.json.data.reference === reference).map((r) => r.accepted)).toEqual([false]);

  receiver.mode = 'up';
  const redelivered = await post(`/staff/admin/webhooks/${id}/deliveries/${deliveryId}/redeliver`, { lang: 'en' }, `/staff/admin/webhooks/${id}`);
  expect(redelivered.status).toBe(303);
  expect(redelivered.headers.location).toBe(`/staff/admin/webhooks/${id}?done=redelivered&lang=en#deliveries`);
  expect((await get(redelivered.headers.location as string)).text).toContain('The delivery is being sent again now.');
  const delivered = await eventually(async () => {
    const text = (await get(`/staff/admin/webhooks/${id}?lang=en`)).text;
    return text.includes('badge-success">Delivered') ? text : undefined;
  });
  expect(delivered).toMatch(/<td>2<\/td>\s*<td>204<\/td>\s*<td class="long-text">None<\/td>/);
  expect(delivered).not.toContain('/redeliver');
  // The same event, with the same webhook-id, signed with the secret the page showed.
  const attempts = receiver.requests.filter((r) => r.json.data.reference === reference);
  expect(attempts.map((r) => r.accepted)).toEqual([false, true]);
  expect(new Set(attempts.map((r) => r.id)).size).toBe(1);
  expect(verifiedDelivery(secret, attempts[1] as Receiver['requests'][number])).toMatchObject({ type: 'case.created', data: { reference } });
});

test('an admin deactivates, reactivates, rotates the secret of and deletes a webhook; a deactivated one is not redelivered', async () => {
  receiver.mode = 'up';
  const { id, secret } = await register(receiver.url, ['case.created']);
  const path = `/staff/admin/webhooks/${id}`;
  const status = async () => (await ctx.http().get(`/v1/webhooks/${id}`).set('authorization', admin.auth)).body.status as string;

  const off = await post(`${path}/active`, { active: 'false' }, path);
  expect(off.status).toBe(303);
  expect(off.headers.location).toBe(`${path}?done=deactivated`);
  expect(await status()).toBe('disabled');
  // An event while it is deactivated is recorded as failed, and cannot be sent again until it is active.
  const { reference } = await submitCase(ctx);
  const page = (await get(`${path}?lang=en`)).text;
  expect(page).toContain('badge-error">Deactivated');
  expect(page).toContain('The endpoint was disabled when the event happened.');
  const deliveryId = /\/deliveries\/([0-9a-f-]{36})\/redeliver/.exec(page)?.[1] as string;
  const refused = await post(`${path}/deliveries/${deliveryId}/redeliver`, { lang: 'en' }, path);
  expect(refused.status).toBe(409);
  expect(refused.text).toContain('Activate the webhook before you send a delivery again.');
  // That answer has the form's address; opened again, it is the endpoint's page.
  expect((await get(`${path}/deliveries/${deliveryId}/redeliver?lang=en`)).headers.location).toBe(`${path}?lang=en`);
  expect((await ctx.db.selectFrom('webhook_deliveries').select('status').where('id', '=', deliveryId).executeTakeFirstOrThrow()).status).toBe('failed');

  const on = await post(`${path}/active`, { active: 'true' }, path);
  expect(on.headers.location).toBe(`${path}?done=activated`);
  expect(await status()).toBe('active');
  expect((await post(`${path}/deliveries/${deliveryId}/redeliver`, {}, path)).status).toBe(303);
  // The receiver hears of the case from the first test's endpoint too; this one's delivery carries its own signature.
  await eventually(() => receiver.requests.some((r) => r.accepted && r.json.data.reference === reference && signedWith(secret, r)));

  const rotated = await post(`${path}/secret`, { lang: 'en' }, path);
  expect(rotated.status).toBe(200);
  const fresh = /<code id="new-secret">(whsec_[^<]+)<\/code>/.exec(rotated.text)?.[1];
  expect(fresh).toMatch(/^whsec_/);
  expect(fresh).not.toBe(secret);
  expect(rotated.text).toContain('The old secret works until');
  // Opened again, the rotation's address is the endpoint's page, without the secret.
  const again = await get(`${path}/secret?lang=en`);
  expect(again.status).toBe(303);
  expect(again.headers.location).toBe(`${path}?lang=en`);

  const confirm = await get(`${path}/delete?lang=en`);
  expect(confirm.status).toBe(200);
  expect(confirm.text).toContain(`The webhook to ${receiver.url} and its log of deliveries will be deleted.`);
  const deleted = await post(`${path}/delete`, {}, `${path}/delete`);
  expect(deleted.status).toBe(303);
  expect(deleted.headers.location).toBe('/staff/admin/webhooks?done=deleted');
  expect((await get(deleted.headers.location as string)).text).toContain('Webhooken er slettet.');
  expect((await get(path)).status).toBe(404);
  expect((await ctx.http().get(`/v1/webhooks/${id}`).set('authorization', admin.auth)).status).toBe(404);
});

test('bad input and addresses the service refuses come back beside the field, and nothing is registered', async () => {
  const before = await endpointCount();
  const none = await post('/staff/admin/webhooks', { lang: 'en', url: '', description: 'x'.repeat(501) });
  expect(none.status).toBe(400);
  expect(errorBeside(none.text, 'webhook-url')).toBe('Enter the webhook&#39;s address');
  expect(errorBeside(none.text, 'webhook-events')).toBe('Choose at least one event');
  expect(errorBeside(none.text, 'webhook-description')).toBe('At most 500 characters');

  const credentials = await post('/staff/admin/webhooks', { lang: 'en', url: 'https://user:secret@partner.example/hooks', events: ['case.created', 'case.resolved'] });
  expect(credentials.status).toBe(400);
  expect(errorBeside(credentials.text, 'webhook-url')).toBe('The address cannot be used: Must not contain a user name or password.');
  // What was typed is kept, ticks included.
  expect(credentials.text).toContain('value="https://user:secret@partner.example/hooks"');
  expect(credentials.text).toMatch(/value="case\.resolved" checked/);

  const scheme = await post('/staff/admin/webhooks', { url: 'ftp://partner.example/hooks', events: 'case.created' });
  expect(scheme.status).toBe(400);
  expect(errorBeside(scheme.text, 'webhook-url')).toBe('Adressen kan ikke bruges: Must be an http or https URL.');
  expect(await endpointCount()).toBe(before);
});

test('without private networks allowed, an address inside the network is refused with the service\'s reason', async () => {
  const strict = await startTestApp();
  try {
    const owner = await createPerson(strict, 'admin');
    const theirs = await signIn(strict, owner, owner);
    const page = await strict.http().get('/staff/admin/webhooks').set('cookie', theirs);
    const send = (url: string) =>
      strict.http().post('/staff/admin/webhooks').set('cookie', theirs).type('form').send({ _csrf: csrfTokenIn(page.text), lang: 'en', url, events: 'case.created' });
    expect(errorBeside((await send('http://partner.example/hooks')).text, 'webhook-url')).toBe('The address cannot be used: Must be an https URL.');
    const inside = await send('https://10.0.0.7/hooks');
    expect(inside.status).toBe(400);
    expect(errorBeside(inside.text, 'webhook-url')).toBe('The address cannot be used: Must not point to a private, loopback or link-local address.');
    expect(Number((await strict.db.selectFrom('webhook_endpoints').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(0);
  } finally {
    await strict.close();
  }
});

test('coordinators and caseworkers get the administration\'s 403 page; a form without the session\'s token is refused', async () => {
  const { id } = await register(receiver.url, ['case.resolved']);
  const before = await endpointCount();
  for (const person of [await createPerson(ctx, 'coordinator'), await createPerson(ctx, 'caseworker', ['jobcenter'])]) {
    const theirs = await signIn(ctx, admin, person);
    for (const path of ['/staff/admin/webhooks?lang=en', `/staff/admin/webhooks/${id}?lang=en`, `/staff/admin/webhooks/${id}/delete?lang=en`]) {
      const page = await get(path, theirs);
      expect([path, page.status]).toEqual([path, 403]);
      expect(page.text).toContain('The administration pages are for administrators only.');
    }
    expect((await post('/staff/admin/webhooks', { url: receiver.url, events: 'case.created' }, '/staff', theirs)).status).toBe(403);
    expect((await post(`/staff/admin/webhooks/${id}/delete`, {}, '/staff', theirs)).status).toBe(403);
    expect((await post(`/staff/admin/webhooks/${id}/active`, { active: 'false' }, '/staff', theirs)).status).toBe(403);
  }
  const forged = await ctx.http().post(`/staff/admin/webhooks/${id}/delete`).set('cookie', cookie).type('form').send({ _csrf: 'forged' });
  expect(forged.status).toBe(403);
  expect(forged.text).toContain('Formularen kunne ikke sendes');
  const bare = await ctx.http().post('/staff/admin/webhooks').set('cookie', cookie).type('form').send({ url: receiver.url, events: 'case.created' });
  expect(bare.status).toBe(403);
  expect(await endpointCount()).toBe(before);
  expect((await ctx.http().get(`/v1/webhooks/${id}`).set('authorization', admin.auth)).body.status).toBe('active');

  expect((await get('/staff/admin/webhooks/not-an-id')).status).toBe(404);
  expect((await get('/staff/admin/webhooks/00000000-0000-4000-8000-000000000000')).status).toBe(404);
});
