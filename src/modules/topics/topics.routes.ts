import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../plugins/errors.js';
import { topicSchema } from './topics.schemas.js';
import { listTopics } from './topics.service.js';

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
};

export default topicsRoutes;
