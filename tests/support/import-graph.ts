import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** One import between two units: which file imports which. */
export interface UnitImport {
  from: string;
  to: string;
  importer: string;
  imported: string;
}

/**
 * The unit a file under src/ belongs to: each capability module under `modules/` on its
 * own, otherwise the folder (`domain`, `db`, `plugins`, …) or file directly under src/.
 */
export function unitOf(file: string): string {
  const [top = '', second] = file.split('/');
  const unit = top === 'modules' && second !== undefined ? `modules/${second}` : top;
  return unit.replace(/\.ts$/, '');
}

function sourceFiles(dir: string, root: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full, root);
    return entry.name.endsWith('.ts') ? [path.relative(root, full).split(path.sep).join('/')] : [];
  });
}

/**
 * Every import (static, type-only, re-export or dynamic, as the TypeScript compiler reads
 * them) from a file of one unit to a file of another, both under `srcDir`.
 */
export function unitImports(srcDir: string): UnitImport[] {
  const found: UnitImport[] = [];
  for (const importer of sourceFiles(srcDir, srcDir)) {
    const text = readFileSync(path.join(srcDir, importer), 'utf8');
    for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const imported = path.posix.normalize(path.posix.join(path.posix.dirname(importer), fileName)).replace(/\.js$/, '.ts');
      if (imported.startsWith('../')) continue;
      const from = unitOf(importer);
      const to = unitOf(imported);
      if (from !== to) found.push({ from, to, importer, imported });
    }
  }
  return found;
}

function reachable(start: string, next: Map<string, Set<string>>): Set<string> {
  const seen = new Set<string>();
  const queue = [start];
  for (let unit = queue.shift(); unit !== undefined; unit = queue.shift()) {
    for (const to of next.get(unit) ?? []) {
      if (!seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  return seen;
}

/**
 * The groups of units that import each other, directly or round a cycle, each with the
 * imports that tie it together; empty when the units form a directed acyclic graph.
 */
export function importCycles(imports: readonly UnitImport[]): string[] {
  const next = new Map<string, Set<string>>();
  for (const { from, to } of imports) next.set(from, (next.get(from) ?? new Set()).add(to));
  const reach = new Map([...next.keys()].map((unit) => [unit, reachable(unit, next)]));
  const grouped = new Set<string>();
  const cycles: string[] = [];
  for (const unit of [...next.keys()].sort()) {
    if (grouped.has(unit) || !reach.get(unit)?.has(unit)) continue;
    const group = [...(reach.get(unit) ?? [])].filter((other) => reach.get(other)?.has(unit)).sort();
    group.forEach((member) => grouped.add(member));
    const ties = imports
      .filter((i) => group.includes(i.from) && group.includes(i.to))
      .map((i) => `  ${i.importer} → ${i.imported}`)
      .sort();
    cycles.push([group.join(' ⇄ '), ...new Set(ties)].join('\n'));
  }
  return cycles;
}
