import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Role } from '../../domain/principal.js';

export interface UserRow {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  departments: string[];
  createdAt: Date;
  updatedAt: Date;
  /** created_at to the microsecond, for cursors. */
  createdAtKey: string;
}

function selectUsers(db: Kysely<DB>) {
  return db
    .selectFrom('users as u')
    .select([
      'u.id',
      'u.name',
      'u.email',
      'u.role',
      'u.active',
      sql<string[]>`coalesce((SELECT array_agg(ud.department_code ORDER BY ud.department_code) FROM user_departments ud WHERE ud.user_id = u.id), '{}')`.as(
        'departments',
      ),
      'u.created_at as createdAt',
      'u.updated_at as updatedAt',
      sql<string>`to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('createdAtKey'),
    ]);
}

export async function findUser(db: Kysely<DB>, userId: string): Promise<UserRow | null> {
  return (await selectUsers(db).where('u.id', '=', userId).executeTakeFirst()) ?? null;
}

export async function findUserByEmail(db: Kysely<DB>, email: string): Promise<UserRow | null> {
  return (await selectUsers(db).where(sql`lower(u.email)`, '=', email.toLowerCase()).executeTakeFirst()) ?? null;
}

export interface UserListQuery {
  role?: Role | undefined;
  department?: string | undefined;
  active?: boolean | undefined;
  after?: { createdAt: string; id: string } | undefined;
  limit: number;
}

/** Users in the order they were created, one keyset page. */
export async function listUsers(db: Kysely<DB>, query: UserListQuery): Promise<UserRow[]> {
  let select = selectUsers(db);
  if (query.role) select = select.where('u.role', '=', query.role);
  if (query.active !== undefined) select = select.where('u.active', '=', query.active);
  if (query.department) {
    const department = query.department;
    select = select.where((eb) =>
      eb.exists(eb.selectFrom('user_departments as m').select(sql.lit(1).as('one')).whereRef('m.user_id', '=', 'u.id').where('m.department_code', '=', department)),
    );
  }
  if (query.after) {
    select = select.where(sql`(u.created_at, u.id)`, '>', sql`(${query.after.createdAt}::timestamptz, ${query.after.id}::uuid)`);
  }
  return select.orderBy('u.created_at').orderBy('u.id').limit(query.limit).execute();
}

export async function lockUser(trx: Transaction<DB>, userId: string): Promise<UserRow | null> {
  return (await selectUsers(trx).where('u.id', '=', userId).forNoKeyUpdate('u').executeTakeFirst()) ?? null;
}

export interface UserChange {
  name?: string | undefined;
  email?: string | undefined;
  role?: Role | undefined;
  active?: boolean | undefined;
}

export async function updateUser(trx: Transaction<DB>, userId: string, change: UserChange): Promise<void> {
  await trx
    .updateTable('users')
    .set({ ...change, updated_at: sql`now()` })
    .where('id', '=', userId)
    .execute();
}

export async function replaceMemberships(trx: Transaction<DB>, userId: string, departments: readonly string[]): Promise<void> {
  await trx.deleteFrom('user_departments').where('user_id', '=', userId).execute();
  if (departments.length === 0) return;
  await trx
    .insertInto('user_departments')
    .values(departments.map((department_code) => ({ user_id: userId, department_code })))
    .execute();
}

/**
 * Serialises changes of role or active flag, so that two admins demoting each other at
 * once cannot both see the other as the admin who remains (and cannot deadlock trying).
 */
export async function lockRoleChanges(trx: Transaction<DB>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(7436002)`.execute(trx);
}

/** Active admins other than this user; count under `lockRoleChanges`. */
export async function countOtherActiveAdmins(trx: Transaction<DB>, userId: string): Promise<number> {
  const row = await trx
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('role', '=', 'admin')
    .where('active', '=', true)
    .where('id', '<>', userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Whether the user can hold an assignment of this department. */
export async function isActiveCaseworkerIn(db: Kysely<DB>, userId: string, department: string): Promise<boolean> {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('user_departments as m', 'm.user_id', 'u.id')
    .select('u.id')
    .where('u.id', '=', userId)
    .where('u.role', '=', 'caseworker')
    .where('u.active', '=', true)
    .where('m.department_code', '=', department)
    .executeTakeFirst();
  return row !== undefined;
}

export interface TokenRow {
  id: string;
  userId: string;
  name: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  createdAt: Date;
}

const tokenColumns = [
  'id',
  'user_id as userId',
  'name',
  'expires_at as expiresAt',
  'revoked_at as revokedAt',
  'last_used_at as lastUsedAt',
  'created_at as createdAt',
] as const;

export async function findTokens(db: Kysely<DB>, userId: string): Promise<TokenRow[]> {
  return db.selectFrom('api_tokens').select(tokenColumns).where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute();
}

export async function findToken(db: Kysely<DB>, tokenId: string): Promise<TokenRow | null> {
  return (await db.selectFrom('api_tokens').select(tokenColumns).where('id', '=', tokenId).executeTakeFirst()) ?? null;
}

/** Revokes the token; revoking it again keeps the first revocation time. */
export async function revokeToken(db: Kysely<DB>, tokenId: string): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: sql`coalesce(revoked_at, now())` }).where('id', '=', tokenId).execute();
}

/** When each of the users' tokens was last used, the newest per user; users whose tokens were never used are left out. */
export async function findLastTokenUses(db: Kysely<DB>, userIds: readonly string[]): Promise<{ userId: string; lastUsedAt: Date }[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('api_tokens')
    .select(['user_id as userId', (eb) => eb.fn.max('last_used_at').as('lastUsedAt')])
    .where('user_id', 'in', userIds)
    .where('last_used_at', 'is not', null)
    .groupBy('user_id')
    .execute();
  return rows.flatMap((row) => (row.lastUsedAt === null ? [] : [{ userId: row.userId, lastUsedAt: new Date(row.lastUsedAt) }]));
}
