import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../plugins/errors.js';
import { principalOf, requireRole } from '../auth/auth.guards.js';
import { topicParamsSchema, topicPatchSchema, topicSchema } from './topics.schemas.js';
import { changeTopic, listTopics } from './topics.service.js';

const topicsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/topics',
    {
      schema: {
        operationId: 'listTopics',
        tags: ['Public'],
        security: [],
        summary: 'The topic catalogue the inquiry form offers',
        response: { 200: z.array(topicSchema), ...problemResponses(503) },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      return listTopics(app.db);
    },
  );

  app.patch(
    '/v1/topics/:code',
    {
      preHandler: requireRole('admin'),
      schema: {
        operationId: 'updateTopic',
        tags: ['Topics'],
        summary: "Change a topic's names, description, response target or public flag (admins)",
        description:
          'The intake and the form read the catalogue again within 30 seconds, so a new response target applies to inquiries received from then on; cases already received keep the date on their receipt. `public` decides whether the topic appears in the public transparency figures, from the next statistics snapshot.',
        params: topicParamsSchema,
        body: topicPatchSchema,
        response: { 200: topicSchema, ...problemResponses(400, 401, 403, 404, 503) },
      },
    },
    async (request) => {
      const topic = await changeTopic(app.db, request.params.code, request.body);
      request.log.info({ topic: topic.code, fields: Object.keys(request.body), by: principalOf(request).userId }, 'topic changed');
      return topic;
    },
  );
};

export default topicsRoutes;
