import { z } from 'zod';
import { LANGUAGES } from '../../pages/messages.js';

// The routing editor's addresses and forms. As elsewhere in the staff pages, a malformed
// address is never a validation error (a version that cannot be one is the 404 page), and
// the fields people fill in are read as text: the routes check them with the routing
// API's own schema and service, so a mistake comes back beside its field.

const lang = z.enum(LANGUAGES).catch('da');

export const ROUTING_NOTICES = ['saved', 'added', 'deleted', 'moved', 'settings', 'copied', 'published'] as const;

export const routingListQuerySchema = z.object({ lang });
export const routingTableQuerySchema = z.object({ lang, done: z.enum(ROUTING_NOTICES).optional().catch(undefined) });

export const routingVersionParamsSchema = z.object({ version: z.string().max(20) });
export const routingRuleParamsSchema = routingVersionParamsSchema.extend({ ruleId: z.string().max(100) });

/** A version number as the address or a form writes it; anything else is no version. */
export function versionOf(typed: string): number | null {
  if (!/^\d{1,9}$/.test(typed)) return null;
  const version = Number(typed);
  return version >= 1 ? version : null;
}

const form = { _csrf: z.string().optional(), lang };
const typed = z.string().max(10_000).default('');
/** Checkboxes and repeated fields: none sent, one (a string), or several (an array). */
const listed = z
  .union([z.string().max(100), z.array(z.string().max(100)).max(500)])
  .optional()
  .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]));
/** Every form that changes a version carries the revision of the table it was made from. */
const edit = { ...form, revision: z.string().max(100).default('') };

export const copyFormSchema = z.object({ ...form, copyFrom: typed });
export const ruleFormSchema = z.object({
  ...edit,
  name: typed,
  topics: listed,
  keywords: z.string().max(100_000).default(''),
  employeesMin: typed,
  employeesMax: typed,
  postcodeFrom: listed,
  postcodeTo: listed,
  registeredSocialEnterprise: typed,
  department: typed,
  role: typed,
});
export const moveFormSchema = z.object({ ...edit, direction: z.enum(['up', 'down']) });
export const deleteFormSchema = z.object(edit);
export const settingsFormSchema = z.object({ ...edit, fallbackDepartment: typed, note: typed });
export const publishFormSchema = z.object({ ...edit, reason: typed, force: z.string().max(10).optional() });
