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
    ).catch(() => undefined);
    if (failures.length > 0) break;
  }
  expect(failures).toEqual([]);
  expect(sent).toBeGreaterThanOrEqual(Math.min(TOTAL_RUNS, runsPerOperation * operations.length));
});
