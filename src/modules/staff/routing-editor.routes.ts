import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError, NotFoundError, UnprocessableError, ValidationError } from '../../errors.js';
import { type Lang, messagesFor } from '../../pages/messages.js';
import { pageHelmet, sendPage } from '../../pages/respond.js';
import { publishBodySchema, type TableInput } from '../routing/routing.schemas.js';
import { createDraft, getTable, publishDraft, type RoutingDeps } from '../routing/routing.service.js';
import {
  type FormProblem,
  type FormTarget,
  issueOfSchema,
  locateIssues,
  type PostedRule,
  type ReadRule,
  type ReportedIssue,
  readRuleForm,
  ruleFromForm,
} from './routing-editor.form.js';
import {
  copyFormSchema,
  deleteFormSchema,
  moveFormSchema,
  publishFormSchema,
  routingListQuerySchema,
  routingRuleParamsSchema,
  routingTableQuerySchema,
  routingVersionParamsSchema,
  ruleFormSchema,
  settingsFormSchema,
  versionOf,
} from './routing-editor.schemas.js';
import { type DraftEdit, editDraft, loadEditor, moveRule, ruleIndex, routingVersions } from './routing-editor.service.js';
import { signedInOf, signedInWithRole, type StaffContext, requestLang } from './staff-context.js';
import { type GoldenFailure, ROUTING_PATH, routingRefusal, type RoutingNotice, routingTablePage, type RoutingTablePageOptions, routingVersionsPage, ruleAnchor, tablePath } from './views/routing-editor-pages.js';
import { staffHref, staffMessagePage } from './views/staff-pages.js';

const COORDINATORS = ['coordinator', 'admin'] as const;

/** An address that names no version, or no rule of it. */
class NoSuchVersionError extends NotFoundError {}

function versionParam(typed: string): number {
  const version = versionOf(typed);
  if (version === null) throw new NoSuchVersionError();
  return version;
}

/** Which form a rule of the table being saved came from: a rule without an id is the one being added. */
function targetOfRule(input: TableInput) {
  return (index: number): FormTarget => {
    const id = input.rules[index]?.id;
    return id === undefined ? { form: 'new' } : { form: 'rule', ruleId: id };
  };
}

/**
 * The routing editor, `/staff/routing`, for coordinators and admins: the versions of the
 * routing table, a draft's rules as forms, its analysis warnings, its differences from the
 * published table, and publishing. Every change goes through the routing service as the
 * API's does (PUT /v1/routing/tables/{version}, POST …/publish), in its transaction: a
 * mistake gives the page again with what was typed and the message beside the field,
 * having changed nothing; a change answers 303 back to the page with a notice.
 */
