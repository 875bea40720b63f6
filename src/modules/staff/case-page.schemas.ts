import { z } from 'zod';
import { LANGUAGES } from '../../pages/messages.js';
import { departmentCodeSchema } from '../departments/departments.schemas.js';

// The case page's address and forms. As elsewhere in the staff pages, a malformed address
// is never a validation error (an unknown reference is the 404 page); the fields people
// fill in are read as text and checked by the route, so that a mistake comes back as the
// page with a message beside the field rather than an error page.

const lang = z.enum(LANGUAGES).catch('da');

export const ASSIGNMENT_ACTIONS = ['claim', 'wait', 'resume', 'done', 'release', 'reopen'] as const;
export const DONE_NOTICES = [...ASSIGNMENT_ACTIONS, 'note', 'transfer', 'involve'] as const;
export type DoneNotice = (typeof DONE_NOTICES)[number];

export const casePageParamsSchema = z.object({ reference: z.string().max(100) });
export const assignmentFormParamsSchema = casePageParamsSchema.extend({ department: z.string().max(100) });

export const casePageQuerySchema = z.object({
  lang,
  done: z.enum(DONE_NOTICES).optional().catch(undefined),
  department: departmentCodeSchema.optional().catch(undefined),
});

/** What every action form carries besides its fields: CSRF token, language, and the case as the form was rendered. */
const actionForm = {
  _csrf: z.string().optional(),
  lang,
  revision: z.coerce.number().int().min(0).max(2_147_483_647),
  /** The newest event the page showed; a form without one shows every event when it turns out stale. */
  seen: z.string().regex(/^\d{1,18}$/).catch('0'),
};

// Typed text is checked by the route; this only keeps a runaway body out.
const typed = z.string().max(100_000).default('');

export const assignmentFormSchema = z.object({ ...actionForm, action: z.enum(ASSIGNMENT_ACTIONS) });
export const noteFormSchema = z.object({ ...actionForm, body: typed, visibility: typed, department: typed });
export const transferFormSchema = z.object({ ...actionForm, from: typed, to: typed, reason: typed });
export const involveFormSchema = z.object({ ...actionForm, department: typed, reason: typed });
