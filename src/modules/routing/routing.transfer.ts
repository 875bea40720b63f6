import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { ValidationError } from '../../errors.js';
import { tableInputSchema } from './routing.schemas.js';
import { exportTable, importDraft } from './routing.service.js';

// Moves a routing table in and out of a JSON file, so a municipality can keep its
// routing in version control and review changes like code.

export const FILE_FORMAT = 'one-entry/routing-table';

const fileSchema = tableInputSchema.extend({
  format: z.literal(FILE_FORMAT).optional(),
  formatVersion: z.literal(1).optional(),
  exportedAt: z.string().optional(),
  version: z.number().int().optional().describe('The version it was exported from; an import always creates a new draft'),
  status: z.string().optional(),
});

export async function exportTableToFile(db: Database, file: string, version?: number): Promise<{ version: number; rules: number }> {
  const table = await exportTable(db, version);
  const content = { format: FILE_FORMAT, formatVersion: 1, exportedAt: new Date().toISOString(), ...table };
  await writeFile(file, `${JSON.stringify(content, null, 2)}\n`, 'utf8');
  return { version: table.version, rules: table.rules.length };
}

/** Reads, checks and imports a table file as a new draft; a bad file throws a ValidationError naming each field. */
export async function importTableFromFile(db: Database, file: string) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ValidationError([{ path: '', message: `Not a JSON file: ${(error as Error).message}` }], `${file} cannot be read.`);
  }
  const result = fileSchema.safeParse(parsed);
  if (!result.success) {
    throw new ValidationError(
      result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      `${file} is not a routing table.`,
    );
  }
  const { fallbackDepartment, rules, note } = result.data;
  const { view } = await importDraft(db, { fallbackDepartment, rules, note: note ?? `Imported from ${path.basename(file)}` }, { file: path.basename(file) });
  return view;
}
