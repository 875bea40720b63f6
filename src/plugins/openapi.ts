import swagger, { type FastifyDynamicSwaggerOptions, type SwaggerTransformObject } from '@fastify/swagger';
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

// Typed as any Swagger 2 or OpenAPI 3.x document; ours is always 3.1, with named schemas.
type TransformedDocument = ReturnType<SwaggerTransformObject>;
type WithSchemas = { components?: { schemas?: Record<string, unknown> } };

/**
 * Named schemas in alphabetical order. Zod lists them in the order their modules were first
 * imported, so moving a schema between modules would reorder the committed document.
 */
function withSchemasByName(document: TransformedDocument): TransformedDocument {
  const { components } = document as WithSchemas;
  if (!components?.schemas) return document;
  const byName = Object.keys(components.schemas)
    .sort()
    .map((name) => [name, components.schemas?.[name]]);
  return { ...document, components: { ...components, schemas: Object.fromEntries(byName) } } as TransformedDocument;
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
        { name: 'Topics', description: 'Admins: the topic catalogue the form offers' },
        { name: 'Statistics', description: 'Coordinators and admins: figures of the case work from the nightly snapshot, and per routing rule how often its choice was overruled' },
        { name: 'Retention', description: 'Admins: the retention schedule and its dry run, legal holds, case archives, erasure on request' },
        { name: 'Assignment', description: "Coordinators and admins: a department's assignment policy (pull, round robin, least loaded) and its simulation; everyone's availability and cover" },
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
    transformObject: (document) => withSchemasByName(jsonSchemaTransformObject(document)),
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

export default fp(openapiPlugin, { name: 'openapi' });
