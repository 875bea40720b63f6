import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import { promisify } from 'node:util';

// The stylesheet, scripts, fonts and images of the pages, made once from the design
// system's package and this service's own files:
// - the DKFDS stylesheet keeps only the rules whose classes the pages' sources name
//   (PurgeCSS over the views), with the service's own rules after it, as one file;
// - fonts are offered as woff2 only (every browser the pages support reads it);
// - every file's address carries a hash of its content, so it can be cached for a year;
// - text files are compressed once, with brotli and gzip, at their best settings.
// Building takes about a second; the result is kept under node_modules/.cache, keyed by
// everything it is made from, so a start with unchanged sources only reads it back.

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Where the addresses of the assets begin. */
export const ASSETS_PREFIX = '/assets/';

/** Changes whenever the way the assets are built changes, so an old cache is not read. */
const BUILD_VERSION = '1';

const dkfdsDist = path.resolve(path.dirname(createRequire(import.meta.url).resolve('dkfds')), '..');
/** The service's code as it runs: src/ under tsx, dist/src/ when compiled. */
const sourcesRoot = fileURLToPath(new URL('../', import.meta.url));
const ownAssets = path.join(sourcesRoot, 'modules', 'web', 'assets');
/** Beside the packages the assets are made from, wherever the code runs from. */
const defaultCacheDir = path.resolve(dkfdsDist, '..', '..', '.cache', 'one-entry-assets');

/** The font of body text, which the first paint needs: preloaded. */
const FIRST_PAINT_FONT = 'fonts/IBMPlexSans/complete/woff2/IBMPlexSans-Regular.woff2';

export interface PageAsset {
  contentType: string;
  body: Buffer;
  brotli: Buffer | null;
  gzip: Buffer | null;
  /** A strong validator: the content hash. */
  etag: string;
}

/** The addresses a page links to. */
export interface PageAssetLinks {
  stylesheet: string;
  dkfdsScript: string;
  formScript: string;
  firstPaintFont: string;
}

export interface PageAssets {
  links: PageAssetLinks;
  /** The asset at an address under ASSETS_PREFIX, or undefined. */
  get(pathname: string): PageAsset | undefined;
}

const CONTENT_TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

const COMPRESSIBLE = new Set(['.css', '.js', '.svg']);

interface Built {
  name: string;
  body: Buffer;
}

/** The files whose text decides which stylesheet rules stay: every view and script, in whatever form the service runs (TypeScript or compiled). */
async function contentFiles(): Promise<string[]> {
  const entries = await readdir(sourcesRoot, { recursive: true, withFileTypes: true });
  const views = entries
    .filter((e) => e.isFile() && /\.(ts|js)$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  // DKFDS's script sets classes of its own (the character counter's messages, open and closed states).
  return [...views, path.join(dkfdsDist, 'js', 'dkfds.js')];
}

function hashOf(...parts: (string | Buffer)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}

function addressOf(name: string, body: Buffer): string {
  const ext = path.extname(name);
  return `${ASSETS_PREFIX}${path.basename(name, ext)}.${hashOf(body).slice(0, 12)}${ext}`;
}

/**
 * The DKFDS stylesheet with only what the pages use: unused rules removed, fonts as woff2,
 * and every file it refers to (fonts, icons) collected with its hashed address.
 */
async function buildStylesheet(dkfdsCss: string, ownCss: string, content: string[]): Promise<{ css: string; referenced: Built[] }> {
  // Loaded only when the assets are built, not on every start that reads them back.
  const [{ PurgeCSS }, { default: postcss }] = await Promise.all([import('purgecss'), import('postcss')]);
  const [purged] = await new PurgeCSS().purge({
    content,
    css: [{ raw: dkfdsCss }],
    fontFace: true,
    keyframes: true,
    variables: true,
    // States the pages and scripts reach through attributes rather than classes.
    safelist: { greedy: [/aria-/, /data-/] },
  });
  const root = postcss.parse(purged?.css ?? '');
  root.walkAtRules('font-face', (rule) => {
    rule.walkDecls('src', (decl) => {
      const sources = decl.value.split(/,(?![^(]*\))/).map((s) => s.trim());
      const kept = sources.filter((s) => s.startsWith('local(') || /\.woff2["']?\)/.test(s));
      if (kept.length > 0) decl.value = kept.join(',');
      else rule.remove();
    });
  });
  const referenced = new Map<string, Built>();
  const cssDir = path.join(dkfdsDist, 'css');
  const files = new Map<string, string>();
  root.walkDecls((decl) => {
    for (const match of decl.value.matchAll(/url\(\s*["']?(\.\.\/(?:fonts|img)\/[^"')]+)["']?\s*\)/g)) {
      const relative = match[1] as string;
      files.set(relative, path.relative(dkfdsDist, path.resolve(cssDir, relative)));
    }
  });
  const addresses = new Map<string, string>();
  for (const [relative, file] of files) {
    const body = await readFile(path.join(dkfdsDist, file));
    const name = path.basename(file);
    referenced.set(file, { name, body });
    addresses.set(relative, addressOf(name, body));
  }
  root.walkDecls((decl) => {
    decl.value = decl.value.replace(/url\(\s*["']?(\.\.\/(?:fonts|img)\/[^"')]+)["']?\s*\)/g, (whole, relative: string) => {
      const address = addresses.get(relative);
      return address ? `url(${address})` : whole;
    });
  });
  return { css: `${root.toString()}\n${ownCss}`, referenced: [...referenced.values()] };
}

interface Manifest {
  links: PageAssetLinks;
  files: { address: string; name: string; body: string; brotli: string | null; gzip: string | null }[];
}

async function compressed(name: string, body: Buffer): Promise<{ brotli: Buffer | null; gzip: Buffer | null }> {
  if (!COMPRESSIBLE.has(path.extname(name))) return { brotli: null, gzip: null };
  const [br, gz] = await Promise.all([
    brotli(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: zlibConstants.BROTLI_MAX_QUALITY, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
    gzipAsync(body, { level: zlibConstants.Z_BEST_COMPRESSION }),
  ]);
  return { brotli: br.length < body.length ? br : null, gzip: gz.length < body.length ? gz : null };
}

async function build(inputs: { dkfdsCss: string; ownCss: string; dkfdsJs: Buffer; formJs: Buffer; content: string[] }): Promise<Manifest> {
  const { css, referenced } = await buildStylesheet(inputs.dkfdsCss, inputs.ownCss, inputs.content);
  const files: Built[] = [{ name: 'styles.css', body: Buffer.from(css) }, { name: 'dkfds.js', body: inputs.dkfdsJs }, { name: 'form.js', body: inputs.formJs }, ...referenced];
  const out: Manifest['files'] = [];
  for (const file of files) {
    const { brotli: br, gzip: gz } = await compressed(file.name, file.body);
    out.push({ address: addressOf(file.name, file.body), name: file.name, body: file.body.toString('base64'), brotli: br?.toString('base64') ?? null, gzip: gz?.toString('base64') ?? null });
  }
  const address = (name: string) => out.find((f) => f.name === name)?.address ?? '';
  const firstPaintFont = out.find((f) => f.name === path.basename(FIRST_PAINT_FONT));
  if (!firstPaintFont) throw new Error(`the stylesheet no longer refers to ${FIRST_PAINT_FONT}`);
  return { links: { stylesheet: address('styles.css'), dkfdsScript: address('dkfds.js'), formScript: address('form.js'), firstPaintFont: firstPaintFont.address }, files: out };
}

async function readCached(file: string): Promise<Manifest | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Manifest;
  } catch {
    return null;
  }
}

/** Keeps the manifest for the next start; a read-only installation simply builds again. */
async function writeCached(dir: string, file: string, manifest: Manifest): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(manifest));
    await rename(temporary, file);
  } catch {
    // Not writable: nothing lost but the next start's second.
  }
}

