import { z } from 'zod';

// Shapes only: whether topics and departments exist, ranges are the right way round and
// so on is checked by validateRoutingTable (src/domain), which names the same paths.

const code = z.string().max(40);
const timestamp = z.iso.datetime({ offset: true });

/** Where an inquiry goes: the lead department and the involved ones. */
export const routingSummarySchema = z
  .object({ lead: z.string(), involved: z.array(z.string()) })
  .meta({ id: 'RoutingSummary' });

export const ruleConditionsSchema = z
  .strictObject({
    topics: z.strictObject({ anyOf: z.array(code).max(50) }).optional().describe('Matches when the inquiry has any of these topics'),
    keywords: z
      .strictObject({ anyOf: z.array(z.string().max(100)).max(200) })
      .optional()
      .describe('Matches when the subject or description contains any of these words (case-insensitive, also inside longer words)'),
    employees: z
      .strictObject({ min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional() })
      .optional()
      .describe('Inclusive range; an inquiry without a number of employees does not match'),
    postcodes: z
      .array(z.strictObject({ from: z.string().max(10), to: z.string().max(10) }))
      .max(100)
      .optional()
      .describe('Inclusive ranges of 4-digit postcodes; an inquiry without a postcode does not match'),
    registeredSocialEnterprise: z.boolean().optional(),
  })
  .meta({ id: 'RoutingConditions', description: 'Every condition present must hold; an empty object matches everything' });

const ruleId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'Letters, digits, dot, dash and underscore; at most 64 characters');

const ruleFields = {
  name: z.string().trim().min(1, 'Required').max(200),
  when: ruleConditionsSchema,
  then: z.strictObject({
    department: code,
    role: z.enum(['lead', 'involve']).describe('`lead`: the first matching lead rule chooses the lead; `involve`: involves the department'),
  }),
};

export const ruleSchema = z.strictObject({ id: ruleId, ...ruleFields }).meta({ id: 'RoutingRule' });

export const ruleInputSchema = z
  .strictObject({ id: ruleId.optional().describe('Stable id; generated when left out'), ...ruleFields })
  .meta({ id: 'EditableRoutingRule' });

export const tableInputSchema = z
  .strictObject({
    fallbackDepartment: code.describe('Leads every inquiry no lead rule matches'),
    rules: z.array(ruleInputSchema).max(5000),
    note: z.string().max(2000).nullish().describe('What this version is for'),
  })
  .meta({ id: 'RoutingTableEdit' });
export type TableInput = z.output<typeof tableInputSchema>;

export const createDraftSchema = z
  .strictObject({
    copyFrom: z.number().int().min(1).optional().describe('Copy rules and fallback from this version; left out: an empty draft'),
    fallbackDepartment: code.optional().describe('For an empty draft; defaults to the published table\'s'),
    note: z.string().max(2000).nullish(),
  })
  .meta({ id: 'RoutingDraftRequest' });

export const versionParamsSchema = z.object({ version: z.coerce.number().int().min(1).max(2_147_483_647) });

export const actorSchema = z.object({ id: z.uuid(), name: z.string() }).nullable().meta({ id: 'RoutingActor' });

export const tableSummarySchema = z
  .object({
    version: z.number().int(),
    status: z.enum(['draft', 'published', 'retired']),
    fallbackDepartment: z.string(),
    ruleCount: z.number().int(),
    note: z.string().nullable(),
    copiedFrom: z.number().int().nullable(),
    createdAt: timestamp,
    createdBy: actorSchema,
    updatedAt: timestamp,
    updatedBy: actorSchema,
    publishedAt: timestamp.nullable(),
    publishedBy: actorSchema,
    publishReason: z.string().nullable(),
    publishForced: z.boolean().describe('Published although golden cases failed'),
    retiredAt: timestamp.nullable(),
  })
  .meta({ id: 'RoutingTableSummary' });

export const warningSchema = z
  .object({
    code: z.enum(['unreachable-lead-rule', 'topic-without-lead-rule', 'department-not-routed', 'duplicate-rule']),
    message: z.string(),
    ruleId: z.string().optional(),
    relatedRuleIds: z.array(z.string()).optional(),
    topic: z.string().optional(),
    department: z.string().optional(),
  })
  .meta({ id: 'RoutingWarning' });

export const historyEntrySchema = z
  .object({
    action: z.enum(['created', 'imported', 'edited', 'published', 'retired']),
    at: timestamp,
    by: actorSchema,
    details: z.record(z.string(), z.unknown()).describe('copiedFrom, reason, forced, failedGoldenCases, replacedBy, file'),
  })
  .meta({ id: 'RoutingTableEvent' });

export const tableSchema = tableSummarySchema
  .extend({
    rules: z.array(ruleSchema),
    warnings: z.array(warningSchema).describe('What the analysis found; allowed, but probably not meant'),
    history: z.array(historyEntrySchema).describe('Oldest first'),
  })
  .meta({ id: 'RoutingTable' });

export const routingInquirySchema = z
  .looseObject({
    topics: z.array(code).min(1, 'Choose at least one topic').max(5),
    subject: z.string().max(200).default(''),
    description: z.string().max(5000).default(''),
    enterprise: z
      .looseObject({
        postcode: z.string().regex(/^\d{4}$/, 'Must be a Danish postcode of 4 digits').nullish(),
        employees: z.number().int().min(0).nullish(),
        registeredSocialEnterprise: z.boolean().nullish(),
      })
      .optional(),
  })
  .meta({
    id: 'RoutingInquiry',
    description: 'An inquiry as far as routing reads it. A whole inquiry body is accepted; fields routing does not read are ignored and not stored.',
  });
