import request from 'supertest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createDatabase } from '../../src/db/database.js';
import { messagesFor } from '../../src/pages/messages.js';
import { startLoggedTestApp, startTestApp, type TestContext } from '../support/app.js';
import { randomCvr, validInquiry } from '../support/fixtures.js';
import { countCases } from '../support/queries.js';
import { TEST_SECRETS_KEY } from '../support/secrets-key.js';

const da = messagesFor('da');
const en = messagesFor('en');

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(async () => ctx.close());

/** The form as a browser sends it (urlencoded, field names as on the page). */
function formFields(overrides: Record<string, string | string[]> = {}): URLSearchParams {
  const fields: Record<string, string | string[]> = {
    language: 'da',
    idempotencyKey: `key-${randomCvr()}-${Date.now()}`,
    'enterprise.cvr': randomCvr(),
    'enterprise.name': 'Café Overskud ApS',
    'enterprise.postcode': '6000',
    'enterprise.employees': '12',
    'enterprise.registeredSocialEnterprise': 'true',
    'contact.name': 'Mette Hansen',
    'contact.email': 'mette@example.dk',
    'contact.phone': '12 34 56 78',
    topics: ['hiring', 'business-development'],
    subject: 'To nye medarbejdere i løntilskud',
    description: 'Vi vil gerne ansætte to personer i løntilskud og udvikle vores café.',
    consent: 'true',
    ...overrides,
  };
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
  }
  return body;
}

const post = (fields: URLSearchParams) => ctx.http().post('/inquiry').type('form').send(fields.toString());

const casesFor = (cvr: string) => countCases(ctx.db, cvr);

const hiddenKey = (page: string) => /name="idempotencyKey" value="([^"]+)"/.exec(page)?.[1];

