import { z } from 'zod';
import { LANGUAGES } from '../../pages/messages.js';

// The administration pages' addresses and forms. As elsewhere in the staff pages, a
// malformed address is never a validation error, and the fields people fill in are read
// as text and checked by the route against the API's own schemas, so that a mistake comes
// back as the page with a message beside the field.

const lang = z.enum(LANGUAGES).catch('da');

export const ADMIN_NOTICES = ['created', 'access', 'deactivated', 'reactivated', 'revoked'] as const;
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
export const accessFormSchema = z.object({ ...form, role: typed, departments: checked });
export const activeFormSchema = z.object({ ...form, active: z.enum(['true', 'false']) });
export const tokenFormSchema = z.object({ ...form, name: typed, expiresOn: typed });
export const plainFormSchema = z.object(form);