export type RoutingInquiryInput = z.output<typeof routingInquirySchema>;

export const storedInquirySchema = z
  .object({
    topics: z.array(z.string()),
    subject: z.string(),
    description: z.string(),
    enterprise: z.object({
      postcode: z.string().nullable(),
      employees: z.number().int().nullable(),
      registeredSocialEnterprise: z.boolean().nullable(),
    }),
  })
  .meta({ id: 'RoutingInquiryStored' });
export type StoredInquiry = z.output<typeof storedInquirySchema>;

export const decisionSchema = z
  .object({
    version: z.number().int(),
    lead: z.string(),
    involved: z.array(z.string()),
    leadRuleId: z.string().nullable().describe('The rule that chose the lead; null when the fallback department leads'),
    matchedRuleIds: z.array(z.string()),
  })
  .meta({ id: 'RoutingDecision' });

export const simulateBodySchema = z.strictObject({
  inquiry: routingInquirySchema,
  version: z.number().int().min(1).optional().describe('Default: the published version'),
});

export const ruleExplanationSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    department: z.string(),
    role: z.enum(['lead', 'involve']),
    matched: z.boolean(),
    failedCondition: z
      .enum(['topics', 'registeredSocialEnterprise', 'employees', 'postcodes', 'keywords'])
      .nullable()
      .describe('The first condition that did not hold (checked in this order: topics, registeredSocialEnterprise, employees, postcodes, keywords)'),
    effect: z.enum(['lead', 'involved', 'already-routed', 'none']),
    reason: z.string(),
    matchedKeywords: z.array(z.string()).optional(),
  })
  .meta({ id: 'RuleExplanation' });

export const simulationSchema = z
  .object({
    version: z.number().int(),
    decision: decisionSchema,
    fallback: z.boolean().describe('No lead rule matched: the fallback department leads'),
    rules: z.array(ruleExplanationSchema).describe('Every rule in table order'),
  })
  .meta({ id: 'RoutingSimulation' });

export const goldenCaseInputSchema = z
  .strictObject({
    name: z.string().trim().min(1, 'Required').max(200),
    inquiry: routingInquirySchema,
    expected: z.strictObject({ lead: code, involved: z.array(code).max(20).default([]) }),
  })
  .meta({ id: 'GoldenCaseRequest' });
export type GoldenCaseInput = z.output<typeof goldenCaseInputSchema>;

export const goldenCheckSchema = z
  .object({
    version: z.number().int(),
    passed: z.boolean(),
    actual: routingSummarySchema,
  })
  .meta({ id: 'GoldenCaseCheck' });

export const goldenCaseSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    inquiry: storedInquirySchema,
    expected: routingSummarySchema,
    createdAt: timestamp,
    createdBy: actorSchema,
    check: goldenCheckSchema.nullable().describe('The case against the published table'),
  })
  .meta({ id: 'GoldenCase' });

export const goldenFailureSchema = z
  .object({ id: z.uuid(), name: z.string(), expected: routingSummarySchema, actual: routingSummarySchema })
  .meta({ id: 'GoldenCaseFailure' });

export const publishBodySchema = z
  .strictObject({
    force: z.boolean().default(false).describe('Publish even though golden cases fail; needs a reason'),
    reason: z.string().trim().min(1, 'Required').max(2000).optional().describe('Why; recorded in the history'),
  })
  .meta({ id: 'PublishRequest' });

export const publishResultSchema = z
  .object({
    table: tableSchema,
    retiredVersion: z.number().int().nullable(),
    goldenCases: z.object({ total: z.number().int(), failed: z.array(goldenFailureSchema) }),
  })
  .meta({ id: 'PublishResult' });

const placedRuleSchema = z.object({ position: z.number().int(), rule: ruleSchema });

export const diffQuerySchema = z.object({
  against: z.coerce.number().int().min(1).max(2_147_483_647).optional().describe('Default: the version this one was copied from, else the published one'),
});

export const diffSchema = z
  .object({
    version: z.number().int(),
    against: z.number().int(),
    fallbackDepartment: z.object({ before: z.string(), after: z.string() }).nullable(),
    added: z.array(placedRuleSchema),
    removed: z.array(placedRuleSchema),
    changed: z.array(
      z.object({
        id: z.string(),
        fields: z.array(z.string()).describe('name, when.topics … then.role, and position when the rule moved'),
        before: placedRuleSchema,
        after: placedRuleSchema,
      }),
    ),
  })
  .meta({ id: 'RoutingTableDiff', description: 'How `version` differs from `against`' });

export const caseParamsSchema = z.object({ caseId: z.uuid() });

export const rerouteBodySchema = z
  .strictObject({ reason: z.string().trim().min(1).max(2000).optional() })
  .meta({ id: 'RerouteRequest' });

export const routingRecordSchema = z
  .object({
    routingVersion: z.number().int(),
    lead: z.string(),
    involved: z.array(z.string()),
    matchedRuleIds: z.array(z.string()),
  })
  .meta({ id: 'RoutingRecord' });

export const rerouteResultSchema = z
  .object({
    caseId: z.uuid(),
    changed: z.boolean(),
    before: routingRecordSchema,
    after: routingRecordSchema,
    added: z.array(z.string()).describe('Departments given a new queued assignment'),
    transferred: z.array(z.string()).describe('Queued assignments of departments no longer routed to'),
    kept: z.array(z.string()).describe('Departments no longer routed to whose work has started, so they stay'),
    assignments: z.array(
      z.object({
        department: z.string(),
        role: z.enum(['lead', 'involved']),
        status: z.enum(['queued', 'in_progress', 'waiting', 'done', 'transferred']),
      }),
    ),
  })
  .meta({ id: 'RerouteResult' });
