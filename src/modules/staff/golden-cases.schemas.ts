import { z } from 'zod';
import { LANGUAGES } from '../../pages/messages.js';
import { goldenFieldsSchema, routingFormSchema } from './routing-inquiry-form.js';
import { GOLDEN_NOTICES } from './views/golden-cases-pages.js';

// The golden cases pages' addresses and forms. The version to check against is read as
// text: one that is not a version comes back beside the list's chooser.

const lang = z.enum(LANGUAGES).catch('da');
const version = z.string().max(40).optional().catch(undefined);

export const goldenListQuerySchema = z.object({ lang, version, done: z.enum(GOLDEN_NOTICES).optional().catch(undefined) });
export const goldenDeleteQuerySchema = z.object({ lang, version });

/** A golden case's address; anything that is not a golden case's id is the 404 page. */
export const goldenParamsSchema = z.object({ id: z.string().max(100) });

export const addGoldenFormSchema = routingFormSchema.extend({ ...goldenFieldsSchema, version });
export const deleteGoldenFormSchema = routingFormSchema.extend({ version });
