import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { messagesFor } from '../../src/pages/messages.js';
import { startTestApp, type TestContext } from '../support/app.js';
import { listenOnLoopback } from '../support/http-from.js';
import { validInquiry } from '../support/fixtures.js';
import { createPerson } from '../support/people.js';
import { csrfTokenIn, signIn } from '../support/staff.js';

const da = messagesFor('da');

let ctx: TestContext;
let baseUrl: string;
beforeAll(async () => {
  ctx = await startTestApp();
  baseUrl = await listenOnLoopback(ctx.app);
});
afterAll(async () => ctx.close());

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The bytes as they came over the wire, still compressed. */
  body: Buffer;
}

/** A GET whose answer is not decompressed, so the test sees what a browser receives. */
function rawGet(pathname: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${baseUrl}${pathname}`, { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function decoded(answer: RawAnswer): Buffer {
  const encoding = answer.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(answer.body);
  if (encoding === 'gzip') return gunzipSync(answer.body);
  return answer.body;
}

/** The addresses the page's head links to. */
function linkedAssets(page: string): { stylesheet: string; scripts: string[]; preload: string } {
  const stylesheet = /<link rel="stylesheet" href="([^"]+)">/.exec(page)?.[1];
  const preload = /<link rel="preload" href="([^"]+)" as="font" type="font\/woff2" crossorigin>/.exec(page)?.[1];
  const scripts = [...page.matchAll(/<script src="([^"]+)" defer><\/script>/g)].map((m) => m[1] as string);
  if (!stylesheet || !preload) throw new Error('the page links no stylesheet or preloads no font');
  return { stylesheet, scripts, preload };
}

const dkfdsCss = readFileSync(path.join(path.dirname(createRequire(import.meta.url).resolve('dkfds')), '..', 'css', 'dkfds-virkdk.min.css'), 'utf8');

/** The class names a stylesheet has rules for. */
function classesOf(css: string): Set<string> {
  return new Set([...css.matchAll(/\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)/g)].map((m) => m[1] as string));
}

/** The class names a page uses. */
function classesIn(page: string): Set<string> {
  return new Set([...page.matchAll(/class="([^"]*)"/g)].flatMap((m) => (m[1] as string).split(/\s+/).filter(Boolean)));
}

describe('the pages link their assets by content-hashed addresses', () => {
  test('which are cached for a year, sent compressed as the browser accepts, and revalidated by their hash', async () => {
    const page = (await ctx.http().get('/')).text;
    const { stylesheet, scripts, preload } = linkedAssets(page);
    expect(scripts).toHaveLength(2);
    for (const address of [stylesheet, ...scripts, preload]) expect(address).toMatch(/^\/assets\/[\w-]+\.[0-9a-f]{12}\.(css|js|woff2)$/);

    const plain = await rawGet(stylesheet);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.headers.vary).toBe('accept-encoding');
    expect(plain.headers['content-encoding']).toBeUndefined();

    const br = await rawGet(stylesheet, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(decoded(br).equals(plain.body)).toBe(true);
    expect(br.body.length).toBeLessThan(plain.body.length / 4);

    const gz = await rawGet(stylesheet, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(decoded(gz).equals(plain.body)).toBe(true);

    const refused = await rawGet(stylesheet, { 'accept-encoding': 'br;q=0, gzip;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();

    const again = await rawGet(stylesheet, { 'if-none-match': String(plain.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);

    for (const script of scripts) {
      const js = await rawGet(script, { 'accept-encoding': 'br' });
      expect(js.status).toBe(200);
      expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    }
    const font = await rawGet(preload, { 'accept-encoding': 'br' });
    expect(font.headers['content-type']).toBe('font/woff2');
    // woff2 is compressed already.
    expect(font.headers['content-encoding']).toBeUndefined();
  });

  test('an address that names no asset is not found, the package is not browsable, and old addresses are gone', async () => {
    const page = (await ctx.http().get('/')).text;
    const { stylesheet } = linkedAssets(page);
    const stale = stylesheet.replace(/\.[0-9a-f]{12}\./, '.000000000000.');
    for (const address of [stale, '/assets/dkfds/css/dkfds-virkdk.min.css', '/assets/web/form.js', '/assets/dkfds/%2e%2e/package.json', '/assets/../package.json', '/assets/']) {
      const res = await rawGet(address);
      expect([address, res.status]).toEqual([address, 404]);
    }
  });

  test('the stylesheet keeps every DKFDS rule the pages use, offers fonts as woff2 only, and every file it refers to is served', async () => {
    const admin = await createPerson(ctx, 'admin');
    const caseworker = await createPerson(ctx, 'caseworker', ['jobcenter']);
    await ctx.http().post('/v1/inquiries').set('authorization', admin.auth).send(validInquiry());
    const receipt = await ctx.http().post('/v1/inquiries').send(validInquiry());
    const cookie = await signIn(ctx, admin, caseworker);
    const adminCookie = await signIn(ctx, admin, admin);
    const adminPage = (await ctx.http().get('/staff/admin').set('cookie', adminCookie)).text;
    const pages = [
      (await ctx.http().get('/')).text,
      (await ctx.http().get('/?lang=en')).text,
      (await ctx.http().post('/inquiry').type('form').send('language=da&consent=true')).text,
      (await ctx.http().get(`/status/${receipt.body.reference}?token=${receipt.body.trackingToken}`)).text,
      (await ctx.http().get('/staff/sign-in')).text,
      (await ctx.http().get('/staff').set('cookie', cookie)).text,
      adminPage,
      (await ctx.http().get(`/staff/admin/users/${caseworker.id}`).set('cookie', adminCookie)).text,
      ...(await Promise.all(['/staff/admin/integrators', '/staff/admin/webhooks', '/staff/admin/departments', '/staff/admin/topics/hiring'].map(async (path) => (await ctx.http().get(path).set('cookie', adminCookie)).text))),
      (await ctx.http().post('/staff/admin/users').set('cookie', adminCookie).type('form').send({ _csrf: csrfTokenIn(adminPage), name: '', email: 'x', role: 'caseworker' })).text,
      (await ctx.http().get('/no-such-page')).text,
    ];
    expect(pages[2]).toContain(da.form.errorSummary);
    const css = decoded(await rawGet(linkedAssets(pages[0] as string).stylesheet)).toString('utf8');
    const kept = classesOf(css);
    const offered = classesOf(dkfdsCss);
    const used = new Set(pages.flatMap((p) => [...classesIn(p)]));
    const lost = [...used].filter((c) => offered.has(c) && !kept.has(c));
    expect(lost).toEqual([]);
    expect(css.length).toBeLessThan(dkfdsCss.length / 2);

    const urls = [...css.matchAll(/url\(([^)]+)\)/g)].map((m) => m[1] as string).filter((u) => !u.startsWith('data:'));
    expect(urls.length).toBeGreaterThan(0);
    for (const fontFace of css.match(/@font-face\s*\{[^}]*\}/g) ?? []) expect(fontFace).not.toMatch(/\.(eot|woff|ttf)\)/);
    for (const url of new Set(urls)) expect([url, (await rawGet(url)).status]).toEqual([url, 200]);
  });
});

describe('pages and JSON answers', () => {
  test('are compressed when the client accepts it, and sent as they are when it does not', async () => {
    const page = await rawGet('/', { 'accept-encoding': 'br, gzip' });
    expect(page.headers['content-encoding']).toBe('br');
    expect(decoded(page).toString('utf8')).toContain('<!DOCTYPE html>');

    const json = await rawGet('/v1/topics', { 'accept-encoding': 'gzip' });
    expect(json.status).toBe(200);
    expect(json.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(decoded(json).toString('utf8'))).toEqual((await ctx.http().get('/v1/topics')).body);

    const identity = await rawGet('/v1/topics');
    expect(identity.headers['content-encoding']).toBeUndefined();
  });

  test('the public form has a description for search results in both languages', async () => {
    for (const lang of ['da', 'en'] as const) {
      const page = (await ctx.http().get(lang === 'da' ? '/' : '/?lang=en')).text;
      expect(page).toContain(`<meta name="description" content="${messagesFor(lang).form.metaDescription}">`);
    }
  });
});
