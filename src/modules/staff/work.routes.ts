import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { messagesFor } from '../../pages/messages.js';
import { pageHelmet, sendPage } from '../../pages/respond.js';
import { callerOf } from '../auth/auth.guards.js';
import { signedInOf, type StaffContext } from './staff-context.js';
import { myWork, takeNextCase } from './staff.service.js';
import { claimParamsSchema, staffFormSchema, workQuerySchema } from './staff.schemas.js';
import { casePageHref } from './views/case-page.js';
import { myWorkPage, STAFF_HOME, staffHref, type WorkNotice } from './views/staff-pages.js';

/** "My work": the caseworker's queues and open assignments, and taking the next case. */
const workRoutes: FastifyPluginAsyncZod<{ context: StaffContext }> = async (app, { context }) => {
  const { site, cookie } = context;

  app.get(STAFF_HOME, { helmet: pageHelmet, schema: { hide: true, querystring: workQuerySchema } }, async (request, reply) => {
    const { lang, claimed, empty } = request.query;
    const { session, signedIn } = signedInOf(request, cookie);
    const notice: WorkNotice | undefined = claimed ? { kind: 'claimed', reference: claimed } : empty ? { kind: 'queueEmpty', department: empty } : undefined;
    const work = await myWork(app.casework, session.principal);
    return sendPage(reply, 200, myWorkPage({ m: messagesFor(lang), site, signedIn, work, notice }));
  });

  app.post(
    '/staff/departments/:department/claim',
    { helmet: pageHelmet, schema: { hide: true, params: claimParamsSchema, body: staffFormSchema } },
    async (request, reply) => {
      signedInOf(request, cookie);
      const { department } = request.params;
      const reference = await takeNextCase(app.casework, callerOf(request), department);
      request.log.info({ department, claimed: reference !== null, channel: 'staff' }, 'next case claimed');
      // On to the case just taken; an empty queue is said on my work.
      const { lang } = request.body;
      return reply.redirect(reference ? casePageHref(reference, lang, { done: 'claim' }) : staffHref(STAFF_HOME, lang, { empty: department }), 303);
    },
  );
};

export default workRoutes;
