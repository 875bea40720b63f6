import { Negotiator } from '@fastify/accept-negotiator';
import type { FastifyPluginAsync } from 'fastify';
import { ASSETS_PREFIX } from '../../pages/page-assets.js';

const A_YEAR = 365 * 24 * 60 * 60;

// Brotli first: about a sixth smaller than gzip on the stylesheet.
const encodings = new Negotiator({ supportedValues: ['br', 'gzip', 'identity'] });

/**
 * The pages' assets. Their addresses change whenever their content does, so a browser may
 * keep each for a year without asking again; they are sent compressed the way the browser
 * accepts (brotli, then gzip), as made once at start.
 */
const assetsRoutes: FastifyPluginAsync = async (app) => {
  app.get(`${ASSETS_PREFIX}*`, { schema: { hide: true }, compress: false }, async (request, reply) => {
    const asset = app.pageAssets.get(request.url.split('?')[0] ?? '');
    if (!asset) return reply.code(404).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send('Not found');
    reply
      .header('content-type', asset.contentType)
      .header('cache-control', `public, max-age=${A_YEAR}, immutable`)
      .header('etag', asset.etag)
      .header('vary', 'accept-encoding');
    if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
    const header = request.headers['accept-encoding'];
    const encoding = header ? encodings.negotiate(header) : null;
    // A file that compression would not make smaller (a small icon, a font) has no compressed form.
    const compressed = encoding === 'br' ? asset.brotli : encoding === 'gzip' ? asset.gzip : null;
    if (compressed && encoding) return reply.header('content-encoding', encoding).send(compressed);
    return reply.send(asset.body);
  });
};

export default assetsRoutes;
