import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { ROLES } from '../../domain/principal.js';
import { problemResponses } from '../../plugins/errors.js';
import { principalOf, requireRole } from '../auth/auth.guards.js';
import { notificationPreferencesSchema } from './notifications.schemas.js';
import { changeMyPreferences, myPreferences } from './preferences.service.js';

const notificationsRoutes: FastifyPluginAsyncZod = async (app) => {
  // Everyone may keep a preference; only caseworkers, who have departments, get assignment mail.
  const anyone = requireRole(...ROLES);

  app.get(
    '/v1/me/notifications',
    {
      preHandler: anyone,
      schema: {
        operationId: 'getMyNotifications',
        tags: ['Users'],
        summary: 'Which mail you get about new and overdue work',
        response: { 200: notificationPreferencesSchema, ...problemResponses(401, 503) },
      },
    },
    async (request) => myPreferences(app.db, principalOf(request).userId),
  );

  app.put(
    '/v1/me/notifications',
    {
      preHandler: anyone,
      schema: {
        operationId: 'setMyNotifications',
        tags: ['Users'],
        summary: 'Choose how you hear of new assignments in your departments',
        description: 'Replaces your preferences; takes effect for the next assignment, and the next digest.',
        body: notificationPreferencesSchema,
        response: { 200: notificationPreferencesSchema, ...problemResponses(400, 401, 503) },
      },
    },
    async (request) => {
      const { userId } = principalOf(request);
      const preferences = await changeMyPreferences(app.db, userId, request.body);
      request.log.info({ userId, newAssignments: preferences.newAssignments }, 'notification preferences changed');
      return preferences;
    },
  );
};

export default notificationsRoutes;
