import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Html } from './html.js';

// The DKFDS icons the pages use, drawn inline from the package's own sprite. An inline
// <svg> costs a few hundred bytes; the sprite as a file costs a 53 KB request that blocks
// nothing but still competes with the first paint on a slow phone connection.

const sprite = readFileSync(path.join(path.dirname(createRequire(import.meta.url).resolve('dkfds')), '..', 'img', 'all-svg-icons.svg'), 'utf8');

// The sprite is the design system's own file, not text from a request: its drawings are markup as they are.
const symbols = new Map<string, { viewBox: string; body: Html }>();
for (const match of sprite.matchAll(/<symbol id="([\w-]+)" viewBox="([\d\s.-]+)">([\s\S]*?)<\/symbol>/g)) {
  const [, id, viewBox, body] = match;
  if (id && viewBox && body) symbols.set(id, { viewBox, body: new Html(body) });
}

/** The icon's viewBox and drawing, or undefined for a name the design system does not have. */
export function iconSymbol(name: string): { viewBox: string; body: Html } | undefined {
  return symbols.get(name);
}
