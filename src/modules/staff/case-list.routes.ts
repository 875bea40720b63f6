import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { messagesFor } from '../../pages/messages.js';
import { pageHelmet, sendPage } from '../../pages/respond.js';
import { callerOf } from '../auth/auth.guards.js';
import { caseListPageQuerySchema } from './case-list.schemas.js';
import { caseListPage as loadCaseListPage } from './case-list.service.js';
import { signedInOf, type StaffContext } from './staff-context.js';
import { caseListPage } from './views/case-list-page.js';
import { STAFF_CASES } from './views/staff-pages.js';

/** The case list: the API's `GET /v1/cases` with its filters and keyset pages, as a page. */
const caseListRoutes: FastifyPluginAsyncZod<{ context: StaffContext }> = async (app, { context }) => {
  const { site, cookie } = context;

  app.get(STAFF_CASES, { helmet: pageHelmet, schema: { hide: true, querystring: caseListPageQuerySchema } }, async (request, reply) => {
    const { lang, page: pageNumber, filters } = request.query;
    const { signedIn } = signedInOf(request, cookie);
    const page = await loadCaseListPage(app.casework, callerOf(request), filters);
    // Filters the API would refuse: the page again, the problems beside the fields.
    const status = page.kind === 'invalid' ? 400 : 200;
    return sendPage(reply, status, caseListPage({ m: messagesFor(lang), site, signedIn, filters, pageNumber, page }));
  });
};

export default caseListRoutes;
