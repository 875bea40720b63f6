import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ConflictError, NotFoundError, PreconditionFailedError } from '../../errors.js';
import { type Lang, type Messages, messagesFor } from '../../pages/messages.js';
import { pageHelmet, sendPage } from '../../pages/respond.js';
import { freeText } from '../../schemas/text.js';
import { callerOf } from '../auth/auth.guards.js';
import { AlreadyOnCaseError } from '../cases/case-work.service.js';
import { findDepartmentNames } from './case-page.repository.js';
import {
  assignmentFormParamsSchema,
  assignmentFormSchema,
  casePageParamsSchema,
  casePageQuerySchema,
  type DoneNotice,
  involveFormSchema,
  noteFormSchema,
  transferFormSchema,
} from './case-page.schemas.js';
import { actOnCase, type CaseAction, eventsAfter, loadCasePage } from './case-page.service.js';
import { signedInOf, type StaffContext } from './staff-context.js';
import { CASE_FORMS, casePage, casePageHref, type CaseFormName, type CasePageState, type PostedForm } from './views/case-page.js';
import { STAFF_HOME, staffHref, staffMessagePage } from './views/staff-pages.js';

const NOTE_MAX = 10_000;
const REASON_MAX = 2_000;
const VISIBILITIES = ['department', 'case', 'enterprise'] as const;

/** What the route found wrong with a form before asking the services, and the status to answer with. */
interface Checked {
  errors: Map<string, string>;
  /** 400 for a field left empty or too long, 422 for a choice that does not exist. */
  status: 400 | 422;
}

/**
 * The case page, `/staff/cases/{reference}`, and its actions. Each action is a form POST
 * that changes the case through the cases module's services and answers 303 back to the
 * page with a notice; a mistake gives the page again with the typed text and a message
 * beside the field; a form rendered from an older revision of the case gives the page
 * again (409) with what changed since, the typed text kept.
 */
