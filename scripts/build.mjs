// `npm run build`: compiles the service to dist/ and copies what the compiler does not
// (the pages' own stylesheet and script), then writes dist/server.js, the entry point.
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
rmSync('dist', { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
cpSync('src/modules/web/assets', 'dist/src/modules/web/assets', { recursive: true });
writeFileSync('dist/server.js', "// The service's entry point in production: `node dist/server.js`.\nimport './src/server.js';\n");
console.log('built dist/ (start with: node dist/server.js)');