const routingEditorRoutes: FastifyPluginAsyncZod<{ context: StaffContext }> = async (app, { context }) => {
  const { site, cookie } = context;
  const deps: RoutingDeps = { db: app.db, routing: app.intake.routing };

  const coordinatorOf = (request: FastifyRequest) => signedInWithRole(request, cookie, COORDINATORS, routingRefusal);

  // An unknown version or rule is a 404 page leading to the versions. Everything else goes
  // on to the staff pages' own handler (a caseworker gets `routingRefusal` there).
  app.setErrorHandler((error, request, reply) => {
    const m = messagesFor(requestLang(request));
    const t = m.staff.routing;
    if (error instanceof NotFoundError && request.staffSession) {
      const { signedIn } = signedInOf(request, cookie);
      return sendPage(
        reply,
        404,
        staffMessagePage({ m, site, signedIn, texts: t.notFound, switchLanguageHref: staffHref(ROUTING_PATH, m.otherLanguage.lang), next: { href: staffHref(ROUTING_PATH, m.lang), text: t.toVersions } }),
      );
    }
    throw error;
  });

  type PageState = Omit<RoutingTablePageOptions, 'm' | 'site' | 'signedIn' | 'data'>;

  async function renderTable(request: FastifyRequest, reply: FastifyReply, lang: Lang, version: number, status: number, state: PageState = {}) {
    const { signedIn } = coordinatorOf(request);
    const data = await loadEditor(app.db, version);
    return sendPage(reply, status, routingTablePage({ m: messagesFor(lang), site, signedIn, data, ...state }));
  }

  function backToTable(reply: FastifyReply, lang: Lang, version: number, done: RoutingNotice, anchor?: string) {
    return reply.redirect(`${staffHref(tablePath(version), lang, { done })}${anchor ? `#${anchor}` : ''}`, 303);
  }

  /**
   * Saves an edit of the draft, or gives the page again: 400 with each problem beside its
   * field, 409 when the draft changed since the form was made or is no draft any more.
   */
  async function saveEdit(
    request: FastifyRequest,
    reply: FastifyReply,
    options: { lang: Lang; version: number; revision: string; edit: DraftEdit; posted: PageState['posted']; done: RoutingNotice; anchor: (rules: readonly { id: string }[]) => string | undefined },
  ) {
    const { session } = coordinatorOf(request);
    const { lang, version, posted } = options;
    let result: Awaited<ReturnType<typeof editDraft>>;
    try {
      result = await editDraft(app.db, version, options.revision, options.edit, session.principal);
    } catch (error) {
      if (error instanceof ConflictError) return renderTable(request, reply, lang, version, 409, { refusal: 'notDraft' });
      throw error;
    }
    if (result.ok) {
      request.log.info({ version, rules: result.table.ruleCount, edit: options.done, by: session.principal.userId, channel: 'staff' }, 'routing draft edited');
      return backToTable(reply, lang, version, options.done, options.anchor(result.table.rules));
    }
    if (result.reason === 'stale') return renderTable(request, reply, lang, version, 409, { refusal: 'stale', posted });
    return renderTable(request, reply, lang, version, 400, { posted, problems: locateIssues(result.issues, targetOfRule(result.input)) });
  }

  app.get(ROUTING_PATH, { helmet: pageHelmet, schema: { hide: true, querystring: routingListQuerySchema } }, async (request, reply) => {
    const { signedIn } = coordinatorOf(request);
    const versions = await routingVersions(app.db);
    return sendPage(reply, 200, routingVersionsPage({ m: messagesFor(request.query.lang), site, signedIn, versions }));
  });

  // "Copy to a new draft": as POST /v1/routing/tables with copyFrom.
  app.post(`${ROUTING_PATH}/tables`, { helmet: pageHelmet, schema: { hide: true, body: copyFormSchema } }, async (request, reply) => {
    const { session } = coordinatorOf(request);
    const { lang, copyFrom } = request.body;
    const source = versionParam(copyFrom);
    let created: Awaited<ReturnType<typeof createDraft>>;
    try {
      created = await createDraft(app.db, { copyFrom: source }, session.principal);
    } catch (error) {
      if (error instanceof ValidationError) throw new NoSuchVersionError();
      throw error;
    }
    request.log.info({ version: created.view.version, copiedFrom: source, by: session.principal.userId, channel: 'staff' }, 'routing draft created');
    return backToTable(reply, lang, created.view.version, 'copied');
  });

  app.get(`${ROUTING_PATH}/tables/:version`, { helmet: pageHelmet, schema: { hide: true, params: routingVersionParamsSchema, querystring: routingTableQuerySchema } }, async (request, reply) => {
    coordinatorOf(request);
    const { lang, done } = request.query;
    return renderTable(request, reply, lang, versionParam(request.params.version), 200, { done });
  });

  /**
   * A rule's form, edited or new: the page again (400) with the problems beside the rule
   * when it does not read as a rule, else the draft saved with `edit` applied to it.
   */
  function saveRuleForm(
    request: FastifyRequest,
    reply: FastifyReply,
    body: PostedRule & { lang: Lang; revision: string },
    version: number,
    target: FormTarget,
    save: { done: RoutingNotice; anchor: (rules: readonly { id: string }[]) => string | undefined; edit: (rule: ReadRule['rule']) => DraftEdit },
  ) {
    const { lang, revision } = body;
    const values = readRuleForm(body);
    const read = ruleFromForm(values);
    const posted = { rule: { target, values } };
    if (read.problems.length > 0) {
      return renderTable(request, reply, lang, version, 400, { posted, problems: read.problems.map((p) => ({ target, ...p })) });
    }
    return saveEdit(request, reply, { lang, version, revision, posted, done: save.done, anchor: save.anchor, edit: save.edit(read.rule) });
  }

  app.post(`${ROUTING_PATH}/tables/:version/rules/:ruleId`, { helmet: pageHelmet, schema: { hide: true, params: routingRuleParamsSchema, body: ruleFormSchema } }, async (request, reply) => {
    coordinatorOf(request);
    const version = versionParam(request.params.version);
    const { ruleId } = request.params;
    return saveRuleForm(request, reply, request.body, version, { form: 'rule', ruleId }, {
      done: 'saved',
      anchor: () => ruleAnchor(ruleId),
      edit: (rule) => (saved) => {
        const rules = [...saved.rules];
        rules[ruleIndex(rules, ruleId)] = { id: ruleId, ...rule };
        return { ...saved, rules };
      },
    });
  });

  app.post(`${ROUTING_PATH}/tables/:version/rules`, { helmet: pageHelmet, schema: { hide: true, params: routingVersionParamsSchema, body: ruleFormSchema } }, async (request, reply) => {
    coordinatorOf(request);
    const version = versionParam(request.params.version);
    return saveRuleForm(request, reply, request.body, version, { form: 'new' }, {
      done: 'added',
      // The service gives the new rule its id; it is the last rule.
      anchor: (rules) => {
        const added = rules[rules.length - 1];
        return added && ruleAnchor(added.id);
      },
      edit: (rule) => (saved) => ({ ...saved, rules: [...saved.rules, rule] }),
    });
  });

  app.post(`${ROUTING_PATH}/tables/:version/rules/:ruleId/move`, { helmet: pageHelmet, schema: { hide: true, params: routingRuleParamsSchema, body: moveFormSchema } }, async (request, reply) => {
    coordinatorOf(request);
    const { ruleId } = request.params;
    const { lang, revision, direction } = request.body;
    return saveEdit(request, reply, {
      lang,
      version: versionParam(request.params.version),
      revision,
      posted: {},
      done: 'moved',
      anchor: () => ruleAnchor(ruleId),
      edit: (saved) => ({ ...saved, rules: moveRule(saved.rules, ruleId, direction) }),
    });
  });

  app.post(`${ROUTING_PATH}/tables/:version/rules/:ruleId/delete`, { helmet: pageHelmet, schema: { hide: true, params: routingRuleParamsSchema, body: deleteFormSchema } }, async (request, reply) => {
    coordinatorOf(request);
    const { ruleId } = request.params;
    const { lang, revision } = request.body;
    return saveEdit(request, reply, {
      lang,
      version: versionParam(request.params.version),
      revision,
      posted: {},
      done: 'deleted',
      anchor: () => 'rules',
      edit: (saved) => {
        const index = ruleIndex(saved.rules, ruleId);
        return { ...saved, rules: saved.rules.filter((_, i) => i !== index) };
      },
    });
  });

  app.post(`${ROUTING_PATH}/tables/:version/settings`, { helmet: pageHelmet, schema: { hide: true, params: routingVersionParamsSchema, body: settingsFormSchema } }, async (request, reply) => {
    coordinatorOf(request);
    const { lang, revision, fallbackDepartment } = request.body;
    const note = request.body.note.replace(/\r\n?/g, '\n');
    return saveEdit(request, reply, {
      lang,
      version: versionParam(request.params.version),
      revision,
      posted: { settings: { fallbackDepartment, note } },
      done: 'settings',
      anchor: () => 'settings',
      edit: (saved) => ({ ...saved, fallbackDepartment, note: note.trim() === '' ? null : note.trim() }),
    });
  });

  // As POST /v1/routing/tables/{version}/publish with { force, reason }.
  app.post(`${ROUTING_PATH}/tables/:version/publish`, { helmet: pageHelmet, schema: { hide: true, params: routingVersionParamsSchema, body: publishFormSchema } }, async (request, reply) => {
    const { session } = coordinatorOf(request);
    const version = versionParam(request.params.version);
    const { lang, revision } = request.body;
    const reason = request.body.reason.replace(/\r\n?/g, '\n');
    const force = request.body.force === 'true';
    const target: FormTarget = { form: 'publish' };
    const posted = { publish: { reason, force } };
    const refuse = (status: number, state: PageState) => renderTable(request, reply, lang, version, status, { posted, ...state });

    const body = { force, ...(reason.trim() === '' ? {} : { reason }) };
    const parsed = publishBodySchema.safeParse(body);
    if (!parsed.success) {
      const problems = locateIssues(parsed.error.issues.map((issue) => issueOfSchema(issue, body)), () => target).map((p) => ({ ...p, target, field: 'reason' as const }));
      return refuse(400, { problems });
    }
    // The service publishes the draft as it is; the person must have seen that draft.
    const current = await getTable(app.db, version);
    if (current.view.status === 'draft' && current.etag !== revision) return refuse(409, { refusal: 'stale' });
    try {
      const result = await publishDraft(deps, version, parsed.data, session.principal);
      request.log.info({ version, retired: result.retiredVersion, forced: result.table.publishForced, by: session.principal.userId, channel: 'staff' }, 'routing table published');
      return backToTable(reply, lang, version, 'published');
    } catch (error) {
      if (error instanceof ValidationError) {
        const problems: FormProblem[] = error.errors.map(() => ({ target, field: 'reason', kind: 'required', detail: {} }));
        return refuse(400, { problems });
      }
      if (error instanceof UnprocessableError && error.slug === 'golden-cases-failed') {
        return refuse(422, { publishRefused: { failures: error.extensions.failures as GoldenFailure[] } });
      }
      if (error instanceof UnprocessableError && error.slug === 'routing-table-invalid') {
        const issues = (error.extensions.errors as ReportedIssue[] | undefined) ?? [];
        return refuse(422, { publishRefused: { invalid: true }, problems: locateIssues(issues, targetOfRule(current.view)) });
      }
      if (error instanceof ConflictError) return refuse(409, { refusal: 'notDraft' });
      throw error;
    }
  });
};

export default routingEditorRoutes;