const casePageRoutes: FastifyPluginAsyncZod<{ context: StaffContext }> = async (app, { context }) => {
  const { site, cookie } = context;
  const deps = app.casework;

  /** The 404 page of a case that does not exist or is out of the caller's reach: the same page either way. */
  function notFound(reply: FastifyReply, m: Messages, signedIn: ReturnType<typeof signedInOf>['signedIn']): FastifyReply {
    return sendPage(
      reply,
      404,
      staffMessagePage({ m, site, signedIn, texts: m.staff.casePage.notFound, switchLanguageHref: staffHref(STAFF_HOME, m.otherLanguage.lang), next: { href: staffHref(STAFF_HOME, m.lang), text: m.staff.casePage.toMyWork } }),
    );
  }

  async function renderPage(request: FastifyRequest, reply: FastifyReply, lang: Lang, reference: string, status: number, state: CasePageState & { revision?: number; seen?: string }) {
    const { signedIn } = signedInOf(request, cookie);
    const m = messagesFor(lang);
    try {
      const data = await loadCasePage(deps, callerOf(request), reference);
      // A form that came back is also stale when the case moved on since it was rendered: say what changed.
      const stale = state.stale ?? (state.revision !== undefined && state.revision !== data.kase.revision ? eventsAfter(data.events, state.seen ?? '0') : undefined);
      return sendPage(reply, stale && status < 409 ? 409 : status, casePage({ m, site, signedIn, data, state: { ...state, stale } }));
    } catch (error) {
      if (error instanceof NotFoundError) return notFound(reply, m, signedIn);
      throw error;
    }
  }

  app.get('/staff/cases/:reference', { helmet: pageHelmet, schema: { hide: true, params: casePageParamsSchema, querystring: casePageQuerySchema } }, async (request, reply) => {
    const { lang, done, department } = request.query;
    signedInOf(request, cookie);
    return renderPage(request, reply, lang, request.params.reference, 200, { done: done && { notice: done, department } });
  });

  /**
   * Runs an action from a form: the route's own checks first, then the service; each
   * outcome answered as the class comment says. `departmentField` names the field that
   * chose a department, for the service's refusals about departments.
   */
  async function act(
    request: FastifyRequest,
    reply: FastifyReply,
    form: { name: CaseFormName | 'assignment'; lang: Lang; reference: string; revision: number; seen: string; values: Record<string, string>; departmentField?: string },
    checked: Checked,
    action: CaseAction,
    done: { notice: DoneNotice; department?: string },
  ) {
    signedInOf(request, cookie);
    const { lang, reference, revision, seen } = form;
    const posted = (errors: Map<string, string>): PostedForm => ({ form: form.name, values: form.values, errors });
    if (checked.errors.size > 0) return renderPage(request, reply, lang, reference, checked.status, { posted: posted(checked.errors), revision, seen });
    try {
      await actOnCase(deps, callerOf(request), reference, revision, action);
    } catch (error) {
      if (error instanceof PreconditionFailedError) return renderPage(request, reply, lang, reference, 409, { posted: posted(new Map()), revision, seen });
      const t = messagesFor(lang).staff.casePage;
      const fieldErrors = form.name === 'assignment' ? null : serviceFieldErrors(error, form.name, t, form.departmentField);
      if (fieldErrors && fieldErrors.size > 0) return renderPage(request, reply, lang, reference, 422, { posted: posted(fieldErrors), revision, seen });
      if (error instanceof ConflictError) return renderPage(request, reply, lang, reference, 409, { posted: posted(new Map()), notPossible: true, revision, seen });
      throw error;
    }
    request.log.info({ reference, action: action.kind, channel: 'staff' }, 'case changed from the case page');
    const params: Record<string, string> = { done: done.notice, ...(done.department ? { department: done.department } : {}) };
    return reply.redirect(casePageHref(reference, lang, params), 303);
  }

  app.post(
    '/staff/cases/:reference/assignments/:department',
    { helmet: pageHelmet, schema: { hide: true, params: assignmentFormParamsSchema, body: assignmentFormSchema } },
    async (request, reply) => {
      const { reference, department } = request.params;
      const { lang, revision, seen, action } = request.body;
      return act(
        request,
        reply,
        { name: 'assignment', lang, reference, revision, seen, values: {} },
        { errors: new Map(), status: 400 },
        { kind: 'assignment', department, action },
        { notice: action },
      );
    },
  );

  app.post('/staff/cases/:reference/notes', { helmet: pageHelmet, schema: { hide: true, params: casePageParamsSchema, body: noteFormSchema } }, async (request, reply) => {
    const { reference } = request.params;
    const { lang, revision, seen, body, visibility, department } = request.body;
    const t = messagesFor(lang).staff.casePage;
    const checked = newCheck();
    const text = checkText(checked, 'body', body, NOTE_MAX, t, t.errors.noteRequired);
    const chosen = VISIBILITIES.find((v) => v === visibility);
    if (!chosen) checked.errors.set('visibility', t.errors.chooseVisibility);
    if (department !== '') await checkDepartment(checked, 'department', department, t);
    return act(
      request,
      reply,
      { name: 'note', lang, reference, revision, seen, values: { body, visibility, department }, departmentField: 'department' },
      checked,
      { kind: 'note', body: text, visibility: chosen ?? 'case', department: department || undefined },
      { notice: 'note' },
    );
  });

  app.post('/staff/cases/:reference/transfer', { helmet: pageHelmet, schema: { hide: true, params: casePageParamsSchema, body: transferFormSchema } }, async (request, reply) => {
    const { reference } = request.params;
    const { lang, revision, seen, from, to, reason } = request.body;
    const t = messagesFor(lang).staff.casePage;
    const checked = newCheck();
    await checkDepartment(checked, 'from', from, t);
    await checkDepartment(checked, 'to', to, t);
    const text = checkText(checked, 'reason', reason, REASON_MAX, t, t.errors.reasonRequired);
    return act(
      request,
      reply,
      { name: 'transfer', lang, reference, revision, seen, values: { from, to, reason }, departmentField: 'to' },
      checked,
      { kind: 'transfer', from, to, reason: text },
      { notice: 'transfer', department: to },
    );
  });

  app.post('/staff/cases/:reference/involve', { helmet: pageHelmet, schema: { hide: true, params: casePageParamsSchema, body: involveFormSchema } }, async (request, reply) => {
    const { reference } = request.params;
    const { lang, revision, seen, department, reason } = request.body;
    const t = messagesFor(lang).staff.casePage;
    const checked = newCheck();
    await checkDepartment(checked, 'department', department, t);
    const text = checkText(checked, 'reason', reason, REASON_MAX, t, t.errors.reasonRequired);
    return act(
      request,
      reply,
      { name: 'involve', lang, reference, revision, seen, values: { department, reason }, departmentField: 'department' },
      checked,
      { kind: 'involve', department, reason: text },
      { notice: 'involve', department },
    );
  });

  /** A department chosen in a form: chosen at all (400), and one that exists and takes work (422). */
  async function checkDepartment(checked: Checked, field: string, code: string, t: Messages['staff']['casePage']): Promise<void> {
    if (code === '') {
      checked.errors.set(field, t.errors.chooseDepartment);
      return;
    }
    const known = (await findDepartmentNames(app.db)).some((d) => d.code === code && d.active);
    if (!known) {
      checked.errors.set(field, t.errors.unknownDepartment);
      checked.status = 422;
    }
  }
};

function newCheck(): Checked {
  return { errors: new Map(), status: 400 };
}

/** Typed text by the same rule as the API's (`freeText`): its trimmed value, or a message beside the field. */
function checkText(checked: Checked, field: string, value: string, max: number, t: Messages['staff']['casePage'], required: string): string {
  const parsed = freeText(1, max).safeParse(value);
  if (parsed.success) return parsed.data;
  if (value.trim() === '') checked.errors.set(field, required);
  else if (value.trim().length > max) checked.errors.set(field, t.errors.tooLong(max));
  else checked.errors.set(field, t.errors.invalidText);
  return '';
}

/**
 * The services' refusals that are about a field of the form, beside that field: a field
 * error they name, or a department already on the case (their 409) beside the department chosen.
 */
function serviceFieldErrors(error: unknown, form: CaseFormName, t: Messages['staff']['casePage'], departmentField: string | undefined): Map<string, string> | null {
  if (!(error instanceof AppError)) return null;
  const fields: readonly string[] = CASE_FORMS[form];
  const errors = new Map<string, string>();
  if (error instanceof AlreadyOnCaseError) {
    if (departmentField) errors.set(departmentField, t.errors.alreadyOnCase);
    return errors;
  }
  const listed = (error.extensions.errors as { path: string }[] | undefined) ?? [];
  for (const { path } of listed) {
    const field = path.replace(/^body\./, '');
    if (!fields.includes(field) || errors.has(field)) continue;
    // `to` equal to `from` is a department already on the case.
    if (form === 'transfer' && field === 'to' && error.status === 400) errors.set(field, t.errors.alreadyOnCase);
    else if (field === 'department' && error.status === 400) errors.set(field, t.errors.chooseDepartment);
    else errors.set(field, t.errors.unknownDepartment);
  }
  return errors;
}

export default casePageRoutes;
