import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { messagesFor } from '../../pages/messages.js';
import { pageHelmet, sendPage } from '../../pages/respond.js';
import { callerOf } from '../auth/auth.guards.js';
import { signedInOf, type StaffContext } from './staff-context.js';
import { chooseNewAssignmentsMail, myWork, newAssignmentsChoice, takeNextCase } from './staff.service.js';
import { claimParamsSchema, mailFormSchema, staffFormSchema, workQuerySchema } from './staff.schemas.js';
import { casePageHref } from './views/case-page.js';
import { MAIL_CHOICE_PATH, myWorkPage, STAFF_HOME, staffHref, type WorkNotice } from './views/staff-pages.js';

/** "My work": the caseworker's queues and open assignments, taking the next case, and the choice of mail about new work. */
const workRoutes: FastifyPluginAsyncZod<{ context: StaffContext }> = async (app, { context }) => {
  const { site, cookie } = context;

  app.get(STAFF_HOME, { helmet: pageHelmet, schema: { hide: true, querystring: workQuerySchema } }, async (request, reply) => {
    const { lang, claimed, empty, saved } = request.query;
    const { session, signedIn } = signedInOf(request, cookie);
    const notice: WorkNotice | undefined = claimed
      ? { kind: 'claimed', reference: claimed }
      : empty
        ? { kind: 'queueEmpty', department: empty }
        : saved
          ? { kind: 'mailSaved' }
          : undefined;
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

  app.post(MAIL_CHOICE_PATH, { helmet: pageHelmet, schema: { hide: true, body: mailFormSchema } }, async (request, reply) => {
    const { session, signedIn } = signedInOf(request, cookie);
    const { lang, newAssignments } = request.body;
    const choice = newAssignmentsChoice(newAssignments);
    if (!choice) {
      // The same page again, the error beside the choice, nothing changed.
      const work = await myWork(app.casework, session.principal);
      return sendPage(reply, 400, myWorkPage({ m: messagesFor(lang), site, signedIn, work, mailError: true }));
    }
    await chooseNewAssignmentsMail(app.casework, session.principal, choice);
    request.log.info({ userId: session.principal.userId, newAssignments: choice, channel: 'staff' }, 'notification preferences changed');
    return reply.redirect(staffHref(STAFF_HOME, lang, { saved: 'mail' }), 303);
  });
};

export default workRoutes;
