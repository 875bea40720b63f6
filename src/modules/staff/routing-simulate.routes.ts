import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../errors.js';
import { type Lang, messagesFor } from '../../pages/messages.js';
import { pageHelmet, sendPage } from '../../pages/respond.js';
import { callerOf } from '../auth/auth.guards.js';
import { listTableSummaries } from '../routing/routing.service.js';
import { catalogueOf, loadNames } from './golden-cases.service.js';
import {
  type FieldErrors,
  GOLDEN_FIELDS,
  type GoldenValues,
  inquiryValuesOf,
  type InquiryValues,
  namesInquiry,
  saveGoldenCase,
  statusOfErrors,
} from './routing-inquiry-form.js';
import { plainQuerySchema, saveGoldenFormSchema, simulateQuerySchema, versionOf, versionParamsSchema } from './routing-simulate.schemas.js';
import { loadSimulatePage, type SimulateDeps } from './routing-simulate.service.js';
import { signedInWithRole, type StaffContext } from './staff-context.js';
import { routingRefusal } from './views/routing-editor-pages.js';
import { goldenCasesHref } from './views/golden-cases-pages.js';
import { ROUTING_PATH, simulatePath } from './views/routing-inquiry-fields.js';
import { simulatePage } from './views/routing-simulate-pages.js';
import { staffHref, staffMessagePage } from './views/staff-pages.js';

const COORDINATORS = ['coordinator', 'admin'] as const;

/**
 * The simulation page, `/staff/routing/tables/{version}/simulate`, for coordinators and
 * admins (anyone else gets the 403 page): an inquiry, typed or taken from a recent case,
 * routed by the version and by the published table through the routing service, as
 * `POST /v1/routing/simulate` does. Its result can be saved as a golden case (as
 * `POST /v1/routing/golden-cases`); a mistake gives the page again with the message beside
 * the field and saves nothing.
 */
const routingSimulateRoutes: FastifyPluginAsyncZod<{ context: StaffContext }> = async (app, { context }) => {
  const { site, cookie } = context;
  const deps: SimulateDeps = { routing: { db: app.db, routing: app.intake.routing }, casework: app.casework };

  // A caseworker is told whom the routing pages are for and led back to their work.
  const coordinatorOf = (request: FastifyRequest) => signedInWithRole(request, cookie, COORDINATORS, routingRefusal);

  function versionNotFound(request: FastifyRequest, reply: FastifyReply, lang: Lang): FastifyReply {
    const { signedIn } = coordinatorOf(request);
    const m = messagesFor(lang);
    return sendPage(
      reply,
      404,
      staffMessagePage({ m, site, signedIn, texts: m.staff.routingSimulate.notFound, switchLanguageHref: staffHref(ROUTING_PATH, m.otherLanguage.lang), next: { href: staffHref(ROUTING_PATH, m.lang), text: m.staff.routingSimulate.toTables } }),
    );
  }

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    version: number,
    asked: { values?: InquiryValues | undefined; reference?: string | undefined },
    saving?: { values: GoldenValues; errors: FieldErrors; status: 400 | 422 },
  ) {
    const { signedIn } = coordinatorOf(request);
    let data;
    try {
      data = await loadSimulatePage(deps, callerOf(request), version, asked);
    } catch (error) {
      if (error instanceof NotFoundError) return versionNotFound(request, reply, lang);
      throw error;
    }
    const status = data.errors.size > 0 ? statusOfErrors(data.errors) : data.picked?.found === false ? 404 : (saving?.status ?? 200);
    return sendPage(reply, status, simulatePage({ m: messagesFor(lang), site, signedIn, data, saving }));
  }

  app.get(`${ROUTING_PATH}/tables/:version/simulate`, { helmet: pageHelmet, schema: { hide: true, params: versionParamsSchema, querystring: simulateQuerySchema } }, async (request, reply) => {
    coordinatorOf(request);
    const { lang, case: reference, ...fields } = request.query;
    const version = versionOf(request.params.version);
    if (version === null) return versionNotFound(request, reply, lang);
    // A form sent (any of its fields named) is simulated as typed; else the case chosen, if any.
    const values = namesInquiry(fields) ? inquiryValuesOf(fields) : undefined;
    return render(request, reply, lang, version, { values, reference });
  });

  app.post(`${ROUTING_PATH}/tables/:version/simulate/golden-cases`, { helmet: pageHelmet, schema: { hide: true, params: versionParamsSchema, body: saveGoldenFormSchema } }, async (request, reply) => {
    const { session } = coordinatorOf(request);
    const { lang, _csrf, name, lead, involved, ...fields } = request.body;
    const version = versionOf(request.params.version);
    const [tables, names] = await Promise.all([listTableSummaries(app.db), loadNames(app.db)]);
    if (version === null || !tables.some((t) => t.version === version)) return versionNotFound(request, reply, lang);
    const inquiry = inquiryValuesOf(fields);
    const values: GoldenValues = { ...inquiry, name, lead, involved };
    const saved = await saveGoldenCase(deps.routing, values, catalogueOf(names), session.principal);
    if (saved.kind === 'saved') {
      request.log.info({ goldenCaseId: saved.id, version, by: session.principal.userId, channel: 'staff' }, 'golden case created');
      return reply.redirect(goldenCasesHref(lang, version, { done: 'created' }), 303);
    }
    // The golden case's own fields come back beside the save form; a problem with the
    // inquiry itself (its hidden fields) is found again by the simulation, beside the inquiry's.
    const own: FieldErrors = new Map([...saved.errors].filter(([field]) => (GOLDEN_FIELDS as readonly string[]).includes(field)));
    return render(request, reply, lang, version, { values: inquiry }, { values, errors: own, status: statusOfErrors(saved.errors) });
  });

  // The save form's address opened as a page (reloaded, or from the history) goes to the simulation.
  app.get(`${ROUTING_PATH}/tables/:version/simulate/golden-cases`, { helmet: pageHelmet, schema: { hide: true, params: versionParamsSchema, querystring: plainQuerySchema } }, async (request, reply) => {
    coordinatorOf(request);
    const version = versionOf(request.params.version);
    if (version === null) return versionNotFound(request, reply, request.query.lang);
    return reply.redirect(staffHref(simulatePath(version), request.query.lang), 303);
  });
};

export default routingSimulateRoutes;
