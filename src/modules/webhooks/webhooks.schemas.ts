import { z } from 'zod';
import { WEBHOOK_EVENT_TYPES } from './event-types.js';

export const webhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES).meta({ id: 'WebhookEventType' });

const eventsSchema = z
  .array(webhookEventTypeSchema)
  .min(1, 'Subscribe to at least one event type')
  .refine((events) => new Set(events).size === events.length, 'Each event type may appear only once')
  .describe('The event types this endpoint receives');

const urlSchema = z
  .string()
  .trim()
  .min(1, 'Required')
  .max(2048, 'At most 2048 characters')
  .describe('Where deliveries are POSTed: https, on a public address');

const descriptionSchema = z.string().trim().max(500, 'At most 500 characters').nullish();

export const webhookInputSchema = z
  .strictObject({ url: urlSchema, events: eventsSchema, description: descriptionSchema })
  .meta({ id: 'NewWebhook' });

export type WebhookInput = z.output<typeof webhookInputSchema>;

export const webhookUpdateSchema = z
  .strictObject({
    url: urlSchema.optional(),
    events: eventsSchema.optional(),
    description: descriptionSchema,
    enabled: z.boolean().optional().describe('`true` re-enables a disabled endpoint; `false` pauses it'),
  })
  .meta({ id: 'WebhookChanges' });

export type WebhookUpdate = z.output<typeof webhookUpdateSchema>;

const timestamp = z.iso.datetime({ offset: true });

export const webhookSchema = z
  .object({
    id: z.uuid(),
    url: z.string(),
    events: z.array(webhookEventTypeSchema),
    description: z.string().nullable(),
    ownerId: z.uuid().describe('The user (integrator or admin) whose endpoint this is'),
    status: z.enum(['active', 'disabled']),
    disabledAt: timestamp.nullable(),
    disabledReason: z.string().nullable().describe('Why the endpoint was disabled, e.g. every attempt failed for the whole retry schedule'),
    previousSecretExpiresAt: timestamp
      .nullable()
      .describe('During a secret rotation: until then deliveries are signed with the previous secret too'),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'Webhook' });

export type Webhook = z.infer<typeof webhookSchema>;

export const webhookWithSecretSchema = webhookSchema
  .extend({
    secret: z.string().describe('The signing secret (`whsec_…`), shown only in this response'),
  })
  .meta({ id: 'WebhookWithSecret' });

export type WebhookWithSecret = z.infer<typeof webhookWithSecretSchema>;

export const webhookListSchema = z.object({ items: z.array(webhookSchema) }).meta({ id: 'WebhookList' });

export const DEFAULT_GRACE_SECONDS = 24 * 3600;

export const rotateSecretInputSchema = z
  .strictObject({
    gracePeriodSeconds: z
      .number()
      .int('Must be a whole number')
      .min(0, 'Must not be negative')
      .max(7 * 24 * 3600, 'At most 7 days')
      .default(DEFAULT_GRACE_SECONDS)
      .describe('How long deliveries stay signed with the old secret too (default 24 hours; 0 ends it at once)'),
  })
  .meta({ id: 'SecretRotation' });

export const webhookParamsSchema = z.object({ webhookId: z.uuid('Not a webhook id') });
export const deliveryParamsSchema = webhookParamsSchema.extend({ deliveryId: z.uuid('Not a delivery id') });

export const deliveryStatusSchema = z.enum(['pending', 'delivered', 'failed']).meta({ id: 'WebhookDeliveryStatus' });

export const attemptSchema = z
  .object({
    attemptedAt: timestamp,
    trigger: z.enum(['scheduled', 'manual']).describe('`manual` for a redelivery asked for through the API'),
    succeeded: z.boolean(),
    statusCode: z.number().int().nullable().describe('The receiver\'s HTTP status; null when no answer came'),
    durationMs: z.number().int(),
    error: z.string().nullable(),
    responseExcerpt: z.string().nullable().describe('The first few hundred bytes of the receiver\'s answer'),
  })
  .meta({ id: 'WebhookAttempt' });

export const deliverySchema = z
  .object({
    id: z.uuid(),
    messageId: z.string().describe('The `webhook-id` header: the same on every attempt and redelivery, for deduplication'),
    webhookId: z.uuid(),
    eventType: webhookEventTypeSchema,
    caseId: z.uuid(),
    status: deliveryStatusSchema,
    attemptCount: z.number().int(),
    nextAttemptAt: timestamp.nullable(),
    lastAttemptAt: timestamp.nullable(),
    deliveredAt: timestamp.nullable(),
    lastError: z.string().nullable(),
    createdAt: timestamp,
    attempts: z.array(attemptSchema).describe('The most recent attempts, newest first'),
  })
  .meta({ id: 'WebhookDelivery' });

export type Delivery = z.infer<typeof deliverySchema>;

export const deliveryPageSchema = z
  .object({
    items: z.array(deliverySchema),
    nextCursor: z.string().nullable().describe('Pass as `cursor` for the next (older) page; null on the last page'),
  })
  .meta({ id: 'WebhookDeliveryPage' });

export const deliveryQuerySchema = z.object({
  limit: z.coerce.number().int('Must be a whole number').min(1, 'At least 1').max(100, 'At most 100').default(20),
  cursor: z.string().max(100).optional().describe('`nextCursor` of the previous page'),
  status: deliveryStatusSchema.optional(),
});

// ---- what a delivery carries (documented in the OpenAPI `webhooks` section) ----

const caseFields = {
  caseId: z.uuid(),
  reference: z.string().describe('Human case reference, e.g. KOL-2026-000123'),
  status: z.enum(['received', 'in_progress', 'waiting_for_you', 'resolved']).describe('The status the enterprise sees'),
  leadDepartment: z.string(),
};

export const webhookDataSchemas = {
  'case.created': z.object({ ...caseFields, involvedDepartments: z.array(z.string()) }),
  'case.assignment.changed': z.object({
    ...caseFields,
    department: z.string().optional(),
    assignmentStatus: z.enum(['queued', 'in_progress', 'waiting', 'done', 'transferred']).optional(),
  }),
  'case.transferred': z.object({ ...caseFields, from: z.string().optional(), to: z.string().optional() }),
  'case.involved': z.object({ ...caseFields, department: z.string().optional(), involvedDepartments: z.array(z.string()) }),
  'case.resolved': z.object({ ...caseFields, resolvedAt: timestamp }),
  'case.note.enterprise': z.object({ ...caseFields, note: z.object({ body: z.string(), createdAt: timestamp }) }),
} as const;

/** The JSON body of a delivery of `type`. */
export function webhookMessageSchema<T extends keyof typeof webhookDataSchemas>(type: T) {
  return z.object({
    type: z.literal(type),
    timestamp: timestamp.describe('When the change happened'),
    data: webhookDataSchemas[type],
  });
}
