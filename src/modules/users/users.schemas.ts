import { z } from 'zod';
import { ROLES } from '../../domain/principal.js';
import { singleLine } from '../../schemas/text.js';
import { departmentCodeSchema } from '../departments/departments.schemas.js';
import { pageQueryFields, pageSchema } from '../pagination.js';

const timestamp = z.iso.datetime({ offset: true });

export const roleSchema = z
  .enum(ROLES)
  .describe('`caseworker`: works in department queues; `coordinator`: all cases and routing; `admin`: everything, users and tokens; `integrator`: submits inquiries and reads what it submitted')
  .meta({ id: 'Role' });

const departmentsSchema = z
  .array(departmentCodeSchema)
  .max(20, 'At most 20 departments')
  .describe('Department memberships; only caseworkers have them, and at least one');

export const userSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    role: roleSchema,
    departments: z.array(z.string()),
    active: z.boolean().describe('An inactive user\'s tokens stop working'),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'User' });

export const userListSchema = pageSchema(userSchema, 'UserList');

export const userListQuerySchema = z.strictObject({
  role: roleSchema.optional(),
  department: departmentCodeSchema.optional(),
  active: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  ...pageQueryFields(50),
});

export const newUserSchema = z
  .strictObject({
    name: singleLine(1, 200),
    email: z.email('Not a valid email address').max(254, 'At most 254 characters'),
    role: roleSchema,
    departments: departmentsSchema.default([]),
  })
  .meta({ id: 'NewUser' });

export const userPatchSchema = z
  .strictObject({
    name: singleLine(1, 200).optional(),
    email: z.email('Not a valid email address').max(254, 'At most 254 characters').optional(),
    role: roleSchema.optional(),
    departments: departmentsSchema.optional().describe('Replaces the memberships; leaving the caseworker role clears them'),
    active: z.boolean().optional(),
  })
  .meta({ id: 'UserPatch' });

export const userParamsSchema = z.object({ userId: z.uuid('Not a user id') });
export const tokenParamsSchema = z.object({ tokenId: z.uuid('Not a token id') });

export const tokenSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    expiresAt: timestamp.nullable(),
    revokedAt: timestamp.nullable(),
    lastUsedAt: timestamp.nullable().describe('Recorded to the minute'),
    createdAt: timestamp,
    usable: z.boolean().describe('Neither revoked nor expired'),
  })
  .meta({ id: 'Token' });

export const newTokenSchema = z
  .strictObject({
    name: singleLine(1, 100).describe('What the token is for, e.g. "laptop" or "partner portal"'),
    expiresAt: timestamp.optional().describe('When the token stops working; never when left out'),
  })
  .meta({ id: 'NewToken' });

export const createdTokenSchema = tokenSchema
  .extend({ token: z.string().describe('The bearer token. Shown only in this response; only its hash is stored') })
  .meta({ id: 'CreatedToken' });

export const createdSignInLinkSchema = z
  .object({
    url: z.url().describe('Opens the staff pages signed in as the user. Works once, until `expiresAt`; shown only in this response, only its hash is stored'),
    expiresAt: timestamp.describe('15 minutes after it was made'),
  })
  .meta({ id: 'CreatedSignInLink' });

export const meSchema = userSchema
  .extend({ token: z.object({ id: z.uuid(), name: z.string(), expiresAt: timestamp.nullable() }).describe('The token of this request') })
  .meta({ id: 'Me' });

export type NewUser = z.output<typeof newUserSchema>;
export type UserPatch = z.output<typeof userPatchSchema>;
export type UserView = z.infer<typeof userSchema>;
export type TokenView = z.infer<typeof tokenSchema>;
export type CreatedToken = z.infer<typeof createdTokenSchema>;
export type CreatedSignInLink = z.infer<typeof createdSignInLinkSchema>;
export type UserListQueryInput = z.output<typeof userListQuerySchema>;