function toAssets(manifest: Manifest): PageAssets {
  const byAddress = new Map<string, PageAsset>();
  for (const file of manifest.files) {
    const body = Buffer.from(file.body, 'base64');
    byAddress.set(file.address, {
      contentType: CONTENT_TYPES[path.extname(file.name)] ?? 'application/octet-stream',
      body,
      brotli: file.brotli === null ? null : Buffer.from(file.brotli, 'base64'),
      gzip: file.gzip === null ? null : Buffer.from(file.gzip, 'base64'),
      etag: `"${path.basename(file.address).split('.').at(-2) ?? ''}"`,
    });
  }
  return { links: manifest.links, get: (pathname) => byAddress.get(pathname) };
}

const loaded = new Map<string, Promise<PageAssets>>();

/** The pages' assets: read back from the cache when nothing they are made from changed, else built; once per process. */
export function loadPageAssets(options: { cacheDir?: string } = {}): Promise<PageAssets> {
  const cacheDir = options.cacheDir ?? defaultCacheDir;
  let assets = loaded.get(cacheDir);
  if (!assets) {
    assets = readOrBuild(cacheDir);
    loaded.set(cacheDir, assets);
    // A failed build is tried again by the next caller rather than remembered.
    assets.catch(() => loaded.delete(cacheDir));
  }
  return assets;
}

async function readOrBuild(cacheDir: string): Promise<PageAssets> {
  const content = await contentFiles();
  const [dkfdsCss, ownCss, dkfdsJs, formJs, contentTexts] = await Promise.all([
    readFile(path.join(dkfdsDist, 'css', 'dkfds-virkdk.min.css'), 'utf8'),
    readFile(path.join(ownAssets, 'web.css'), 'utf8'),
    readFile(path.join(dkfdsDist, 'js', 'dkfds.min.js')),
    readFile(path.join(ownAssets, 'form.js')),
    Promise.all(content.map((file) => readFile(file))),
  ]);
  const key = hashOf(BUILD_VERSION, dkfdsCss, ownCss, dkfdsJs, formJs, ...content.flatMap((file, i) => [path.relative(sourcesRoot, file), contentTexts[i] as Buffer]));
  const cacheFile = path.join(cacheDir, `${key}.json`);
  const cached = await readCached(cacheFile);
  if (cached) return toAssets(cached);
  const manifest = await build({ dkfdsCss, ownCss, dkfdsJs, formJs, content });
  await writeCached(cacheDir, cacheFile, manifest);
  return toAssets(manifest);
}
