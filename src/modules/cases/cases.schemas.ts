import { z } from 'zod';
import { CASE_EVENT_TYPES, caseEventPayload, CaseEventType } from '../../domain/case-events.js';
import { ASSIGNMENT_STATUSES, CASE_STATUSES, SETTABLE_STATUSES } from '../../domain/case-state.js';
import { type IfMatch, parseIfMatch } from '../../domain/etag.js';
import { freeText } from '../../schemas/text.js';
import { departmentCodeSchema } from '../departments/departments.schemas.js';
import { pageQueryFields, pageSchema } from '../pagination.js';

const timestamp = z.iso.datetime({ offset: true });

/** The status the enterprise sees, derived from the departments' assignments. */
export const caseStatusSchema = z.enum(CASE_STATUSES).meta({ id: 'CaseStatus' });
export const assignmentStatusSchema = z.enum(ASSIGNMENT_STATUSES).meta({ id: 'AssignmentStatus' });
export const noteVisibilitySchema = z
  .enum(['department', 'case', 'enterprise'])
  .describe('`department`: the author\'s department, coordinators and admins; `case`: everyone who can see the case; `enterprise`: also the enterprise')
  .meta({ id: 'NoteVisibility' });

export const userRefSchema = z.object({ id: z.uuid(), name: z.string() }).meta({ id: 'UserRef' });

// Integrators read cases at the enterprise's level of detail: departments and statuses, but
// not the people working on the case, their user ids, internal notes or the routing rules
// that matched. The fields that only the municipality sees are optional in the schemas and
// left out of what an integrator is sent (see `seesCaseworkDetail`).
const MUNICIPALITY_ONLY = 'Not sent to integrators.';

export const assignmentSchema = z
  .object({
    id: z.uuid(),
    department: z.string(),
    role: z.enum(['lead', 'involved']),
    status: assignmentStatusSchema,
    assignee: userRefSchema.nullable().optional().describe(`Who works on it; null while nobody does. ${MUNICIPALITY_ONLY}`),
    priority: z.number().int().describe('Higher is claimed first'),
    dueDate: z.iso.date(),
    overdue: z.boolean().describe('Open and past its due date'),
    queuedAt: timestamp,
    createdAt: timestamp,
    updatedAt: timestamp,
    allowedTransitions: z.array(assignmentStatusSchema).describe('The statuses a PATCH may move it to'),
  })
  .meta({ id: 'Assignment' });

export const noteSchema = z
  .object({
    id: z.uuid(),
    visibility: noteVisibilitySchema,
    department: z.string().nullable().describe('The author\'s department on the case'),
    body: z.string(),
    author: z.object({ id: z.uuid(), name: z.string(), role: z.string() }).optional().describe(MUNICIPALITY_ONLY),
    createdAt: timestamp,
  })
  .meta({ id: 'Note' });

/** The inquiry as submitted, in a case and in its archive document. */
export const caseInquirySchema = z.object({
  channel: z.enum(['web', 'api']),
  receivedAt: timestamp,
  enterprise: z.object({
    cvr: z.string(),
    name: z.string(),
    postcode: z.string().nullable(),
    employees: z.number().int().nullable(),
    registeredSocialEnterprise: z.boolean().nullable(),
  }),
  contact: z.object({ name: z.string(), email: z.string(), phone: z.string().nullable() }),
  topics: z.array(z.string()),
  subject: z.string(),
  description: z.string(),
  language: z.enum(['da', 'en']),
});

export const caseSchema = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    status: caseStatusSchema,
    leadDepartment: z.string(),
    dueDate: z.iso.date().describe('The next deadline: the earliest due date among open assignments'),
    revision: z.number().int().describe('Bumped by every change; the ETag carries it'),
    createdAt: timestamp,
    updatedAt: timestamp,
    closedAt: timestamp.nullable(),
    routing: z.object({
      version: z.number().int(),
      matchedRuleIds: z.array(z.string()).optional().describe(`The rules of the routing table that matched. ${MUNICIPALITY_ONLY}`),
    }),
    inquiry: caseInquirySchema,
    assignments: z.array(assignmentSchema),
    notes: z.array(noteSchema).describe('The notes the caller may read, oldest first (integrators: the notes written to the enterprise)'),
  })
  .meta({ id: 'Case' });

export const caseSummarySchema = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    status: caseStatusSchema,
    subject: z.string(),
    enterprise: z.object({ cvr: z.string(), name: z.string() }),
    topics: z.array(z.string()),
    leadDepartment: z.string(),
    dueDate: z.iso.date(),
    overdue: z.boolean().describe('Some open assignment is past its due date'),
    createdAt: timestamp,
    updatedAt: timestamp,
    assignments: z.array(
      z.object({
        department: z.string(),
        role: z.enum(['lead', 'involved']),
        status: assignmentStatusSchema,
        assigneeId: z.uuid().nullable().optional().describe(`Who works on it; null while nobody does. ${MUNICIPALITY_ONLY}`),
        dueDate: z.iso.date(),
      }),
    ),
  })
  .meta({ id: 'CaseSummary' });

export const caseListSchema = pageSchema(caseSummarySchema, 'CaseList');

const booleanQuery = z.enum(['true', 'false']).transform((value) => value === 'true');

