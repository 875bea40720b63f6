import formbody from '@fastify/formbody';
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import { AppError } from '../../errors.js';
import { isDataException } from '../../plugins/errors.js';
import { publicSubmissionRateLimit } from '../inquiries/inquiries.routes.js';
import { enterpriseStatus } from '../inquiries/inquiries.service.js';
import { listTopics } from '../topics/topics.service.js';
import assetsRoutes from './assets.routes.js';
import { translateFieldErrors } from './field-errors.js';
import { emptyForm, type InquiryForm, isFieldBlank, newIdempotencyKey, readInquiryForm } from './form-input.js';
import { html } from '../../pages/html.js';
import { pageHref } from '../../pages/page-href.js';
import { type Lang, messagesFor, otherLang } from '../../pages/messages.js';
import { errorTexts, pageHelmet, sendPage, statusOf } from '../../pages/respond.js';
import { FORM_ACTION, formPage, type FormPageOptions } from './views/form-page.js';
import { messagePage, type Site } from '../../pages/layout.js';
import { receiptPage, statusPage } from './views/tracking-pages.js';
import { formBodySchema, pageQuerySchema, trackingParamsSchema, trackingQuerySchema } from './web.schemas.js';
import { submitInquiryForm } from './web.service.js';

/**
 * The language of the page a request came from, for pages rendered before any schema ran
 * (or before routing, when the query has not been parsed).
 */
function requestLang(request: FastifyRequest): Lang {
  const query = request.query as { lang?: unknown } | null | undefined;
  const body = request.body as { language?: unknown } | null | undefined;
  const lang = query ? query.lang : new URLSearchParams(request.url.split('?')[1] ?? '').get('lang');
  return lang === 'en' || (typeof body === 'object' && body?.language === 'en') ? 'en' : 'da';
}

/** The paths of the pages, which answer every error with a page. */
function isPagePath(pathname: string): boolean {
  return pathname === '/' || pathname === FORM_ACTION || /^\/(receipt|status)\//.test(pathname);
}

