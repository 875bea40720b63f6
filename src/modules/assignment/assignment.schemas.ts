import { z } from 'zod';
import { ASSIGNMENT_MODES } from '../../domain/assignment-policy.js';
import { departmentCodeSchema } from '../departments/departments.schemas.js';

const timestamp = z.iso.datetime({ offset: true });

export const departmentParamsSchema = z.object({ department: departmentCodeSchema });
export const availabilityParamsSchema = z.object({ userId: z.uuid('Not a user id') });

const policyFields = {
  mode: z
    .enum(ASSIGNMENT_MODES, 'Must be one of pull, round-robin, least-loaded')
    .describe('`pull`: caseworkers claim from the queue; `round-robin`: the caseworker whose last assignment is longest ago; `least-loaded`: the fewest open assignments, ties by longest since the last'),
  maxOpenPerCaseworker: z
    .number()
    .int('Must be a whole number')
    .min(1, 'Must be at least 1')
    .max(10000, 'At most 10000')
    .nullable()
    .optional()
    .describe('Nobody is given more open (queued to them, in progress, waiting) assignments of the department than this; the rest wait in the queue'),
  noAnswerHours: z
    .number()
    .min(1, 'Must be at least 1 hour')
    .max(24 * 365, 'At most a year')
    .nullable()
    .optional()
    .describe('An assignment given out and not started within this many hours goes to the next eligible caseworker'),
};

export const policyInputSchema = z.strictObject(policyFields).meta({ id: 'AssignmentPolicyChange' });

export const policySchema = z
  .object({
    department: z.string(),
    mode: policyFields.mode,
    maxOpenPerCaseworker: z.number().int().nullable(),
    noAnswerHours: z.number().nullable(),
    revision: z.number().int().describe('Counts the changes; 0 for a department that never had a policy (it pulls)'),
    updatedAt: timestamp.nullable(),
  })
  .meta({ id: 'AssignmentPolicy' });

export const availabilityInputSchema = z
  .strictObject({
    available: z.boolean().describe('false: gets no assignments (their cover gets their turns)'),
    until: timestamp.nullable().optional().describe('When this setting ends and the caseworker is available again; absent: until changed'),
    coverUserId: z.uuid('Not a user id').nullable().optional().describe('Who receives the turns of an absent caseworker: an active caseworker of every one of their departments'),
  })
  .meta({ id: 'AvailabilityChange' });

export const availabilitySchema = z
  .object({
    userId: z.uuid(),
    available: z.boolean(),
    until: timestamp.nullable(),
    coverUserId: z.uuid().nullable(),
    availableNow: z.boolean().describe('Whether the policies count the user as available at this moment'),
    updatedAt: timestamp.nullable(),
  })
  .meta({ id: 'Availability' });

/** A simulation takes the policy it tries. */
export const simulationInputSchema = policyInputSchema;

export const simulationSchema = z
  .object({
    department: z.string(),
    policy: z.object({ mode: policyFields.mode, maxOpenPerCaseworker: z.number().int().nullable(), noAnswerHours: z.number().nullable() }),
    assignments: z
      .array(
        z.object({
          assignmentId: z.uuid(),
          caseId: z.uuid(),
          reference: z.string(),
          queuedAt: timestamp,
          actualAssigneeId: z.uuid().nullable().describe('Who had it'),
          simulatedAssigneeId: z.uuid().nullable().describe('Who the policy would have given it to; null: it would have waited in the queue'),
          coverFor: z.uuid().nullable(),
        }),
      )
      .describe("The department's last 100 assignments, oldest first"),
    perCaseworker: z
      .array(z.object({ userId: z.uuid(), name: z.string(), actual: z.number().int(), simulated: z.number().int() }))
      .describe('How many each caseworker had, and would have had'),
    unassigned: z.number().int().describe('How many would have waited in the queue'),
  })
  .meta({ id: 'AssignmentSimulation' });

export type PolicyInput = z.infer<typeof policyInputSchema>;
export type PolicyView = z.infer<typeof policySchema>;
export type AvailabilityInput = z.infer<typeof availabilityInputSchema>;
export type AvailabilityView = z.infer<typeof availabilitySchema>;
export type SimulationView = z.infer<typeof simulationSchema>;