export const caseListQuerySchema = z.strictObject({
  department: departmentCodeSchema.optional().describe('Cases with an assignment of this department'),
  status: assignmentStatusSchema.optional().describe('… whose status is this (with `department`, that department\'s assignment)'),
  assignee: z
    .union([z.enum(['me', 'none']), z.uuid()], { error: 'Must be me, none or a user id' })
    .optional()
    .describe('… assigned to the caller (`me`), to nobody yet (`none`), or to this user id. Not for integrators (403)'),
  overdue: booleanQuery.optional().describe('… that is open and past its due date (`true`), or not (`false`)'),
  caseStatus: caseStatusSchema.optional().describe('The status the enterprise sees'),
  topic: z.string().max(40).optional().describe('Cases whose inquiry has this topic'),
  q: z.string().trim().min(1).max(100).optional().describe('Search the reference, enterprise name and CVR number'),
  sort: z.enum(['due', 'newest']).default('due').describe('`due`: due date, then oldest first (default); `newest`: newest first'),
  ...pageQueryFields(25),
});

export type CaseListQueryInput = z.output<typeof caseListQuerySchema>;

export const caseParamsSchema = z.object({ caseId: z.uuid('Not a case id') });
export const assignmentParamsSchema = caseParamsSchema.extend({ department: departmentCodeSchema });

function ifMatchHeader(description: string) {
  return z
    .string()
    .max(1000)
    .transform((value, ctx): IfMatch => {
      const parsed = parseIfMatch(value);
      if (!parsed) {
        ctx.addIssue({ code: 'custom', message: 'Must be an entity tag from the ETag header, e.g. "3"' });
        return z.NEVER;
      }
      return parsed;
    })
    .describe(description);
}

export const requiredIfMatchSchema = z.object({
  'if-match': ifMatchHeader('The ETag of the case as you last read it (required: 428 without, 412 when stale)').optional(),
});
export const optionalIfMatchSchema = z.object({
  'if-match': ifMatchHeader('Optional: the ETag of the case as you last read it; 412 when stale').optional(),
});

export const assignmentPatchSchema = z
  .strictObject({
    status: z.enum(SETTABLE_STATUSES).optional(),
    assignee: z
      .union([z.literal('me'), z.uuid()], { error: 'Must be a user id, me, or null' })
      .nullable()
      .optional()
      .describe('A caseworker of the department, `me`, or null to release'),
    priority: z.number().int().min(-100).max(100).optional().describe('Coordinators only; higher is claimed first'),
  })
  .meta({ id: 'AssignmentPatch' });

export const transferSchema = z
  .strictObject({
    from: departmentCodeSchema,
    to: departmentCodeSchema,
    reason: freeText(1, 2000).describe('Why the other department should have it; recorded in the history'),
  })
  .meta({ id: 'Transfer' });

export const involveSchema = z
  .strictObject({ department: departmentCodeSchema, reason: freeText(1, 2000) })
  .meta({ id: 'Involve' });

export const newNoteSchema = z
  .strictObject({
    body: freeText(1, 10000),
    visibility: noteVisibilitySchema,
    department: departmentCodeSchema
      .optional()
      .describe('The department a `department` note belongs to; defaults to your department on the case'),
  })
  .meta({ id: 'NewNote' });

const pascal = (name: string) => name.replace(/(^|_)([a-z])/g, (_, _sep: string, letter: string) => letter.toUpperCase());

/** One event of the history: its fields, with `data` as the catalogue defines it for its type. */
function caseEventVariant<T extends CaseEventType>(type: T) {
  const payload = caseEventPayload(type);
  return z
    .object({
      id: z.string(),
      type: z.literal(type),
      at: timestamp,
      actor: z
        .object({ id: z.uuid().nullable(), name: z.string().nullable(), role: z.string().nullable() })
        .optional()
        .describe(`Who made the change. ${MUNICIPALITY_ONLY}`),
      department: z.string().nullable(),
      data: payload,
      ...(type === CaseEventType.note_added ? { note: noteSchema.optional().describe('The note, as far as the reader may see it') } : {}),
    })
    .describe(payload.description ?? type)
    .meta({ id: `CaseEvent${pascal(type)}` });
}

type CaseEventVariant = ReturnType<typeof caseEventVariant>;

/**
 * An event of a case's history, one schema per type of the event catalogue
 * (src/domain/case-events.ts), told apart by `type`. Integrators see `created`,
 * `case_status_changed` and `note_added` for notes to the enterprise.
 */
export const caseEventSchema = z
  .discriminatedUnion('type', CASE_EVENT_TYPES.map(caseEventVariant) as [CaseEventVariant, ...CaseEventVariant[]])
  .meta({ id: 'CaseEvent', discriminator: { propertyName: 'type' } });

export const caseReadSchema = z
  .object({
    id: z.string(),
    user: userRefSchema,
    role: z.string(),
    tokenId: z.uuid().nullable(),
    action: z.string().describe('The operation that showed the case'),
    requestId: z.string().nullable(),
    readAt: timestamp,
  })
  .meta({ id: 'CaseRead' });

export const caseReadListSchema = pageSchema(caseReadSchema, 'CaseReadList');

export const caseReadQuerySchema = z.strictObject(pageQueryFields(50));

export type CaseView = z.infer<typeof caseSchema>;
export type CaseSummaryView = z.infer<typeof caseSummarySchema>;
export type AssignmentView = z.infer<typeof assignmentSchema>;
export type NoteView = z.infer<typeof noteSchema>;
export type CaseEventView = z.infer<typeof caseEventSchema>;
export type CaseReadView = z.infer<typeof caseReadSchema>;