describe('the form page', () => {
  test('is served in Danish with a strict Content-Security-Policy and no inline script, style or handler', async () => {
    const res = await ctx.http().get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.text).toMatch(/^<!DOCTYPE html>\n<html lang="da">/);
    expect(res.text).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(res.text).not.toMatch(/\sstyle="/);
    expect(res.text).not.toMatch(/\son[a-z]+="/);
    expect(res.text).toContain(`<h1>${da.form.title}</h1>`);
  });

  test('offers every topic of the catalogue with its description', async () => {
    const [page, topics] = await Promise.all([ctx.http().get('/'), ctx.http().get('/v1/topics')]);
    expect(topics.body).toHaveLength(10);
    for (const topic of topics.body as { code: string; name: { da: string }; description: { da: string } }[]) {
      expect(page.text).toContain(`value="${topic.code}"`);
      expect(page.text).toContain(`<label for="topics-${topic.code}">${topic.name.da}</label>`);
    }
  });

  test('carries a new idempotency key every time it is shown', async () => {
    const [a, b] = await Promise.all([ctx.http().get('/'), ctx.http().get('/')]);
    expect(hiddenKey(a.text)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(hiddenKey(a.text)).not.toBe(hiddenKey(b.text));
  });

  test('is in English with ?lang=en, links to the Danish one, and falls back to Danish for an unknown language', async () => {
    const english = await ctx.http().get('/?lang=en');
    expect(english.text).toContain('<html lang="en">');
    expect(english.text).toContain(`<h1>${en.form.title}</h1>`);
    expect(english.text).toContain('href="/" lang="da" hreflang="da"');
    const unknown = await ctx.http().get('/?lang=xx');
    expect(unknown.status).toBe(200);
    expect(unknown.text).toContain('<html lang="da">');
  });

  test('the address the form is sent to leads back to the form when opened directly', async () => {
    const res = await ctx.http().get('/inquiry?lang=en');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/?lang=en');
  });
});

describe('sending the form', () => {
  test('redirects (303) to a receipt that is neither cached nor referred, and records a web inquiry', async () => {
    const fields = formFields();
    const res = await post(fields);
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/receipt\/KOL-\d{4}-\d{6}\?token=[A-Za-z0-9_-]{32}$/);

    const receipt = await ctx.http().get(res.headers.location as string);
    expect(receipt.status).toBe(200);
    expect(receipt.headers['cache-control']).toBe('no-store');
    expect(receipt.headers['referrer-policy']).toBe('no-referrer');
    expect(receipt.text).toContain('<meta name="robots" content="noindex, nofollow">');
    const reference = /\/receipt\/([^?]+)/.exec(res.headers.location as string)?.[1] ?? '';
    expect(receipt.text).toContain(da.receipt.referenceTitle(reference));
    expect(receipt.text).toContain('<strong>Jobcenter</strong> er din kontakt i kommunen');
    expect(receipt.text).toMatch(/svarer dig senest <strong>\d{1,2}\. [a-z]+ \d{4}<\/strong>/);
    // The tracking link goes to the status page, with the same token.
    const token = new URL(res.headers.location as string, 'http://x').searchParams.get('token');
    expect(receipt.text).toContain(`href="/status/${reference}?token=${token}"`);

    const inquiry = await ctx.db
      .selectFrom('inquiries')
      .select(['channel', 'language', 'employees', 'registered_social_enterprise', 'contact_phone'])
      .where('cvr', '=', fields.get('enterprise.cvr') ?? '')
      .executeTakeFirstOrThrow();
    expect(inquiry).toEqual({ channel: 'web', language: 'da', employees: 12, registered_social_enterprise: true, contact_phone: '+4512345678' });
  });

  test('in English keeps the receipt in English', async () => {
    const res = await post(formFields({ language: 'en' }));
    expect(res.headers.location).toMatch(/&lang=en$/);
    const receipt = await ctx.http().get(res.headers.location as string);
    expect(receipt.text).toContain('<html lang="en">');
    expect(receipt.text).toContain(`<h1>${en.receipt.title}</h1>`);
  });

  test('twice with the same key (a double click) gives the same receipt and one case', async () => {
    const fields = formFields();
    const [a, b] = await Promise.all([post(fields), post(fields)]);
    expect(a.status).toBe(303);
    expect(b.status).toBe(303);
    expect(b.headers.location).toBe(a.headers.location);
    expect(await casesFor(fields.get('enterprise.cvr') ?? '')).toBe(1);
  });

  test('with a used key but changed content asks before making a second inquiry, with a fresh key', async () => {
    const fields = formFields();
    await post(fields);
    fields.set('subject', 'Et andet emne');
    const res = await post(fields);
    expect(res.status).toBe(409);
    expect(res.text).toContain(da.form.alreadySent.title);
    expect(res.text).toContain('value="Et andet emne"');
    expect(hiddenKey(res.text)).not.toBe(fields.get('idempotencyKey'));
    expect(await casesFor(fields.get('enterprise.cvr') ?? '')).toBe(1);
  });

  test('with mistakes shows the form again (400) with the input kept, a summary linking to each field and messages beside them', async () => {
    const fields = formFields({ 'enterprise.cvr': '12345678', 'contact.email': '', topics: [], subject: 'Hi' });
    const res = await post(fields);
    expect(res.status).toBe(400);
    expect(res.headers['cache-control']).toBe('private, no-cache');
    expect(res.text).toContain(`<title>Fejl: ${da.form.title}`);
    expect(res.text).toContain(`<h2 class="alert-heading" id="error-summary-title">${da.form.errorSummary}</h2>`);
    const links = [...res.text.matchAll(/<li><a class="function-link" href="#([^"]+)">([^<]+)<\/a><\/li>/g)].map((m) => [m[1], m[2]]);
    expect(links).toEqual([
      ['enterprise-cvr', da.fields['enterprise.cvr'].invalid],
      ['contact-email', da.fields['contact.email'].required],
      ['topics-hiring', da.fields.topics.required],
      ['subject', 'Emnet skal være mindst 3 tegn'],
    ]);
    expect(res.text).toMatch(/<span class="form-error-message" id="enterprise-cvr-error"><span class="sr-only">Fejl: <\/span>Skriv et gyldigt CVR-nummer/);
    expect(res.text).toMatch(/id="enterprise-cvr" name="enterprise.cvr" value="12345678" aria-describedby="enterprise-cvr-hint enterprise-cvr-error" aria-invalid="true"/);
    expect(res.text).toContain('value="Café Overskud ApS"');
    // The same key comes back: nothing was stored for it.
    expect(hiddenKey(res.text)).toBe(fields.get('idempotencyKey'));
    expect(await casesFor(fields.get('enterprise.cvr') ?? '')).toBe(0);
  });

  test('with mistakes on the English form explains them in English', async () => {
    const res = await post(formFields({ language: 'en', 'enterprise.name': '', consent: [] }));
    expect(res.status).toBe(400);
    expect(res.text).toContain(en.fields['enterprise.name'].required);
    expect(res.text).toContain(en.fields.consent.invalid);
    expect(res.text).not.toContain(da.fields['enterprise.name'].required ?? 'x');
  });

  test('escapes what was typed when showing it again', async () => {
    const script = '<script>alert("x")</script>';
    const res = await post(formFields({ 'enterprise.cvr': '1', 'enterprise.name': `"><img src=x onerror=alert(1)>`, description: `${script}\n& mere` }));
    expect(res.status).toBe(400);
    expect(res.text).not.toContain(script);
    expect(res.text).not.toContain('<img src=x');
    expect(res.text).toContain('value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
    expect(res.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;\n&amp; mere</textarea>');
  });

  test('with a topic the catalogue does not have reports it beside the topics', async () => {
    const res = await post(formFields({ topics: ['hiring', 'no-such-topic'] }));
    expect(res.status).toBe(400);
    expect(res.text).toContain(`id="topics-error"><span class="sr-only">Fejl: </span>${da.fields.topics.unknown}`);
  });

  test('with NUL bytes, broken UTF-8 and lists where one value belongs shows the form again naming the fields, and writes nothing', async () => {
    const cvr = randomCvr();
    const fields = formFields({ 'enterprise.cvr': cvr }).toString();
    const hostile = `${fields.replace(/enterprise\.name=[^&]*/, 'enterprise.name=Caf%00%C3%A9').replace(/subject=[^&]*/, 'subject=L%C3%B8ntilskud%00')}&contact.name=%ED%A0%80%FF&language[x]=en&idempotencyKey=%00&description=${'x'.repeat(6000)}`;
    const res = await ctx.http().post('/inquiry').type('form').send(hostile);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toContain('href="#enterprise-name"');
    expect(res.text).toContain('href="#subject"');
    expect(await casesFor(cvr)).toBe(0);
  });

  test('that is not a form at all gets a page, not a problem document', async () => {
    const res = await ctx.http().post('/inquiry').send({ enterprise: {} });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toContain(da.errors.badRequest.title);
  });

  test('leaves the JSON API refusing urlencoded bodies', async () => {
    const res = await ctx.http().post('/v1/inquiries').type('form').send(formFields().toString());
    expect(res.status).toBe(415);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('the status page', () => {
  async function submitted(subject = 'To nye medarbejdere i løntilskud') {
    const res = await ctx.http().post('/v1/inquiries').send(validInquiry({ subject }));
    expect(res.status).toBe(201);
    return res.body as { reference: string; trackingToken: string };
  }

  test('shows the case to whoever has the token, in either language, uncached and without referrer', async () => {
    const { reference, trackingToken } = await submitted();
    const res = await ctx.http().get(`/status/${reference}?token=${trackingToken}`);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.text).toContain(`<h1>${da.status.title(reference)}</h1>`);
    expect(res.text).toContain(`<strong>${da.status.labels.received}.</strong>`);
    expect(res.text).toContain('<td>Jobcenter</td>');
    expect(res.text).toContain(da.status.noNotes);
    // The language switch keeps the token.
    expect(res.text).toContain(`href="/status/${reference}?token=${trackingToken}&amp;lang=en"`);

    const english = await ctx.http().get(`/status/${reference}?token=${trackingToken}&lang=en`);
    expect(english.text).toContain(`<strong>${en.status.labels.received}.</strong>`);
  });

  test('with a wrong or missing token is a plain not-found page that does not repeat the token', async () => {
    const { reference } = await submitted();
    for (const url of [`/status/${reference}?token=wrong-token-value`, `/status/${reference}`, `/receipt/${reference}?token=wrong-token-value`, `/status/KOL-1999-000001?token=${'x'.repeat(300)}`]) {
      const res = await ctx.http().get(url);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.text).toContain(`<h1>${da.notFound.title}</h1>`);
      expect(res.text).not.toContain('wrong-token-value');
    }
  });

  test('for an address that cannot name a case is a not-found page, and nothing is logged as an error', async () => {
    const logged = await startLoggedTestApp();
    const { lines } = logged;
    try {
      const urls = [
        '/status/KOL%00?token=x',
        '/receipt/KOL%00',
        '/status/%00',
        '/status/KOL-2026-000001%00?token=x&lang=en',
        '/status/kol-2026-000001?token=x',
        '/status/%ED%A0%80?token=x',
        '/receipt/%FF?lang=en',
        `/status/KOL-2026-${'1'.repeat(200)}?token=x`,
      ];
      for (const url of urls) {
        const res = await logged.http().get(url);
        expect({ url, status: res.status }).toEqual({ url, status: 404 });
        expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
        expect(res.headers['cache-control']).toBe('no-store');
        expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
        expect(res.text).toContain(`<h1>${(url.includes('lang=en') ? en : da).notFound.title}</h1>`);
      }
      const levels = lines.map((line) => (JSON.parse(line) as { level: number }).level);
      expect(levels.filter((level) => level >= 40)).toEqual([]);
    } finally {
      await logged.close();
    }
  });

  test('escapes what the enterprise wrote', async () => {
    const { reference, trackingToken } = await submitted('<b>Hej</b> & "velkommen"');
    const res = await ctx.http().get(`/status/${reference}?token=${trackingToken}`);
    expect(res.text).toContain('<td>&lt;b&gt;Hej&lt;/b&gt; &amp; &quot;velkommen&quot;</td>');
  });
});

describe('the pages', () => {
  test('leave the API documentation its own policy', async () => {
    const res = await ctx.http().get('/docs');
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).not.toContain("frame-ancestors 'none'");
  });
});

test('the form has the same per-address limit as the API, and says so in a page', async () => {
  const limited = await startTestApp({ PUBLIC_RATE_LIMIT: '2' });
  try {
    const send = () => limited.http().post('/inquiry').type('form').send(formFields({ 'enterprise.cvr': '' }).toString());
    expect((await send()).status).toBe(400);
    expect((await send()).status).toBe(400);
    const res = await send();
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toContain(da.errors.tooManyRequests.title);
  } finally {
    await limited.close();
  }
});

test('tracking tokens never reach the logs', async () => {
  const logged = await startLoggedTestApp();
  const { lines } = logged;
  try {
    const sent = await logged.http().post('/inquiry').type('form').send(formFields().toString());
    const location = sent.headers.location as string;
    const token = new URL(location, 'http://x').searchParams.get('token') ?? '';
    expect(token).toHaveLength(32);
    await logged.http().get(location);
    await logged.http().get(location.replace('/receipt/', '/status/'));
    expect(lines.join('')).toContain('/status/');
    expect(lines.join('')).not.toContain(token);
  } finally {
    await logged.close();
  }
});

test('when the database is away, the form says so in a page with Retry-After, not an error dump', async () => {
  const url = 'postgres://nobody@127.0.0.1:1/none';
  const db = createDatabase({ connectionString: url, poolSize: 1 });
  const app = await buildApp(loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', SECRETS_KEY: TEST_SECRETS_KEY }), { db, logger: false });
  try {
    await app.ready();
    const res = await request(app.server).get('/?lang=en');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('2');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toContain(`<h1>${en.errors.unavailable.title}</h1>`);
    expect(res.text).not.toContain('ECONNREFUSED');
  } finally {
    await app.close();
    await db.destroy();
  }
});
