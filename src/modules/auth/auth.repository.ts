import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Role } from '../../domain/principal.js';

export interface PrincipalRow {
  userId: string;
  tokenId: string;
  name: string;
  role: Role;
  departments: string[];
  lastUsedAt: Date | null;
  expiresAt: Date | null;
}

export async function findPrincipalByTokenHash(db: Database, tokenHash: Buffer): Promise<PrincipalRow | null> {
  const row = await db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select([
      'u.id as userId',
      't.id as tokenId',
      'u.name',
      'u.role',
      't.last_used_at as lastUsedAt',
      't.expires_at as expiresAt',
      sql<string[]>`coalesce((SELECT array_agg(ud.department_code ORDER BY ud.department_code) FROM user_departments ud WHERE ud.user_id = u.id), '{}')`.as('departments'),
    ])
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .where('u.active', '=', true)
    .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', sql<Date>`now()`)]))
    .executeTakeFirst();
  return row ?? null;
}

export async function touchToken(db: Database, tokenId: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: sql`now()` }).where('id', '=', tokenId).execute();
}

export async function countAdmins(db: Database): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('role', '=', 'admin')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertUser(
  db: Database,
  user: { name: string; email: string; role: Role },
): Promise<string> {
  const row = await db.insertInto('users').values(user).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function insertToken(
  db: Database,
  token: { userId: string; name: string; tokenHash: Buffer; expiresAt?: Date | null },
): Promise<string> {
  const row = await db
    .insertInto('api_tokens')
    .values({ user_id: token.userId, name: token.name, token_hash: token.tokenHash, expires_at: token.expiresAt ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
