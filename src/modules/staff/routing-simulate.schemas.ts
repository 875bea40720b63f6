import { z } from 'zod';
import { LANGUAGES } from '../../pages/messages.js';
import { goldenFieldsSchema, inquiryFieldsSchema, routingFormSchema } from './routing-inquiry-form.js';

// The simulation page's address and forms. As on every staff page, a malformed address is
// the page's own 404 or its fields' messages, never a validation error.

const lang = z.enum(LANGUAGES).catch('da');

/** A version in the address; anything but a version number is the 404 page. */
export const versionParamsSchema = z.object({ version: z.string().max(40) });

/** The inquiry typed into the GET form, or the case to take it from. */
export const simulateQuerySchema = z.object({ lang, case: z.string().max(40).optional().catch(undefined), ...inquiryFieldsSchema });

/** Saving the result as a golden case: the inquiry (hidden fields), its name and the routing it must get. */
export const saveGoldenFormSchema = routingFormSchema.extend(goldenFieldsSchema);

export const plainQuerySchema = z.object({ lang });

/** A version number as the address gives it, or null when it is none. */
export function versionOf(text: string): number | null {
  return /^[1-9]\d{0,8}$/.test(text) ? Number(text) : null;
}
