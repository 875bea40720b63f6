import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { Principal, Role } from '../../domain/principal.js';
import { ConflictError, type FieldError, NotFoundError, ValidationError } from '../../errors.js';
import { insertToken, insertUser } from '../auth/auth.repository.js';
import { createSignInLink } from '../auth/sign-in-links.js';
import { generateApiToken, hashSecret } from '../auth/tokens.js';
import { findActiveDepartments } from '../departments/departments.repository.js';
import { pageOf, readCursor } from '../pagination.js';
import type { CreatedSignInLink, CreatedToken, NewUser, TokenView, UserListQueryInput, UserPatch, UserView } from './users.schemas.js';
import {
  countOtherActiveAdmins,
  findLastTokenUses,
  findToken,
  findTokens,
  findUser,
  findUserByEmail,
  listUsers,
  lockRoleChanges,
  lockUser,
  replaceMemberships,
  revokeToken,
  type TokenRow,
  updateUser,
  type UserRow,
} from './users.repository.js';

// The rules for accounts live here, shared by the admin API and the command line.

export function userView(row: UserRow): UserView {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    departments: row.departments,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function tokenView(row: TokenRow, now = new Date()): TokenView {
  return {
    id: row.id,
    name: row.name,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    usable: row.revokedAt === null && (row.expiresAt === null || row.expiresAt > now),
  };
}

/** Only caseworkers belong to departments, at least one, and only to departments that exist. */
async function checkMemberships(db: Kysely<DB>, role: Role, departments: readonly string[]): Promise<string[]> {
  const unique = [...new Set(departments)];
  if (role !== 'caseworker') {
    if (unique.length > 0) throw new ValidationError([{ path: 'body.departments', message: 'Only caseworkers belong to departments' }]);
    return [];
  }
  if (unique.length === 0) throw new ValidationError([{ path: 'body.departments', message: 'A caseworker belongs to at least one department' }]);
  const known = new Set((await findActiveDepartments(db, unique)).map((d) => d.code));
  const errors: FieldError[] = departments.flatMap((code, index) =>
    known.has(code) ? [] : [{ path: `body.departments.${index}`, message: `Unknown department: ${code}` }],
  );
  if (errors.length > 0) throw new ValidationError(errors);
  return unique;
}

async function assertEmailFree(db: Kysely<DB>, email: string, exceptUserId?: string): Promise<void> {
  const existing = await findUserByEmail(db, email);
  if (existing && existing.id !== exceptUserId) {
    throw new ConflictError('A user with this email already exists.', { errors: [{ path: 'body.email', message: 'Already in use' }] });
  }
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === '23505';
}

/** Two creations racing for one email: the unique index decides, and the loser gets the same 409. */
async function emailRaceAs409<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError('A user with this email already exists.', { errors: [{ path: 'body.email', message: 'Already in use' }] });
    }
    throw error;
  }
}

export async function createUser(db: Database, input: NewUser): Promise<UserView> {
  return emailRaceAs409(() =>
    db.transaction().execute(async (trx) => {
      const departments = await checkMemberships(trx, input.role, input.departments);
      await assertEmailFree(trx, input.email);
      const userId = await insertUser(trx, { name: input.name, email: input.email, role: input.role });
      await replaceMemberships(trx, userId, departments);
      return userView(await foundOr404(trx, userId));
    }),
  );
}

async function foundOr404(db: Kysely<DB>, userId: string): Promise<UserRow> {
  const user = await findUser(db, userId);
  if (!user) throw new NotFoundError('No such user.');
  return user;
}

/** An admin who is demoted or deactivated must leave another active admin behind. */
async function assertAdminRemains(trx: Transaction<DB>, user: UserRow, patch: UserPatch): Promise<void> {
  const losesAdmin = user.role === 'admin' && user.active && ((patch.role !== undefined && patch.role !== 'admin') || patch.active === false);
  if (losesAdmin && (await countOtherActiveAdmins(trx, user.id)) === 0) {
    throw new ConflictError('This is the last active admin; make another user admin first.');
  }
}

/**
 * Changes a user. Leaving the caseworker role clears the memberships; becoming a
 * caseworker needs departments. Deactivating stops the user's tokens at once; their
 * assignments stay for a coordinator to hand to someone else.
 */
