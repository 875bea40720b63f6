import { z } from 'zod';
import { MAX_RETENTION_DAYS } from '../../domain/retention.js';
import { freeText } from '../../schemas/text.js';
import { caseInquirySchema } from '../cases/cases.schemas.js';

const timestamp = z.iso.datetime({ offset: true });

const days = (what: string) =>
  z
    .number('A whole number of days, or null')
    .int('A whole number of days')
    .min(0, 'Cannot be negative')
    .max(MAX_RETENTION_DAYS, `At most ${MAX_RETENTION_DAYS} days (30 years)`)
    .nullable()
    .describe(`${what}, in days counted from the case's resolution; null: never. At most ${MAX_RETENTION_DAYS} (30 years)`);

export const retentionPeriodsSchema = z
  .strictObject({
    anonymiseContactAfterDays: days("When the contact's personal data and the free text are erased"),
    deleteCaseAfterDays: days('When the whole case is deleted; not before anonymising'),
  })
  .meta({ id: 'RetentionPeriods' });

const scheduleVersionSchema = z
  .object({
    version: z.number().int(),
    anonymiseContactAfterDays: z.number().int().nullable(),
    deleteCaseAfterDays: z.number().int().nullable(),
    setAt: timestamp,
    setBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  })
  .meta({ id: 'RetentionScheduleVersion' });

export const retentionScheduleSchema = z
  .object({
    version: z.number().int().nullable().describe('The version in force; null before a schedule was ever set (then nothing is due)'),
    anonymiseContactAfterDays: z.number().int().nullable(),
    deleteCaseAfterDays: z.number().int().nullable(),
    setAt: timestamp.nullable(),
    setBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    history: z.array(scheduleVersionSchema).describe('Every version, newest first (the last 50)'),
  })
  .meta({ id: 'RetentionSchedule' });

const dueSchema = z.object({
  count: z.number().int(),
  references: z.array(z.string()).describe('The first 1,000 case references, oldest resolution first'),
});

export const dryRunSchema = z
  .object({
    asOf: timestamp,
    scheduleVersion: z.number().int().nullable(),
    anonymiseContactAfterDays: z.number().int().nullable(),
    deleteCaseAfterDays: z.number().int().nullable(),
    delete: dueSchema.describe('Cases a run would delete now'),
    anonymise: dueSchema.describe('Cases whose contact a run would anonymise now (those being deleted are not counted again)'),
    held: dueSchema.describe('Cases that are due but under legal hold, which a run leaves alone'),
  })
  .meta({ id: 'RetentionDryRun' });

export const legalHoldBodySchema = z.strictObject({
  hold: z.boolean('true to hold, false to release'),
  reason: freeText(1, 1000).describe('Why; kept in the case\'s history'),
});

const legalHoldSchema = z
  .object({ reason: z.string(), since: timestamp, by: z.uuid().nullable() })
  .meta({ id: 'LegalHold' });

export const legalHoldResultSchema = z.object({
  caseId: z.uuid(),
  reference: z.string(),
  legalHold: legalHoldSchema.nullable().describe('Null: not held'),
});

export const erasureBodySchema = z.strictObject({
  reason: freeText(1, 1000).describe('Why (the request it answers); kept in the tombstone event'),
  notes: z
    .enum(['enterprise', 'all'])
    .default('enterprise')
    .describe(
      "Which notes' texts are replaced in full: those written to the enterprise (default), or every note. In the others the contact's name, address and number are replaced wherever they appear",
    ),
});

export const erasureResultSchema = z
  .object({
    caseId: z.uuid(),
    reference: z.string(),
    erasedAt: timestamp,
    notes: z.enum(['enterprise', 'all']),
    notesReplaced: z.number().int(),
  })
  .meta({ id: 'Erasure' });

export const runsQuerySchema = z.object({
  limit: z.coerce.number('A number').int('A whole number').min(1, 'At least 1').max(100, 'At most 100').default(20),
});

export const runSchema = z
  .object({
    id: z.uuid(),
    scheduleVersion: z.number().int().nullable(),
    trigger: z.enum(['schedule', 'manual']),
    status: z
      .enum(['running', 'finished', 'stopped', 'failed'])
      .describe('`stopped`: asked to stop between batches; `running` also for a run whose process died. The next run finishes the work either leaves'),
    startedAt: timestamp,
    finishedAt: timestamp.nullable(),
    durationMs: z.number().int().nullable(),
    anonymised: z.number().int(),
    deleted: z.number().int(),
    failed: z.number().int(),
    errors: z.array(z.object({ reference: z.string(), message: z.string() })),
  })
  .meta({ id: 'RetentionRun' });

export const runListSchema = z.object({ items: z.array(runSchema) });

const archiveUser = z.object({ id: z.uuid(), name: z.string().nullable() }).nullable();

export const archiveSchema = z
  .object({
    archivedAt: timestamp.describe('When this document was made'),
    case: z.object({
      id: z.uuid(),
      reference: z.string(),
      status: z.string(),
      leadDepartment: z.string(),
      dueDate: z.iso.date(),
      routingVersion: z.number().int(),
      matchedRuleIds: z.array(z.string()),
      createdAt: timestamp,
      updatedAt: timestamp,
      closedAt: timestamp.nullable(),
      personalDataErasedAt: timestamp.nullable(),
      legalHold: legalHoldSchema.nullable(),
    }),
    inquiry: caseInquirySchema,
    assignments: z.array(
      z.object({
        id: z.uuid(),
        department: z.string(),
        role: z.string(),
        status: z.string(),
        assignee: archiveUser,
        priority: z.number().int(),
        dueDate: z.iso.date(),
        queuedAt: timestamp,
        createdAt: timestamp,
        updatedAt: timestamp,
      }),
    ),
    notes: z.array(
      z.object({
        id: z.uuid(),
        visibility: z.string(),
        department: z.string().nullable(),
        body: z.string(),
        author: z.object({ id: z.uuid(), name: z.string(), role: z.string() }),
        createdAt: timestamp,
      }),
    ),
    events: z.array(
      z.object({
        id: z.string(),
        type: z.string(),
        at: timestamp,
        department: z.string().nullable(),
        actor: z.object({ id: z.uuid().nullable(), name: z.string().nullable(), role: z.string().nullable() }),
        data: z.record(z.string(), z.unknown()),
      }),
    ),
  })
  .meta({ id: 'CaseArchive' });

export type ArchiveDocument = z.infer<typeof archiveSchema>;
export type RetentionScheduleView = z.infer<typeof retentionScheduleSchema>;
export type RunView = z.infer<typeof runSchema>;
