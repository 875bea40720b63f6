import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { sql } from 'kysely';
import { startTestApp, type TestContext } from '../support/app.js';
import { validInquiry } from '../support/fixtures.js';
import { createUserWithToken } from '../support/users.js';

// Thousands of malformed, oversized, wrongly typed and hostile requests against every
// operation in the OpenAPI document: no 5xx, every error is problem+json, every response
// conforms to the document, and a rejected request writes no row.

interface Operation {
  method: string;
  path: string;
  parameters: { name: string; in: string }[];
  hasBody: boolean;
  responses: Record<string, unknown>;
}

const TOTAL_RUNS = 2400;

let ctx: TestContext;
let document: any;
let operations: Operation[];
let adminToken: string;
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats.default(ajv);

async function tableRowCounts(): Promise<string> {
  const tables = await sql<{ name: string }>`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'kysely_%' ORDER BY 1`.execute(ctx.db);
  const query = tables.rows.map((t) => `SELECT '${t.name}' AS t, count(*)::int AS n FROM "${t.name}"`).join(' UNION ALL ');
  const { rows } = await sql.raw<{ t: string; n: number }>(query).execute(ctx.db);
  return rows.map((r) => `${r.t}=${r.n}`).join(' ');
}

beforeAll(async () => {
  ctx = await startTestApp();
  adminToken = (await createUserWithToken(ctx.db, 'admin')).token;
  document = ctx.app.swagger();
  ajv.addSchema({ ...document, $id: 'api' });
  operations = Object.entries(document.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      parameters: op.parameters ?? [],
      hasBody: op.requestBody !== undefined,
      responses: op.responses,
    })),
  );
});
afterAll(async () => ctx.close());

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

function responseValidator(op: Operation, status: number) {
  const response = op.responses[String(status)] as { content?: Record<string, unknown> } | undefined;
  if (!response) return null;
  const contentType = Object.keys(response.content ?? {})[0];
  if (!contentType) return () => true;
  const ref = `api#/${pointer('paths', op.path, op.method.toLowerCase(), 'responses', String(status), 'content', contentType, 'schema')}`;
  return ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
}

const hostileStrings = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constantFrom('', ' ', '..', '../../etc/passwd', '%00', '\u0000', '<script>alert(1)</script>', "' OR 1=1 --", 'null', 'undefined', '-1', '1e309', 'NaN', '🙂', 'x'.repeat(5000)),
  fc.uuid(),
);

const hostileJson = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(null, [], {}, 0, -1, true, 'x'.repeat(70_000)),
  // A valid inquiry with one field replaced by something else.
  fc.tuple(fc.constantFrom('enterprise', 'contact', 'topics', 'subject', 'description', 'language', 'consent', 'extra'), fc.jsonValue()).map(
    ([field, value]) => ({ ...validInquiry(), [field]: value }),
  ),
  fc.tuple(fc.constantFrom('cvr', 'name', 'postcode', 'employees', 'registeredSocialEnterprise', '__proto__'), fc.jsonValue()).map(
    ([field, value]) => {
      const inquiry = validInquiry() as { enterprise: Record<string, unknown> };
      return { ...inquiry, enterprise: { ...inquiry.enterprise, [field]: value } };
    },
  ),
);

const headerValue = fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 300 });

const requestArbitrary = (op: Operation) =>
  fc.record({
    // Non-empty: an empty segment is another route (/v1/x/ is /v1/x), not a hostile parameter.
    pathValues: fc.array(hostileStrings.filter((v) => v.length > 0), { minLength: 4, maxLength: 4 }),
    query: fc.dictionary(fc.oneof(fc.constantFrom(...op.parameters.filter((p) => p.in === 'query').map((p) => p.name), 'token', 'limit', 'cursor'), fc.string({ maxLength: 10 })), hostileStrings, { maxKeys: 4 }),
    auth: fc.oneof(fc.constant(undefined), fc.constant('admin'), headerValue.map((v) => `Bearer ${v}`), headerValue),
    idempotencyKey: fc.option(headerValue, { nil: undefined }),
    contentType: fc.constantFrom('application/json', 'application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/xml'),
    body: fc.oneof(hostileJson, fc.string().map((raw) => ({ raw }))),
  });

