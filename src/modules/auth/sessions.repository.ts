import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Role } from '../../domain/principal.js';

export interface SessionPrincipalRow {
  userId: string;
  name: string;
  role: Role;
  departments: string[];
  csrfSecret: string;
}

export async function insertSession(trx: Transaction<DB>, session: { idHash: Buffer; userId: string; csrfSecret: string }): Promise<void> {
  await trx.insertInto('staff_sessions').values({ id_hash: session.idHash, user_id: session.userId, csrf_secret: session.csrfSecret }).execute();
}

export async function deleteSession(db: Kysely<DB>, idHash: Buffer): Promise<void> {
  await db.deleteFrom('staff_sessions').where('id_hash', '=', idHash).execute();
}

/** Housekeeping at each sign-in: sessions past their absolute lifetime are gone for good. */
export async function deleteSessionsOlderThan(trx: Transaction<DB>, maxAgeMs: number): Promise<void> {
  await trx.deleteFrom('staff_sessions').where('created_at', '<', sql<Date>`now() - make_interval(secs => ${maxAgeMs / 1000})`).execute();
}

/** The user with this email, whichever way it is written (emails are unique regardless of case). */
export async function findUserByEmail(trx: Transaction<DB>, email: string): Promise<{ id: string; active: boolean } | null> {
  const row = await trx.selectFrom('users').select(['id', 'active']).where(sql<string>`lower(email)`, '=', email.toLowerCase()).executeTakeFirst();
  return row ?? null;
}

export async function isActiveUser(trx: Transaction<DB>, userId: string): Promise<boolean> {
  const row = await trx.selectFrom('users').select('id').where('id', '=', userId).where('active', '=', true).executeTakeFirst();
  return row !== undefined;
}

/** A session's last request is written at most this often: a page view reads, it does not write every time. */
export const LAST_SEEN_RESOLUTION_MS = 60_000;

/**
 * The live session's user, role and departments as they are now, and its CSRF secret. One
 * statement: a session idle for longer than `idleMs`, older than `maxAgeMs`, or whose user
 * is inactive, finds nothing. It records the request as the session's last only when the
 * recorded one is more than a minute old, so most requests write nothing (and a session's
 * idle time is measured to the minute).
 */
export async function touchSession(db: Kysely<DB>, idHash: Buffer, limits: { idleMs: number; maxAgeMs: number }): Promise<SessionPrincipalRow | null> {
  const row = await db
    .with('s', (qb) =>
      qb
        .selectFrom('staff_sessions')
        .select(['id_hash', 'user_id', 'csrf_secret', 'last_seen_at'])
        .where('id_hash', '=', idHash)
        .where('last_seen_at', '>', sql<Date>`now() - make_interval(secs => ${limits.idleMs / 1000})`)
        .where('created_at', '>', sql<Date>`now() - make_interval(secs => ${limits.maxAgeMs / 1000})`),
    )
    .with('touched', (qb) =>
      qb
        .updateTable('staff_sessions')
        .set({ last_seen_at: sql`now()` })
        .where('id_hash', 'in', (eb) => eb.selectFrom('s').select('s.id_hash').where('s.last_seen_at', '<', sql<Date>`now() - make_interval(secs => ${LAST_SEEN_RESOLUTION_MS / 1000})`))
        .returning('id_hash'),
    )
    .selectFrom('s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      'u.id as userId',
      'u.name',
      'u.role',
      's.csrf_secret as csrfSecret',
      sql<string[]>`coalesce((SELECT array_agg(ud.department_code ORDER BY ud.department_code) FROM user_departments ud WHERE ud.user_id = u.id), '{}')`.as('departments'),
    ])
    .where('u.active', '=', true)
    .executeTakeFirst();
  return row ?? null;
}

/**
 * Housekeeping: sessions that have ended (idle, past their lifetime, or of an inactive
 * user), and sign-in links and attempts that were used or expired more than `graceMs`
 * ago (kept that long so a link used twice is still told apart from an unknown one).
 * Returns how many of each went.
 */
export async function deleteEndedSignIns(db: Kysely<DB>, limits: { idleMs: number; maxAgeMs: number; graceMs: number }): Promise<{ sessions: number; links: number; attempts: number }> {
  const ago = (ms: number) => sql<Date>`now() - make_interval(secs => ${ms / 1000})`;
  const sessions = await db
    .deleteFrom('staff_sessions')
    .where((eb) =>
      eb.or([
        eb('last_seen_at', '<', ago(limits.idleMs)),
        eb('created_at', '<', ago(limits.maxAgeMs)),
        eb('user_id', 'in', eb.selectFrom('users').select('id').where('active', '=', false)),
      ]),
    )
    .executeTakeFirst();
  const links = await db
    .deleteFrom('sign_in_links')
    .where((eb) => eb.or([eb('used_at', '<', ago(limits.graceMs)), eb('expires_at', '<', ago(limits.graceMs))]))
    .executeTakeFirst();
  const attempts = await db.deleteFrom('staff_sign_in_attempts').where('created_at', '<', ago(limits.graceMs)).executeTakeFirst();
  return { sessions: Number(sessions.numDeletedRows), links: Number(links.numDeletedRows), attempts: Number(attempts.numDeletedRows) };
}
