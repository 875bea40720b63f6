import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import type { FastifyError } from 'fastify';
import { z } from 'zod';
import { messagePage, type Site } from '../../pages/layout.js';
import { LANGUAGES, messagesFor, otherLang } from '../../pages/messages.js';
import { pageHref } from '../../pages/page-href.js';
import { errorTexts, pageHelmet, sendPage, statusOf } from '../../pages/respond.js';
import { PublicFiguresCache } from './public-figures-cache.js';
import { TRANSPARENCY_PATH, transparencyPage } from './views/transparency-page.js';

// The public transparency page: the public figures of the last snapshot as charts and
// tables, in Danish and English. Like the figures' API, it reads the snapshot only.

const querySchema = z.object({ lang: z.enum(LANGUAGES).catch('da') });

const transparencyRoutes: FastifyPluginAsyncZod = async (app) => {
  const site: Site = {
    municipalityName: app.config.MUNICIPALITY_NAME,
    accessibilityStatementUrl: app.config.ACCESSIBILITY_STATEMENT_URL,
    assets: app.pageAssets.links,
  };
  const publicCopy = new PublicFiguresCache(app.db);

  // A person gets a page, never a problem document, when something fails here.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = statusOf(error);
    if (status >= 500 && status !== 503) request.log.error({ err: error }, 'unhandled error');
    if (status === 503) reply.header('retry-after', '2');
    const lang = (request.query as { lang?: unknown } | undefined)?.lang === 'en' ? 'en' : 'da';
    const m = messagesFor(lang);
    const texts = errorTexts(m, status);
    return sendPage(reply, status, messagePage({ m, site, title: texts.title, body: texts.body, switchLanguageHref: pageHref(TRANSPARENCY_PATH, { lang: otherLang(lang) }), formScript: false }));
  });

  app.get(TRANSPARENCY_PATH, { helmet: pageHelmet, schema: { hide: true, querystring: querySchema } }, async (request, reply) => {
    const { figures } = await publicCopy.get();
    reply.header('cache-control', 'public, max-age=300');
    return sendPage(reply, 200, transparencyPage({ m: messagesFor(request.query.lang), site, figures: figures.generatedAt === null ? null : figures }));
  });
};

export default transparencyRoutes;
