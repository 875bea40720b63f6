import { readFileSync, writeFileSync } from 'node:fs';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createDatabase } from '../src/db/database.js';
import { generateSecretsKey } from '../src/domain/key-ring.js';

// Generates the OpenAPI document from the route schemas. `write` updates the committed
// openapi/openapi.json; `check` fails when the committed file differs from the code.
// No database is needed: the pool is created but never connects, and no secret is
// encrypted, so any key does.
const mode = process.argv[2];
if (mode !== 'write' && mode !== 'check') {
  process.stderr.write('usage: openapi.ts write|check\n');
  process.exit(2);
}
const file = new URL('../openapi/openapi.json', import.meta.url);
const db = createDatabase({ connectionString: 'postgres://unused@127.0.0.1:1/unused' });
const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent', SECRETS_KEY: generateSecretsKey() }), { db, logger: false });
await app.ready();
const generated = `${JSON.stringify(app.swagger(), null, 2)}\n`;
await app.close();
await db.destroy();

if (mode === 'write') {
  writeFileSync(file, generated);
  process.stdout.write('openapi/openapi.json written\n');
} else {
  let committed = '';
  try {
    committed = readFileSync(file, 'utf8');
  } catch {
    // treated as a difference below
  }
  if (committed !== generated) {
    process.stderr.write('openapi/openapi.json is out of date: run `npm run openapi:generate` and commit it\n');
    process.exit(1);
  }
  process.stdout.write('openapi/openapi.json matches the code\n');
}
