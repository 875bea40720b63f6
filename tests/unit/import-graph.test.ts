import path from 'node:path';
import { importCycles, type UnitImport, unitImports } from '../support/import-graph.js';

// Each capability module under src/modules, and src/plugins, src/domain, src/db and the
// other folders and files directly under src/, are units. No two units import each other,
// directly or round a cycle: dependencies point one way, so a unit can be read, tested and
// moved without the ones that use it.

const src = path.resolve(import.meta.dirname, '../../src');

test('no two units of src/ import each other, directly or round a cycle', () => {
  expect(importCycles(unitImports(src))).toEqual([]);
});

test('a cycle is found and named with the imports that close it', () => {
  const imports: UnitImport[] = [
    { from: 'modules/a', to: 'modules/b', importer: 'modules/a/a.ts', imported: 'modules/b/b.ts' },
    { from: 'modules/b', to: 'plugins', importer: 'modules/b/b.ts', imported: 'plugins/p.ts' },
    { from: 'plugins', to: 'modules/a', importer: 'plugins/p.ts', imported: 'modules/a/a.ts' },
    { from: 'modules/a', to: 'domain', importer: 'modules/a/a.ts', imported: 'domain/d.ts' },
  ];
  expect(importCycles(imports)).toEqual([
    ['modules/a ⇄ modules/b ⇄ plugins', '  modules/a/a.ts → modules/b/b.ts', '  modules/b/b.ts → plugins/p.ts', '  plugins/p.ts → modules/a/a.ts'].join('\n'),
  ]);
  expect(importCycles(imports.slice(0, 2))).toEqual([]);
});