// Thousands of requests, each followed by a row count: minutes on a busy, shared machine.
// The limit only keeps a hung run from hanging the suite; it says nothing about speed.
const LONG_TEST_MS = 300_000;

test('hostile requests to every operation: no 5xx, problem+json errors, responses as documented, nothing written when rejected', async () => {
  expect(operations.length).toBeGreaterThanOrEqual(5);
  const runsPerOperation = Math.max(100, Math.ceil(TOTAL_RUNS / operations.length));
  const failures: string[] = [];
  let sent = 0;
  let counts = await tableRowCounts();

  for (const op of operations) {
    await fc.assert(
      fc.asyncProperty(requestArbitrary(op), async (input) => {
        let index = 0;
        const path = op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(input.pathValues[index++] ?? ''));
        const query = new URLSearchParams(input.query).toString();
        const req = (ctx.http() as any)[op.method.toLowerCase()](`${path}${query ? `?${query}` : ''}`);
        if (input.auth === 'admin') req.set('authorization', `Bearer ${adminToken}`);
        else if (input.auth !== undefined) req.set('authorization', input.auth);
        if (input.idempotencyKey !== undefined) req.set('idempotency-key', input.idempotencyKey);
        if (op.hasBody || op.method !== 'GET') {
          req.set('content-type', input.contentType);
          const body = input.body as { raw?: unknown };
          req.send(typeof body === 'object' && body !== null && 'raw' in body && Object.keys(body).length === 1 ? String(body.raw) : JSON.stringify(input.body));
        }
        const res = await req;
        sent += 1;
        const label = `${op.method} ${path.slice(0, 120)}${query ? `?${query.slice(0, 80)}` : ''} → ${res.status}`;
        if (res.status >= 500) failures.push(`${label}: server error ${JSON.stringify(res.body).slice(0, 200)}`);
        if (res.status >= 400 && !String(res.headers['content-type']).startsWith('application/problem+json')) {
          failures.push(`${label}: error without problem+json`);
        }
        const validate = responseValidator(op, res.status);
        if (!validate) failures.push(`${label}: status not in the OpenAPI document`);
        else if (res.headers['content-type']?.includes('json') && !validate(res.body)) {
          failures.push(`${label}: body does not match the document: ${ajv.errorsText((validate as any).errors)}`);
        }
        const after = await tableRowCounts();
        if (res.status >= 400 && after !== counts) failures.push(`${label}: a rejected request wrote rows (${counts} → ${after})`);
        counts = after;
        return failures.length === 0;
      }),
      { numRuns: runsPerOperation, seed: 20261126, endOnFailure: true },
    ).catch((error: unknown) => {
      // A failing property is already in `failures`; anything else thrown is a failure of its own.
      if (failures.length === 0) failures.push(`${op.method} ${op.path}: ${String(error).slice(0, 500)}`);
    });
    if (failures.length > 0) break;
  }
  expect(failures).toEqual([]);
  expect(sent).toBeGreaterThanOrEqual(Math.min(TOTAL_RUNS, runsPerOperation * operations.length));
}, LONG_TEST_MS);

// The web pages are not in the OpenAPI document; they get the same treatment here. A page
// request never answers 5xx, every answer is an HTML page or a redirect, and a request
// either writes a whole inquiry (case, lead assignment, history) or nothing.

const WEB_RUNS_PER_ROUTE = 200;

