import { z } from 'zod';
import { caseReferencePattern } from '../../domain/reference.js';
import { LANGUAGES } from '../../pages/messages.js';
import { departmentCodeSchema } from '../departments/departments.schemas.js';

// Like the enterprise pages, the staff pages never answer a malformed address with a
// validation error: an unknown language falls back to Danish, a notice that cannot be one is ignored.

const lang = z.enum(LANGUAGES).catch('da');

export const staffQuerySchema = z.object({ lang });

export const workQuerySchema = z.object({
  lang,
  claimed: z.string().max(40).regex(caseReferencePattern).optional().catch(undefined),
  empty: departmentCodeSchema.optional().catch(undefined),
});

/** Every staff form: the CSRF token (checked before this schema runs) and the page's language. */
export const staffFormSchema = z.object({ _csrf: z.string().optional(), lang });

export const claimParamsSchema = z.object({ department: departmentCodeSchema });
