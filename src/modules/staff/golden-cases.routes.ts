import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../../errors.js';
import { type Lang, messagesFor } from '../../pages/messages.js';
import { pageHelmet, sendPage } from '../../pages/respond.js';
import { removeGoldenCase, type RoutingDeps } from '../routing/routing.service.js';
import { addGoldenFormSchema, deleteGoldenFormSchema, goldenDeleteQuerySchema, goldenListQuerySchema, goldenParamsSchema } from './golden-cases.schemas.js';
import { catalogueOf, findGoldenCase, loadGoldenCasesPage, loadNames } from './golden-cases.service.js';
import { type FieldErrors, type GoldenValues, inquiryValuesOf, saveGoldenCase, statusOfErrors } from './routing-inquiry-form.js';
import { versionOf } from './routing-simulate.schemas.js';
import { signedInWithRole, type StaffContext } from './staff-context.js';
import { routingRefusal } from './views/routing-editor-pages.js';
import { deleteGoldenPage, type GoldenNotice, goldenCasesHref, goldenCasesPage, goldenNotFoundPage } from './views/golden-cases-pages.js';
import { GOLDEN_CASES_PATH } from './views/routing-inquiry-fields.js';

const COORDINATORS = ['coordinator', 'admin'] as const;
const isUuid = (value: string) => z.uuid().safeParse(value).success;

/** The version to check against as typed: none (empty), a version number, or something that cannot be one. */
function versionAsked(text: string | undefined): { version: number | null; unknown: boolean } {
  if (text === undefined || text.trim() === '') return { version: null, unknown: false };
  const version = versionOf(text.trim());
  return version === null ? { version: null, unknown: true } : { version, unknown: false };
}

/**
 * The golden cases pages, `/staff/routing/golden-cases`, for coordinators and admins
 * (anyone else gets the 403 page): the list with each case checked against the published
 * table and a chosen version, a form to add one, and deleting one after asking. Everything
 * goes through the routing service, as the API's golden cases do; a mistake gives the page
 * again with the message beside the field and changes nothing.
 */
const goldenCasesRoutes: FastifyPluginAsyncZod<{ context: StaffContext }> = async (app, { context }) => {
  const { site, cookie } = context;
  const deps: RoutingDeps = { db: app.db, routing: app.intake.routing };

  // A caseworker is told whom the routing pages are for and led back to their work.
  const coordinatorOf = (request: FastifyRequest) => signedInWithRole(request, cookie, COORDINATORS, routingRefusal);

  async function renderList(
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    typedVersion: string | undefined,
    state: { done?: GoldenNotice | undefined; adding?: { values: GoldenValues; errors: FieldErrors }; status?: number },
  ) {
    const { signedIn } = coordinatorOf(request);
    const asked = versionAsked(typedVersion);
    const loaded = await loadGoldenCasesPage(deps, asked.version);
    const data = asked.unknown ? { ...loaded, unknownVersion: true } : loaded;
    const status = state.status ?? (data.unknownVersion ? 400 : 200);
    return sendPage(reply, status, goldenCasesPage({ m: messagesFor(lang), site, signedIn, data, versionAsked: typedVersion, done: state.done, adding: state.adding }));
  }

  function notFound(request: FastifyRequest, reply: FastifyReply, lang: Lang): FastifyReply {
    const { signedIn } = coordinatorOf(request);
    return sendPage(reply, 404, goldenNotFoundPage(messagesFor(lang), site, signedIn));
  }

  app.get(GOLDEN_CASES_PATH, { helmet: pageHelmet, schema: { hide: true, querystring: goldenListQuerySchema } }, async (request, reply) => {
    coordinatorOf(request);
    const { lang, version, done } = request.query;
    return renderList(request, reply, lang, version, { done });
  });

  app.post(GOLDEN_CASES_PATH, { helmet: pageHelmet, schema: { hide: true, body: addGoldenFormSchema } }, async (request, reply) => {
    const { session } = coordinatorOf(request);
    const { lang, _csrf, version, name, lead, involved, ...fields } = request.body;
    const values: GoldenValues = { ...inquiryValuesOf(fields), name, lead, involved };
    const { version: chosen } = versionAsked(version);
    const saved = await saveGoldenCase(deps, values, catalogueOf(await loadNames(app.db)), session.principal);
    if (saved.kind === 'invalid') return renderList(request, reply, lang, version, { adding: { values, errors: saved.errors }, status: statusOfErrors(saved.errors) });
    request.log.info({ goldenCaseId: saved.id, by: session.principal.userId, channel: 'staff' }, 'golden case created');
    return reply.redirect(goldenCasesHref(lang, chosen, { done: 'created' }), 303);
  });

  app.get(`${GOLDEN_CASES_PATH}/:id/delete`, { helmet: pageHelmet, schema: { hide: true, params: goldenParamsSchema, querystring: goldenDeleteQuerySchema } }, async (request, reply) => {
    const { signedIn } = coordinatorOf(request);
    const { lang } = request.query;
    const { id } = request.params;
    if (!isUuid(id)) return notFound(request, reply, lang);
    try {
      const [golden, names] = await Promise.all([findGoldenCase(deps, id), loadNames(app.db)]);
      return sendPage(reply, 200, deleteGoldenPage({ m: messagesFor(lang), site, signedIn, golden, data: names, version: versionAsked(request.query.version).version }));
    } catch (error) {
      if (error instanceof NotFoundError) return notFound(request, reply, lang);
      throw error;
    }
  });

  app.post(`${GOLDEN_CASES_PATH}/:id/delete`, { helmet: pageHelmet, schema: { hide: true, params: goldenParamsSchema, body: deleteGoldenFormSchema } }, async (request, reply) => {
    const { session } = coordinatorOf(request);
    const { lang, version } = request.body;
    const { id } = request.params;
    if (!isUuid(id)) return notFound(request, reply, lang);
    try {
      await removeGoldenCase(app.db, id);
    } catch (error) {
      if (error instanceof NotFoundError) return notFound(request, reply, lang);
      throw error;
    }
    request.log.info({ goldenCaseId: id, by: session.principal.userId, channel: 'staff' }, 'golden case deleted');
    return reply.redirect(goldenCasesHref(lang, versionAsked(version).version, { done: 'deleted' }), 303);
  });
};

export default goldenCasesRoutes;