const webRoutes: FastifyPluginAsyncZod = async (app) => {
  const site: Site = {
    municipalityName: app.config.MUNICIPALITY_NAME,
    accessibilityStatementUrl: app.config.ACCESSIBILITY_STATEMENT_URL,
    assets: app.pageAssets.links,
  };

  // Only the pages read urlencoded bodies; the JSON API keeps answering 415 to them.
  await app.register(formbody);
  await app.register(assetsRoutes);

  function sendErrorPage(request: FastifyRequest, reply: FastifyReply, status: number): FastifyReply {
    const m = messagesFor(requestLang(request));
    const texts = errorTexts(m, status);
    return sendPage(
      reply,
      status,
      messagePage({
        m,
        site,
        title: texts.title,
        body: texts.body,
        switchLanguageHref: pageHref('/', { lang: otherLang(m.lang) }),
        // Something a person can quote to the municipality, and support can find in the logs.
        extra: status >= 500 && status !== 503 && html`<p>${m.errors.requestId}: <code>${request.id}</code></p>`,
        noIndex: true,
      }),
    );
  }

  // A person gets a page, never a problem+json body, whatever goes wrong on these routes.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = statusOf(error);
    if (status === 503) request.log.warn({ err: { message: error.message, code: error.code } }, 'page unavailable');
    else if (isDataException(error)) request.log.warn({ err: { message: error.message, code: error.code } }, 'database rejected a value');
    else if (status >= 500) request.log.error({ err: error }, 'unhandled error');
    if (error instanceof AppError) reply.headers(error.headers);
    else if (status === 503) reply.header('retry-after', '2');
    return sendErrorPage(request, reply, status);
  });

  // Also for an address Fastify cannot route (a malformed escape, an over-long reference).
  app.frameworkErrorPages.push({
    matches: isPagePath,
    // The only parameter of the pages is a case reference: one that is not even a valid
    // URL component, or longer than any parameter may be, names no case.
    // No hook has run before routing: the page's headers are set here.
    render: (_status, request, reply) => {
      helmet(pageHelmet)(request.raw, reply.raw, () => undefined);
      reply.header('x-request-id', request.id).header('cache-control', 'no-store');
      void sendErrorPage(request, reply, 404);
    },
  });

  async function renderForm(reply: FastifyReply, status: number, options: Omit<FormPageOptions, 'site' | 'topics'>) {
    const topics = await listTopics(app.db);
    // Kept in the history cache (not no-store), so going back shows this very form with
    // its idempotency key, and sending it again returns the same receipt.
    reply.header('cache-control', 'private, no-cache');
    return sendPage(reply, status, formPage({ ...options, site, topics }));
  }

  app.get(
    '/',
    { helmet: pageHelmet, schema: { hide: true, querystring: pageQuerySchema } },
    async (request, reply) => {
      const lang = request.query.lang;
      return renderForm(reply, 200, { m: messagesFor(lang), form: emptyForm(lang) });
    },
  );

  // An address bar showing the answer to a POST (the form with errors) leads back to the form.
  app.get(FORM_ACTION, { helmet: pageHelmet, schema: { hide: true, querystring: pageQuerySchema } }, async (request, reply) =>
    reply.redirect(pageHref('/', { lang: request.query.lang }), 303),
  );

  app.post(
    FORM_ACTION,
    {
      helmet: pageHelmet,
      // Room for a 5,000-character description however it is encoded.
      bodyLimit: 256 * 1024,
      config: { rateLimit: publicSubmissionRateLimit(app.config.PUBLIC_RATE_LIMIT) },
      schema: { hide: true, body: formBodySchema },
    },
    async (request, reply) => {
      const form: InquiryForm = readInquiryForm(request.body);
      const m = messagesFor(form.language);
      const outcome = await submitInquiryForm(app.intake, form);
      switch (outcome.kind) {
        case 'accepted': {
          const { receipt, replayed } = outcome;
          request.log.info({ caseId: receipt.caseId, lead: receipt.routing.lead, replayed, channel: 'web' }, replayed ? 'inquiry replayed' : 'inquiry received');
          // Post/Redirect/Get: reloading the receipt never posts the form again.
          return reply.redirect(pageHref(`/receipt/${encodeURIComponent(receipt.reference)}`, { token: receipt.trackingToken, lang: form.language }), 303);
        }
        case 'invalid':
          return renderForm(reply, 400, { m, form, errors: translateFieldErrors(outcome.errors, m, (field) => isFieldBlank(form, field)) });
        case 'alreadySent':
          // Sending the edited form on purpose is a new inquiry, so it gets a key of its own.
          return renderForm(reply, 409, { m, form: { ...form, idempotencyKey: newIdempotencyKey() }, notice: 'alreadySent' });
        case 'stillProcessing':
          return renderForm(reply, 409, { m, form, notice: 'stillProcessing' });
      }
    },
  );

  for (const kind of ['receipt', 'status'] as const) {
    app.get(
      `/${kind}/:reference`,
      { helmet: pageHelmet, schema: { hide: true, params: trackingParamsSchema, querystring: trackingQuerySchema } },
      async (request, reply) => {
        // The token is in the address: never cached, never sent on as a referrer.
        reply.header('cache-control', 'no-store');
        const { reference } = request.params;
        const { token, lang } = request.query;
        const m = messagesFor(lang);
        // A reference of the wrong shape names no case; the database is not asked.
        const status = reference === null ? null : await enterpriseStatus(app.db, reference, token);
        if (!status) {
          return sendPage(
            reply,
            404,
            messagePage({ m, site, title: m.notFound.title, body: m.notFound.body, switchLanguageHref: pageHref('/', { lang: otherLang(lang) }), noIndex: true }),
          );
        }
        const href = (pathname: string, pageLang: Lang) => pageHref(`/${pathname}/${encodeURIComponent(status.reference)}`, { token, lang: pageLang });
        const common = { m, site, status, switchLanguageHref: href(kind, otherLang(lang)) };
        return sendPage(reply, 200, kind === 'receipt' ? receiptPage({ ...common, statusHref: href('status', lang) }) : statusPage(common));
      },
    );
  }
};

export default webRoutes;
