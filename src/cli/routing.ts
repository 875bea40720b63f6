import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { AppError, ValidationError } from '../errors.js';
import { exportTableToFile, importTableFromFile } from '../modules/routing/routing.transfer.js';
import { configureZod } from '../schemas/zod-config.js';
import { openCliDatabase } from './database.js';

// `npm run routing -- export FILE [--version N]` writes a routing table (default: the
// published one) to a JSON file; `npm run routing -- import FILE` creates a draft from
// one, validated like an edit through the API. Works on DATABASE_URL, or on the embedded
// database in DATA_DIR when DATABASE_URL is unset.

configureZod();

const usage = `usage:
  npm run routing -- export FILE [--version N]   write a version (default: the published one) to FILE
  npm run routing -- import FILE                 create a draft from FILE
`;

const { positionals, values } = parseArgs({ allowPositionals: true, options: { version: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
const [command, file] = positionals;
const version = values.version === undefined ? undefined : Number(values.version);

if (values.help || !file || (command !== 'export' && command !== 'import') || (version !== undefined && !(Number.isInteger(version) && version > 0))) {
  process.stderr.write(usage);
  process.exitCode = values.help ? 0 : 2;
} else {
  const { db, close } = await openCliDatabase(loadConfig());
  try {
    if (command === 'export') {
      const written = await exportTableToFile(db, file, version);
      process.stdout.write(`Wrote version ${written.version} (${written.rules} rules) to ${file}\n`);
    } else {
      const draft = await importTableFromFile(db, file);
      process.stdout.write(`Created draft version ${draft.version} (${draft.ruleCount} rules) from ${file}\n`);
      for (const warning of draft.warnings) process.stdout.write(`  warning: ${warning.message}\n`);
      process.stdout.write(`Review it with GET /v1/routing/tables/${draft.version}, then publish it with POST /v1/routing/tables/${draft.version}/publish\n`);
    }
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    process.stderr.write(`${error.message}\n`);
    if (error instanceof ValidationError) for (const issue of error.errors) process.stderr.write(`  ${issue.path || '(file)'}: ${issue.message}\n`);
    process.exitCode = 1;
  } finally {
    await close();
  }
}