/** Percent-encodes any string, lone surrogates included (as the bytes of their WTF-8 form). */
function percentEncode(text: string): string {
  let out = '';
  for (const char of text) {
    const unit = char.charCodeAt(0);
    if (char.length === 1 && unit >= 0xd800 && unit <= 0xdfff) {
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else {
      out += encodeURIComponent(char);
    }
  }
  return out;
}

/** Already encoded: bytes that are not UTF-8 (overlong NUL, a lone surrogate, a stray continuation byte), broken escapes. */
const rawEncoded = fc.constantFrom('%00', 'KOL%00', '%C0%80', '%ED%A0%80', '%FF', '%80', '%', '%E2%82', '%u0000', 'KOL-2026-000001%00', '..%2F..%2Fetc', '%2E%2E');

const hostileComponent = fc.oneof(
  hostileStrings.map(percentEncode),
  fc.string({ unit: fc.constantFrom('\u0000', '\ud800', '\udfff', 'a', 'Æ', '🙂', '\u202e', '\n'), maxLength: 20 }).map(percentEncode),
  fc.constantFrom('KOL-2026-000001', 'KOL-1999-999999', 'XX-0000-0000000000000000000', `KOL-2026-${'9'.repeat(30)}`).map(percentEncode),
  rawEncoded,
);

const FORM_FIELDS = [
  'language', 'idempotencyKey', 'enterprise.cvr', 'enterprise.name', 'enterprise.postcode', 'enterprise.employees',
  'enterprise.registeredSocialEnterprise', 'contact.name', 'contact.email', 'contact.phone', 'topics', 'subject', 'description', 'consent',
];

/** A form a browser could send, as encoded name=value pairs. */
function validFormPairs(): Array<[string, string]> {
  const inquiry = validInquiry() as { enterprise: { cvr: string } };
  return [
    ['language', 'da'], ['idempotencyKey', `hostile-${inquiry.enterprise.cvr}-${Date.now()}`], ['enterprise.cvr', inquiry.enterprise.cvr],
    ['enterprise.name', 'Café Overskud ApS'], ['enterprise.postcode', '6000'], ['enterprise.employees', '12'],
    ['enterprise.registeredSocialEnterprise', 'true'], ['contact.name', 'Mette Hansen'], ['contact.email', 'mette@example.dk'],
    ['contact.phone', '12345678'], ['topics', 'hiring'], ['subject', 'Løntilskud'], ['description', 'Vi vil gerne ansætte to personer.'], ['consent', 'true'],
  ].map(([name, value]) => [percentEncode(name as string), percentEncode(value as string)]);
}

const formBody = fc.oneof(
  // A valid form with some fields replaced, repeated or added.
  fc
    .array(
      fc.tuple(fc.oneof(fc.constantFrom(...FORM_FIELDS).map(percentEncode), hostileComponent, fc.constantFrom('__proto__', 'constructor', 'topics[]', 'a[b]')), hostileComponent, fc.constantFrom('replace', 'add')),
      { maxLength: 4 },
    )
    .map((changes) => {
      const pairs = validFormPairs();
      for (const [name, value, how] of changes) {
        const at = pairs.findIndex(([n]) => n === name);
        if (how === 'replace' && at >= 0) pairs[at] = [name, value];
        else pairs.push([name, value]);
      }
      return pairs.map(([n, v]) => `${n}=${v}`).join('&');
    }),
  // One field far beyond any limit.
  fc.tuple(fc.constantFrom(...FORM_FIELDS), fc.integer({ min: 5_001, max: 300_000 })).map(([name, size]) => `${name}=${'x'.repeat(size)}`),
  // Not a form at all.
  fc.string({ maxLength: 200 }).map(percentEncode),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  rawEncoded,
);

interface WebRoute {
  method: 'GET' | 'POST';
  url: string;
  path: (segment: string) => string;
}

const WEB_ROUTES: WebRoute[] = [
  { method: 'GET', url: '/', path: () => '/' },
  { method: 'GET', url: '/inquiry', path: () => '/inquiry' },
  { method: 'POST', url: '/inquiry', path: () => '/inquiry' },
  { method: 'GET', url: '/receipt/:reference', path: (segment) => `/receipt/${segment}` },
  { method: 'GET', url: '/status/:reference', path: (segment) => `/status/${segment}` },
];

const webRequestArbitrary = fc.record({
  segment: hostileComponent.filter((s) => s.length > 0 && s !== '.' && s !== '..'),
  query: fc.array(fc.tuple(fc.oneof(fc.constantFrom('lang', 'token', 'lang', 'token'), hostileComponent), fc.oneof(fc.constantFrom('en', 'da', ''), hostileComponent)), { maxLength: 4 }),
  contentType: fc.constantFrom('application/x-www-form-urlencoded', 'application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=utf-8', 'application/json', 'text/plain', 'multipart/form-data; boundary=x', undefined),
  body: formBody,
});

/** Every inquiry has its case, every case its lead assignment and its `created` event. */
async function halfDoneWrites(): Promise<string[]> {
  const { rows } = await sql<{ problem: string }>`
    SELECT 'inquiry without a case: ' || i.id AS problem FROM inquiries i WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.inquiry_id = i.id)
    UNION ALL SELECT 'case without a lead assignment: ' || c.id FROM cases c WHERE NOT EXISTS (SELECT 1 FROM assignments a WHERE a.case_id = c.id AND a.role = 'lead')
    UNION ALL SELECT 'case without its created event: ' || c.id FROM cases c WHERE NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.type = 'created')`.execute(ctx.db);
  return rows.map((row) => row.problem);
}

test('hostile requests to every web page: no 5xx, always an HTML page or a redirect, nothing half-written', async () => {
  for (const route of WEB_ROUTES) expect(ctx.app.hasRoute({ method: route.method, url: route.url })).toBe(true);
  // One real case, so that hostile queries also reach the pages that find something.
  const known = await ctx.http().post('/v1/inquiries').send(validInquiry());
  expect(known.status).toBe(201);
  const { reference, trackingToken } = known.body as { reference: string; trackingToken: string };

  const failures: string[] = [];
  let sent = 0;
  let counts = await tableRowCounts();
  for (const route of WEB_ROUTES) {
    await fc.assert(
      fc.asyncProperty(webRequestArbitrary, fc.boolean(), async (input, useKnownCase) => {
        const query = [...(useKnownCase ? [['token', trackingToken]] : []), ...input.query].map(([n, v]) => `${n}=${v}`).join('&');
        const url = `${route.path(useKnownCase ? reference : input.segment)}${query ? `?${query}` : ''}`;
        const req = route.method === 'GET' ? ctx.http().get(url) : ctx.http().post(url);
        if (route.method === 'POST') {
          if (input.contentType) req.set('content-type', input.contentType);
          req.send(input.body);
        }
        const res = await req;
        sent += 1;
        const label = `${route.method} ${url.slice(0, 160)} ${route.method === 'POST' ? `[${input.contentType}] ${input.body.slice(0, 160)} ` : ''}→ ${res.status}`;
        if (res.status >= 500) failures.push(`${label}: server error`);
        if (res.status >= 300 && res.status < 400) {
          if (!String(res.headers.location ?? '').startsWith('/')) failures.push(`${label}: redirect away from the site`);
        } else if (res.headers['content-type'] !== 'text/html; charset=utf-8') {
          failures.push(`${label}: not an HTML page (${res.headers['content-type']})`);
        }
        const after = await tableRowCounts();
        if (res.status >= 400 && after !== counts) failures.push(`${label}: a rejected request wrote rows (${counts} → ${after})`);
        if (after !== counts) failures.push(...(await halfDoneWrites()).map((problem) => `${label}: ${problem}`));
        counts = after;
        return failures.length === 0;
      }),
      { numRuns: WEB_RUNS_PER_ROUTE, seed: 20261126, endOnFailure: true },
    ).catch((error: unknown) => {
      if (failures.length === 0) failures.push(`${route.method} ${route.url}: ${String(error).slice(0, 500)}`);
    });
    if (failures.length > 0) break;
  }
  expect(failures).toEqual([]);
  expect(sent).toBe(WEB_RUNS_PER_ROUTE * WEB_ROUTES.length);
}, LONG_TEST_MS);
