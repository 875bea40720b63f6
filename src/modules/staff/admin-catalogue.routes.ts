import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../errors.js';
import { type Lang, type Messages, messagesFor } from '../../pages/messages.js';
import { pageHelmet, sendPage } from '../../pages/respond.js';
import { type TopicPatch, topicPatchSchema, type TopicView } from '../topics/topics.schemas.js';
import { changeTopic, listTopics } from '../topics/topics.service.js';
import { adminOf } from './admin-access.js';
import { type Checked, newCheck } from './admin-forms.js';
import { listDepartmentsWithMembers } from './admin.repository.js';
import { adminListQuerySchema, topicFormSchema, topicParamsSchema, topicsQuerySchema } from './admin.schemas.js';
import type { StaffContext } from './staff-context.js';
import { ADMIN_DEPARTMENTS_PATH, ADMIN_TOPICS_PATH, type PostedAdminForm } from './views/admin-components.js';
import { adminDepartmentsPage, adminTopicPage, adminTopicsPage } from './views/admin-catalogue.js';
import { type SignedIn, staffHref, staffMessagePage } from './views/staff-pages.js';

type TopicTexts = Messages['staff']['admin']['topics'];

/** Which form field each part of a topic change is typed in. */
const TOPIC_FIELDS: Record<string, string> = {
  'name.da': 'nameDa',
  'name.en': 'nameEn',
  'description.da': 'descriptionDa',
  'description.en': 'descriptionEn',
  responseDays: 'responseDays',
  public: 'public',
};

/**
 * The departments and the topic catalogue. A topic is changed through the topics module's
 * service, checked by the same schema as `PATCH /v1/topics/{code}`; a mistake gives the
 * form again with each message beside its field, and nothing is changed.
 */
const adminCatalogueRoutes: FastifyPluginAsyncZod<{ context: StaffContext }> = async (app, { context }) => {
  const { site, cookie } = context;

  function notFound(reply: FastifyReply, m: Messages, signedIn: SignedIn): FastifyReply {
    const t = m.staff.admin.topics;
    return sendPage(
      reply,
      404,
      staffMessagePage({ m, site, signedIn, texts: t.notFound, switchLanguageHref: staffHref(ADMIN_TOPICS_PATH, m.otherLanguage.lang), next: { href: staffHref(ADMIN_TOPICS_PATH, m.lang), text: t.toList } }),
    );
  }

  async function renderTopic(request: FastifyRequest, reply: FastifyReply, lang: Lang, code: string, status: number, posted?: PostedAdminForm) {
    const { signedIn } = adminOf(request, cookie);
    const m = messagesFor(lang);
    const topic = (await listTopics(app.db)).find((candidate) => candidate.code === code);
    if (!topic) return notFound(reply, m, signedIn);
    return sendPage(reply, status, adminTopicPage({ m, site, signedIn, topic, posted }));
  }

  app.get(ADMIN_DEPARTMENTS_PATH, { helmet: pageHelmet, schema: { hide: true, querystring: adminListQuerySchema } }, async (request, reply) => {
    const { signedIn } = adminOf(request, cookie);
    const departments = await listDepartmentsWithMembers(app.db);
    return sendPage(reply, 200, adminDepartmentsPage({ m: messagesFor(request.query.lang), site, signedIn, departments }));
  });

  app.get(ADMIN_TOPICS_PATH, { helmet: pageHelmet, schema: { hide: true, querystring: topicsQuerySchema } }, async (request, reply) => {
    const { signedIn } = adminOf(request, cookie);
    const topics = await listTopics(app.db);
    const saved = topics.find((topic) => topic.code === request.query.saved);
    return sendPage(reply, 200, adminTopicsPage({ m: messagesFor(request.query.lang), site, signedIn, topics, saved }));
  });

  app.get(`${ADMIN_TOPICS_PATH}/:code`, { helmet: pageHelmet, schema: { hide: true, params: topicParamsSchema, querystring: topicsQuerySchema } }, async (request, reply) => {
    adminOf(request, cookie);
    return renderTopic(request, reply, request.query.lang, request.params.code, 200);
  });

  app.post(`${ADMIN_TOPICS_PATH}/:code`, { helmet: pageHelmet, schema: { hide: true, params: topicParamsSchema, body: topicFormSchema } }, async (request, reply) => {
    const { signedIn, userId: by } = adminOf(request, cookie);
    const { code } = request.params;
    const { lang, nameDa, nameEn, descriptionDa, descriptionEn, responseDays } = request.body;
    const isPublic = request.body.public === 'true';
    const t = messagesFor(lang).staff.admin.topics;
    const values = { nameDa, nameEn, descriptionDa, descriptionEn, responseDays, public: isPublic ? 'true' : '' };
    const read = readTopicChange({ nameDa, nameEn, descriptionDa, descriptionEn, responseDays, isPublic }, t);
    if (!read.ok) return renderTopic(request, reply, lang, code, read.checked.status, { form: 'topic', values, errors: read.checked.errors });
    let topic: TopicView;
    try {
      topic = await changeTopic(app.db, code, read.patch);
    } catch (error) {
      if (error instanceof NotFoundError) return notFound(reply, messagesFor(lang), signedIn);
      throw error;
    }
    request.log.info({ topic: topic.code, fields: Object.keys(read.patch), by, channel: 'staff' }, 'topic changed');
    return reply.redirect(staffHref(ADMIN_TOPICS_PATH, lang, { saved: topic.code }), 303);
  });
};

interface TypedTopic {
  nameDa: string;
  nameEn: string;
  descriptionDa: string;
  descriptionEn: string;
  responseDays: string;
  isPublic: boolean;
}

/**
 * The form as the API's change of a topic, checked by the API's own schema; each problem
 * is told beside the field it came from. Response days are typed as text: anything but a
 * whole number is refused before the schema sees it.
 */
function readTopicChange(typed: TypedTopic, t: TopicTexts): { ok: true; patch: TopicPatch } | { ok: false; checked: Checked } {
  const checked = newCheck();
  const days = typed.responseDays.trim();
  const patch = {
    name: { da: typed.nameDa, en: typed.nameEn },
    description: { da: typed.descriptionDa, en: typed.descriptionEn },
    responseDays: /^\d{1,6}$/.test(days) ? Number(days) : Number.NaN,
    public: typed.isPublic,
  };
  const parsed = topicPatchSchema.safeParse(patch);
  if (parsed.success) return { ok: true, patch: parsed.data };
  for (const issue of parsed.error.issues) {
    const field = TOPIC_FIELDS[issue.path.join('.')];
    if (!field || checked.errors.has(field)) continue;
    checked.errors.set(field, topicFieldMessage(field, issue.code, t));
  }
  return { ok: false, checked };
}

function topicFieldMessage(field: string, code: string, t: TopicTexts): string {
  if (field === 'responseDays') return t.errors.responseDays;
  const description = field.startsWith('description');
  if (code === 'too_small') return description ? t.errors.descriptionRequired : t.errors.nameRequired;
  if (code === 'too_big') return description ? t.errors.descriptionTooLong : t.errors.nameTooLong;
  return description ? t.errors.descriptionInvalid : t.errors.nameInvalid;
}

export default adminCatalogueRoutes;
