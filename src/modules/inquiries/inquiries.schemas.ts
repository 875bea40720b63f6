import { z } from 'zod';
import { normaliseCvr } from '../../domain/cvr.js';
import { normalisePhone } from '../../domain/phone.js';
import { freeText, singleLine } from '../../schemas/text.js';
import { caseStatusSchema } from '../cases/cases.schemas.js';
import { routingSummarySchema } from '../routing/routing.schemas.js';

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
    description: freeText(10, 5000),
    language: z.enum(['da', 'en']).default('da').describe('Language the enterprise wants to be answered in'),
    consent: z.literal(true, 'Consent to processing is required'),
  })
  .meta({ id: 'Inquiry' });

export type InquiryInput = z.output<typeof inquiryInputSchema>;

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
