import { z } from 'zod';
import type { OpenApiWebhooks } from '../../plugins/openapi.js';
import { WEBHOOK_EVENT_TYPES } from './event-types.js';
import { webhookMessageSchema } from './webhooks.schemas.js';

const summaries: Record<(typeof WEBHOOK_EVENT_TYPES)[number], string> = {
  'case.created': 'An inquiry became a case',
  'case.assignment.changed': "A department's part of the case changed status",
  'case.transferred': 'The case was handed from one department to another',
  'case.involved': 'Another department was involved',
  'case.resolved': 'Every department is done',
  'case.note.enterprise': 'The municipality wrote a note for the enterprise',
};

const headers = [
  { name: 'webhook-id', description: 'Message id: the same on every retry and redelivery; handle each once', schema: { type: 'string' } },
  { name: 'webhook-timestamp', description: 'Seconds since the epoch when this attempt was signed; refuse old ones', schema: { type: 'string' } },
  {
    name: 'webhook-signature',
    description: '`v1,<base64 HMAC-SHA256 of "id.timestamp.body">`; two, space-separated, during a secret rotation',
    schema: { type: 'string' },
  },
].map((header) => ({ ...header, in: 'header', required: true }));

function jsonSchema(type: (typeof WEBHOOK_EVENT_TYPES)[number]): Record<string, unknown> {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(webhookMessageSchema(type), { io: 'output' });
  return schema;
}

/**
 * The OpenAPI 3.1 `webhooks` section: what we POST to registered endpoints, one entry per
 * event type, from the same schemas the tests check real deliveries against.
 */
export function webhooksOpenApi(): OpenApiWebhooks {
  return Object.fromEntries(
    WEBHOOK_EVENT_TYPES.map((type) => [
      type,
      {
        post: {
          operationId: `webhook-${type.replaceAll('.', '-')}`,
          summary: summaries[type],
          description: 'Signed following Standard Webhooks; see the integrator guide (docs/integrators.md) for verification.',
          tags: ['Webhooks'],
          parameters: headers,
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(type) } },
          },
          responses: {
            '200': { description: 'Accepted: any 2xx within the timeout counts as delivered' },
            '400': { description: 'Any other answer, a redirect or a timeout is a failed attempt, retried by the schedule' },
          },
          security: [],
        },
      },
    ]),
  ) as OpenApiWebhooks;
}
