import { loadPageAssets } from '../src/pages/page-assets.js';

// Builds the pages' assets ahead of the first start (the image build does this, since the
// service's user there cannot write node_modules/.cache); every start would otherwise
// build them once itself.
const assets = await loadPageAssets();
for (const [name, address] of Object.entries(assets.links)) console.log(`${name}: ${address}`);
