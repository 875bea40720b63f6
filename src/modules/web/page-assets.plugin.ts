import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { loadPageAssets, type PageAssets } from '../../pages/page-assets.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The pages' stylesheet, scripts, fonts and icons, with their hashed addresses. */
    pageAssets: PageAssets;
  }
}

/** Builds (or reads back) the pages' assets before any page can link to them. */
async function pageAssetsPlugin(app: FastifyInstance, options: { assets?: PageAssets }): Promise<void> {
  app.decorate('pageAssets', options.assets ?? (await loadPageAssets()));
}

export default fp(pageAssetsPlugin, { name: 'page-assets' });