export async function updateUserAccount(db: Database, userId: string, patch: UserPatch): Promise<UserView> {
  return emailRaceAs409(() =>
    db.transaction().execute(async (trx) => {
      if (patch.role !== undefined || patch.active !== undefined) await lockRoleChanges(trx);
      const user = await lockUser(trx, userId);
      if (!user) throw new NotFoundError('No such user.');
      const role = patch.role ?? user.role;
      const departments = patch.departments ?? (role === 'caseworker' ? user.departments : []);
      const memberships = await checkMemberships(trx, role, departments);
      if (patch.email !== undefined) await assertEmailFree(trx, patch.email, userId);
      await assertAdminRemains(trx, user, patch);
      await updateUser(trx, userId, { name: patch.name, email: patch.email, role: patch.role, active: patch.active });
      await replaceMemberships(trx, userId, memberships);
      return userView(await foundOr404(trx, userId));
    }),
  );
}

export async function getUserAccount(db: Database, userId: string): Promise<UserView> {
  return userView(await foundOr404(db, userId));
}

const userCursorSchema = z.object({ t: z.string(), i: z.uuid() });

export async function listUserAccounts(db: Database, query: UserListQueryInput): Promise<{ items: UserView[]; nextCursor: string | null }> {
  const cursor = readCursor(query.cursor, userCursorSchema);
  const rows = await listUsers(db, {
    role: query.role,
    department: query.department,
    active: query.active,
    after: cursor && { createdAt: cursor.t, id: cursor.i },
    limit: query.limit + 1,
  });
  const { page, nextCursor } = pageOf(rows, query.limit, (last) => ({ t: last.createdAtKey, i: last.id }));
  return { items: page.map(userView), nextCursor };
}

/** A new API token for the user; the token itself is returned only here, and stored as a hash. */
export async function issueToken(db: Database, userId: string, request: { name: string; expiresAt?: string | undefined }): Promise<CreatedToken> {
  const expiresAt = request.expiresAt === undefined ? null : new Date(request.expiresAt);
  if (expiresAt && expiresAt <= new Date()) throw new ValidationError([{ path: 'body.expiresAt', message: 'Must be in the future' }]);
  const user = await foundOr404(db, userId);
  if (!user.active) throw new ConflictError('The user is deactivated; activate them before issuing a token.');
  const token = generateApiToken();
  const tokenId = await insertToken(db, { userId, name: request.name, tokenHash: hashSecret(token), expiresAt });
  const row = await findToken(db, tokenId);
  if (!row) throw new Error(`Token ${tokenId} vanished`);
  return { ...tokenView(row), token };
}

/**
 * A sign-in link for the staff pages: one use, for 15 minutes. The code is in the answer
 * only; the service keeps its hash. `createdBy` is the admin who asked (none from the
 * command line or the first start).
 */
export async function issueSignInLink(
  db: Kysely<DB>,
  userId: string,
  options: { baseUrl: string; createdBy: string | null },
): Promise<CreatedSignInLink> {
  const user = await foundOr404(db, userId);
  if (!user.active) throw new ConflictError('The user is deactivated; activate them before sending a sign-in link.');
  return createSignInLink(db, { userId, ...options });
}

/** When each user's tokens were last used (the newest of their tokens), by user id; absent when never. */
export async function lastTokenUses(db: Database, userIds: readonly string[]): Promise<Map<string, string>> {
  return new Map((await findLastTokenUses(db, userIds)).map((row) => [row.userId, row.lastUsedAt.toISOString()]));
}

export async function listUserTokens(db: Database, userId: string): Promise<TokenView[]> {
  await foundOr404(db, userId);
  const now = new Date();
  return (await findTokens(db, userId)).map((row) => tokenView(row, now));
}

/**
 * Revokes a token; revoking it again is fine. With `ownedBy`, only that user's tokens are
 * found (everyone but admins revokes only their own, and someone else's is not found).
 */
export async function revokeApiToken(db: Database, tokenId: string, ownedBy?: string): Promise<void> {
  const token = await findToken(db, tokenId);
  if (!token || (ownedBy !== undefined && token.userId !== ownedBy)) throw new NotFoundError('No such token.');
  await revokeToken(db, tokenId);
}

export async function describeCaller(db: Database, principal: Principal): Promise<UserView & { token: { id: string; name: string; expiresAt: string | null } }> {
  // The API is reached with a token only; a staff session has none to describe.
  const [user, token] = await Promise.all([foundOr404(db, principal.userId), principal.tokenId === null ? null : findToken(db, principal.tokenId)]);
  if (!token) throw new NotFoundError('No such token.');
  return { ...userView(user), token: { id: token.id, name: token.name, expiresAt: token.expiresAt?.toISOString() ?? null } };
}
