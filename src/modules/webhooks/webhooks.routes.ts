import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../plugins/errors.js';
import { keyRingOf } from '../../secrets/secrets-key.js';
import { principalOf, requireRole } from '../auth/auth.guards.js';
import {
  deliveryPageSchema,
  deliveryParamsSchema,
  deliveryQuerySchema,
  deliverySchema,
  rotateSecretInputSchema,
  webhookInputSchema,
  webhookListSchema,
  webhookParamsSchema,
  webhookSchema,
  webhookUpdateSchema,
  webhookWithSecretSchema,
} from './webhooks.schemas.js';
import {
  createWebhook,
  getWebhook,
  listWebhooks,
  removeWebhook,
  retryDelivery,
  rotateSecret,
  updateWebhook,
  webhookDeliveries,
  type WebhooksDeps,
} from './webhooks.service.js';

const tags = ['Webhooks'];

const webhooksRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps: WebhooksDeps = {
    db: app.db,
    urlPolicy: { allowPrivateNetworks: app.config.WEBHOOK_ALLOW_PRIVATE_NETWORKS },
    // Without a key the app does not build: better than a webhook API that fails at first use.
    keys: keyRingOf(app.config),
  };
  // onRequest: a caller without the role learns nothing, not even which fields are wrong.
  app.addHook('onRequest', requireRole('integrator', 'admin'));

  app.get(
    '/v1/webhooks',
    {
      schema: {
        operationId: 'listWebhooks',
        tags,
        summary: 'Webhook endpoints',
        description: 'An integrator sees its own endpoints; an admin sees all.',
        response: { 200: webhookListSchema, ...problemResponses(401, 403, 429, 503) },
      },
    },
    async (request) => ({ items: await listWebhooks(app.db, principalOf(request)) }),
  );

  app.post(
    '/v1/webhooks',
    {
      schema: {
        operationId: 'createWebhook',
        tags,
        summary: 'Register a webhook endpoint',
        description:
          'The response holds the signing secret; it is shown only here. The URL must be https on a public address (checked now and again at every delivery).',
        body: webhookInputSchema,
        response: { 201: webhookWithSecretSchema, ...problemResponses(400, 401, 403, 415, 422, 429, 503) },
      },
    },
    async (request, reply) => {
      const webhook = await createWebhook(deps, principalOf(request), request.body);
      request.log.info({ webhookId: webhook.id, events: webhook.events }, 'webhook registered');
      return reply.code(201).header('location', `/v1/webhooks/${webhook.id}`).send(webhook);
    },
  );

  app.get(
    '/v1/webhooks/:webhookId',
    {
      schema: {
        operationId: 'getWebhook',
        tags,
        summary: 'One webhook endpoint',
        description: 'A disabled endpoint says why in `disabledReason`.',
        params: webhookParamsSchema,
        response: { 200: webhookSchema, ...problemResponses(400, 401, 403, 404, 429, 503) },
      },
    },
    async (request) => getWebhook(app.db, principalOf(request), request.params.webhookId),
  );

  app.patch(
    '/v1/webhooks/:webhookId',
    {
      schema: {
        operationId: 'updateWebhook',
        tags,
        summary: 'Change a webhook endpoint, or enable it again',
        params: webhookParamsSchema,
        body: webhookUpdateSchema,
        response: { 200: webhookSchema, ...problemResponses(400, 401, 403, 404, 415, 429, 503) },
      },
    },
    async (request) => updateWebhook(deps, principalOf(request), request.params.webhookId, request.body),
  );

  app.delete(
    '/v1/webhooks/:webhookId',
    {
      schema: {
        operationId: 'deleteWebhook',
        tags,
        summary: 'Remove a webhook endpoint',
        description: 'Its delivery log goes with it; nothing more is sent to it.',
        params: webhookParamsSchema,
        response: { 204: z.null().describe('Removed'), ...problemResponses(400, 401, 403, 404, 429, 503) },
      },
    },
    async (request, reply) => {
      await removeWebhook(app.db, principalOf(request), request.params.webhookId);
      request.log.info({ webhookId: request.params.webhookId }, 'webhook removed');
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/v1/webhooks/:webhookId/rotate-secret',
    {
      schema: {
        operationId: 'rotateWebhookSecret',
        tags,
        summary: 'Replace the signing secret',
        description:
          'Returns the new secret (shown only here). For the grace period every delivery is signed with both the new and the old secret, so the receiver can switch without rejecting anything.',
        params: webhookParamsSchema,
        body: rotateSecretInputSchema,
        response: { 200: webhookWithSecretSchema, ...problemResponses(400, 401, 403, 404, 415, 429, 503) },
      },
    },
    async (request) => rotateSecret(deps, principalOf(request), request.params.webhookId, request.body.gracePeriodSeconds),
  );

  app.get(
    '/v1/webhooks/:webhookId/deliveries',
    {
      schema: {
        operationId: 'listWebhookDeliveries',
        tags,
        summary: 'Deliveries of an endpoint and their attempts, newest first',
        description: 'Keyset-paginated: pass `nextCursor` as `cursor` for older deliveries.',
        params: webhookParamsSchema,
        querystring: deliveryQuerySchema,
        response: { 200: deliveryPageSchema, ...problemResponses(400, 401, 403, 404, 429, 503) },
      },
    },
    async (request) => webhookDeliveries(app.db, principalOf(request), request.params.webhookId, request.query),
  );

  app.post(
    '/v1/webhooks/:webhookId/deliveries/:deliveryId/retry',
    {
      schema: {
        operationId: 'retryWebhookDelivery',
        tags,
        summary: 'Send a past delivery again',
        description:
          'Queues the delivery at once with its original `webhook-id` (receivers deduplicate on it). Works for delivered, failed and pending deliveries; 409 while the endpoint is disabled.',
        params: deliveryParamsSchema,
        response: { 202: deliverySchema, ...problemResponses(400, 401, 403, 404, 409, 429, 503) },
      },
    },
    async (request, reply) => {
      const delivery = await retryDelivery(app.db, principalOf(request), request.params.webhookId, request.params.deliveryId);
      request.log.info({ webhookId: delivery.webhookId, deliveryId: delivery.id }, 'webhook redelivery queued');
      return reply.code(202).send(delivery);
    },
  );
};

export default webhooksRoutes;
