import { z } from 'zod';
import { LANGUAGES } from '../../pages/messages.js';

// The administration pages' addresses and forms. As elsewhere in the staff pages, a
// malformed address is never a validation error, and the fields people fill in are read
// as text and checked by the route against the API's own schemas, so that a mistake comes
// back as the page with a message beside the field.

const lang = z.enum(LANGUAGES).catch('da');

export const ADMIN_NOTICES = ['created', 'profile', 'access', 'deactivated', 'reactivated', 'revoked'] as const;
export type AdminNotice = (typeof ADMIN_NOTICES)[number];

export const adminListQuerySchema = z.object({ lang, cursor: z.string().max(500).optional().catch(undefined) });
export const adminUserQuerySchema = z.object({ lang, done: z.enum(ADMIN_NOTICES).optional().catch(undefined) });

/** A user's address; anything that is not a user id is the 404 page, not a validation error. */
export const adminUserParamsSchema = z.object({ userId: z.string().max(100) });
export const adminTokenParamsSchema = adminUserParamsSchema.extend({ tokenId: z.string().max(100) });

const form = { _csrf: z.string().optional(), lang };
const typed = z.string().max(10_000).default('');
/** Checkboxes: none sent, one (a string), or several (an array). */
const checked = z
  .union([z.string().max(100), z.array(z.string().max(100)).max(100)])
  .optional()
  .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]));

export const newUserFormSchema = z.object({ ...form, name: typed, email: typed, role: typed, departments: checked });
export const profileFormSchema = z.object({ ...form, name: typed, email: typed });
export const accessFormSchema = z.object({ ...form, role: typed, departments: checked });
export const activeFormSchema = z.object({ ...form, active: z.enum(['true', 'false']) });
export const tokenFormSchema = z.object({ ...form, name: typed, expiresOn: typed });
export const plainFormSchema = z.object(form);

// The integrators' section: a new integrator and its first token in one form.
export const integratorFormSchema = z.object({ ...form, name: typed, email: typed, tokenName: typed, expiresOn: typed });

// The webhooks' section.
export const WEBHOOK_NOTICES = ['deactivated', 'activated', 'redelivered'] as const;
export type WebhookNotice = (typeof WEBHOOK_NOTICES)[number];
export const webhookListQuerySchema = z.object({ lang, done: z.enum(['deleted']).optional().catch(undefined) });
export const webhookQuerySchema = z.object({ lang, done: z.enum(WEBHOOK_NOTICES).optional().catch(undefined), cursor: z.string().max(100).optional().catch(undefined) });
/** An endpoint's address; anything that is not an endpoint id is the 404 page, not a validation error. */
export const webhookParamsSchema = z.object({ webhookId: z.string().max(100) });
export const webhookDeliveryParamsSchema = webhookParamsSchema.extend({ deliveryId: z.string().max(100) });
export const webhookFormSchema = z.object({ ...form, url: typed, events: checked, description: typed });
export const webhookActiveFormSchema = z.object({ ...form, active: z.enum(['true', 'false']) });

// The topic catalogue's section.
export const topicsQuerySchema = z.object({ lang, saved: z.string().max(100).optional().catch(undefined) });
export const topicParamsSchema = z.object({ code: z.string().max(100) });
export const topicFormSchema = z.object({
  ...form,
  nameDa: typed,
  nameEn: typed,
  descriptionDa: typed,
  descriptionEn: typed,
  responseDays: typed,
  /** A checkbox: sent as "true" when ticked, absent when not. */
  public: z.string().max(10).optional(),
});
