import { z } from 'zod';
import { normaliseCvr } from '../../domain/cvr.js';
import { normalisePhone } from '../../domain/phone.js';

// A missing field says "Required" rather than zod's type-mismatch wording.
z.config({
  customError: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'Required' : undefined),
});

// Control characters have no place in what people type; line breaks are allowed only in
// the free-text description.
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
const CONTROL_EXCEPT_LINE_BREAKS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

export const singleLine = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min, min === 1 ? 'Required' : `At least ${min} characters`)
    .max(max, `At most ${max} characters`)
    .refine((value) => !CONTROL.test(value), 'Must not contain control characters or line breaks');

export const inquiryInputSchema = z
  .strictObject({
    enterprise: z.strictObject({
      cvr: z
        .string()
        .max(20, 'Not a CVR number')
        .transform((value, ctx) => {
          const cvr = normaliseCvr(value);
          if (cvr === null) {
            ctx.addIssue({ code: 'custom', message: 'Not a valid CVR number (8 digits with a valid check digit)' });
            return z.NEVER;
          }
          return cvr;
        })
        .describe('CVR number: 8 digits with a modulus-11 check digit; spaces and a DK prefix are accepted'),
      name: singleLine(1, 200),
      postcode: z.string().regex(/^\d{4}$/, 'Must be a Danish postcode of 4 digits').nullish(),
      employees: z.number().int('Must be a whole number').min(0, 'Must not be negative').max(1_000_000, 'Too large').nullish(),
      registeredSocialEnterprise: z.boolean().nullish().describe('Registered as a social enterprise (RSV)'),
    }),
    contact: z.strictObject({
      name: singleLine(1, 200),
      email: z.email('Not a valid email address').max(254, 'At most 254 characters'),
      phone: z
        .string()
        .max(30, 'Not a valid phone number')
        .nullish()
        .transform((value, ctx) => {
          if (value === null || value === undefined) return value;
          const phone = normalisePhone(value);
          if (phone === null) {
            ctx.addIssue({ code: 'custom', message: 'Not a valid phone number' });
            return z.NEVER;
          }
          return phone;
        })
        .describe('Normalised to E.164; Danish numbers may omit +45'),
    }),
    topics: z
      .array(z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, 'Not a topic code'))
      .min(1, 'Choose at least one topic')
      .max(5, 'Choose at most 5 topics')
      .refine((topics) => new Set(topics).size === topics.length, 'Each topic may appear only once')
      .describe('Topic codes from GET /v1/topics'),
    subject: singleLine(3, 200),
    description: z
      .string()
      .trim()
      .min(10, 'At least 10 characters')
      .max(5000, 'At most 5000 characters')
      .refine((value) => !CONTROL_EXCEPT_LINE_BREAKS.test(value), 'Must not contain control characters'),
    language: z.enum(['da', 'en']).default('da').describe('Language the enterprise wants to be answered in'),
    consent: z.literal(true, 'Consent to processing is required'),
  })
  .meta({ id: 'Inquiry' });

export type InquiryInput = z.output<typeof inquiryInputSchema>;

export const routingSummarySchema = z
  .object({ lead: z.string(), involved: z.array(z.string()) })
  .meta({ id: 'RoutingSummary' });

export const caseStatusSchema = z.enum(['received', 'in_progress', 'waiting_for_you', 'resolved']).meta({ id: 'CaseStatus' });

export const receiptSchema = z
  .object({
    caseId: z.uuid(),
    reference: z.string().describe('Human case reference, e.g. KOL-2026-000123'),
    trackingToken: z.string().describe('Shown only here: lets the enterprise follow the case'),
    statusUrl: z.string().describe('Where the enterprise can follow the case (relative URL, includes the token)'),
    status: caseStatusSchema,
    receivedAt: z.iso.datetime({ offset: true }),
    expectedResponseBy: z.iso.date().describe('The lead department answers by this date (Danish working days)'),
    routing: routingSummarySchema,
  })
  .meta({ id: 'Receipt' });

export type Receipt = z.infer<typeof receiptSchema>;

export const idempotencyKeyHeaderSchema = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(255, 'At most 255 characters')
    .regex(/^[\x21-\x7E]+$/, 'Printable ASCII without spaces')
    .optional()
    .describe('Repeat a submission safely: the same key and body return the original receipt'),
});

export const departmentRefSchema = z
  .object({ code: z.string(), name: z.object({ da: z.string(), en: z.string() }) })
  .meta({ id: 'DepartmentRef' });

export const enterpriseNoteSchema = z
  .object({ createdAt: z.iso.datetime({ offset: true }), body: z.string() })
  .meta({ id: 'EnterpriseNote' });

export const enterpriseStatusSchema = z
  .object({
    reference: z.string(),
    status: caseStatusSchema,
    subject: z.string(),
    receivedAt: z.iso.datetime({ offset: true }),
    leadDepartment: departmentRefSchema,
    expectedResponseBy: z.iso.date(),
    notes: z.array(enterpriseNoteSchema).describe('Notes the municipality wrote for the enterprise, oldest first'),
  })
  .meta({ id: 'EnterpriseStatus' });

export type EnterpriseStatus = z.infer<typeof enterpriseStatusSchema>;
