import swagger, { type FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from '@fastify/type-provider-zod';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const apiInfo = {
  title: 'One entry point for social enterprises',
  version: '1.0.0',
  description:
    'Case intake for a Danish municipality: social enterprises submit one inquiry, a routing table sends it to a lead department and any involved departments, and caseworkers pull cases from their queues. Errors are RFC 9457 `application/problem+json`.',
};

/** The OpenAPI 3.1 `webhooks` section: the requests the service sends rather than answers. */
export type OpenApiWebhooks = NonNullable<Extract<NonNullable<FastifyDynamicSwaggerOptions['openapi']>, { webhooks?: unknown }>['webhooks']>;

export interface OpenApiOptions {
  /** Described by the module that sends them; given here so this plugin needs no module. */
  webhooks: OpenApiWebhooks;
}

async function openapiPlugin(app: FastifyInstance, options: OpenApiOptions): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { ...apiInfo, license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' } },
      servers: [{ url: '/', description: 'This server' }],
      tags: [
        { name: 'Public', description: 'Used by enterprises and the web form; no token needed' },
        { name: 'Operations', description: 'Health checks for operators and orchestrators' },
        { name: 'Routing', description: 'Coordinators and admins: routing table drafts, simulation, golden cases, publishing, re-routing a case' },
        { name: 'Webhooks', description: 'Integrators and admins: signed event deliveries to their endpoints, delivery log, redelivery' },
        { name: 'Cases', description: 'Department queues, claiming, assignments, transfers, notes and history' },
        { name: 'Users', description: 'Accounts, department memberships and API tokens' },
      ],
      webhooks: options.webhooks,
      // Token-protected unless a route says otherwise (public routes declare their own).
      security: [{ bearerAuth: [] }],
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API token created by an admin' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

export default fp(openapiPlugin, { name: 'openapi' });
