import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { eventually } from '../support/eventually.js';
import { validInquiry } from '../support/fixtures.js';
import { TEST_SECRETS_KEY } from '../support/secrets-key.js';
import { freePort, type ServerProcess, spawnServer, waitUntilReady } from '../support/server-process.js';

// Traces reach an OTLP receiver on loopback when the standard OTEL_* variables ask for
// them, with routes and SQL text but never a statement's parameters, contact data, free
// text or a token from an address. The service runs as `npm start` runs it.

interface OtlpAttribute {
  key: string;
  value: { stringValue?: string; intValue?: string | number; boolValue?: boolean };
}
interface OtlpSpan {
  name: string;
  attributes?: OtlpAttribute[];
}

let receiver: Server;
let receiverUrl: string;
const bodies: string[] = [];
let database: TestDatabase;
let server: ServerProcess | undefined;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (req.url === '/v1/traces') bodies.push(body);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  database = await createTestDatabase();
});

afterAll(async () => {
  await server?.stop();
  await new Promise((resolve) => receiver.close(resolve));
  await database.drop();
});

function spans(): OtlpSpan[] {
  return bodies.flatMap((body) => {
    const parsed = JSON.parse(body) as { resourceSpans?: { scopeSpans?: { spans?: OtlpSpan[] }[] }[] };
    return (parsed.resourceSpans ?? []).flatMap((r) => (r.scopeSpans ?? []).flatMap((s) => s.spans ?? []));
  });
}

function attribute(span: OtlpSpan, key: string): string | undefined {
  const value = span.attributes?.find((a) => a.key === key)?.value;
  return value === undefined ? undefined : String(value.stringValue ?? value.intValue ?? value.boolValue);
}

test('requests and SQL statements are traced to the OTLP endpoint, without parameters, contact data or tokens', async () => {
  const port = await freePort();
  server = spawnServer({
    PORT: String(port),
    DATABASE_URL: database.url,
    SECRETS_KEY: TEST_SECRETS_KEY,
    WEBHOOK_WORKER: 'false',
    OTEL_EXPORTER_OTLP_ENDPOINT: receiverUrl,
    OTEL_SERVICE_NAME: 'one-entry-under-test',
    OTEL_BSP_SCHEDULE_DELAY: '100',
  });
  await waitUntilReady(server);
  const inquiry = validInquiry({ contact: { name: 'Hemmelig Person', email: 'hemmelig.person@example.dk', phone: '12 34 56 78' }, description: 'TEKST-DER-ALDRIG-MAA-SPORES i et spor' });
  const res = await fetch(`${server.baseUrl}/v1/inquiries`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(inquiry) });
  expect(res.status).toBe(201);
  const { reference, trackingToken } = (await res.json()) as { reference: string; trackingToken: string };
  expect((await fetch(`${server.baseUrl}/status/${reference}?token=${trackingToken}`)).status).toBe(200);

  await eventually(
    () => {
      const all = spans();
      const intake = all.find((s) => attribute(s, 'http.route') === '/v1/inquiries' && attribute(s, 'http.request.method') === 'POST');
      const status = all.find((s) => attribute(s, 'http.route') === '/status/:reference');
      const sql = all.find((s) => /\$1/.test(attribute(s, 'db.statement') ?? attribute(s, 'db.query.text') ?? ''));
      return intake && status && sql ? { intake, status, sql } : undefined;
    },
    30_000,
  ).then(({ status, sql }) => {
    expect(attribute(status, 'url.path')).toBe(`/status/${reference}?token=[REDACTED]`);
    expect(attribute(sql, 'db.system') ?? attribute(sql, 'db.system.name')).toBe('postgresql');
  });

  const everything = bodies.join('\n');
  expect(everything).toContain('one-entry-under-test');
  for (const secret of [trackingToken, 'hemmelig.person@example.dk', 'Hemmelig Person', 'TEKST-DER-ALDRIG-MAA-SPORES', inquiry.enterprise && (inquiry.enterprise as { cvr: string }).cvr]) {
    expect(everything).not.toContain(secret);
  }
});
