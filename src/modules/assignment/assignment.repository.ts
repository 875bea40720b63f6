import type { Kysely } from 'kysely';
import type { AssignmentPolicy, Availability } from '../../domain/assignment-policy.js';
import type { DB } from '../../db/schema.js';

export interface PolicyRow extends AssignmentPolicy {
  department: string;
  revision: number;
  updatedAt: Date | null;
}

export async function departmentExists(db: Kysely<DB>, department: string): Promise<boolean> {
  return (await db.selectFrom('departments').select('code').where('code', '=', department).executeTakeFirst()) !== undefined;
}

export async function findPolicy(db: Kysely<DB>, department: string): Promise<PolicyRow | null> {
  const row = await db
    .selectFrom('assignment_policies')
    .select(['department_code', 'mode', 'max_open_per_caseworker', 'no_answer_hours', 'revision', 'updated_at'])
    .where('department_code', '=', department)
    .executeTakeFirst();
  if (!row) return null;
  return {
    department: row.department_code,
    mode: row.mode,
    maxOpenPerCaseworker: row.max_open_per_caseworker,
    noAnswerHours: row.no_answer_hours,
    revision: row.revision,
    updatedAt: new Date(row.updated_at),
  };
}

/** Writes the department's policy; each write is a new revision (the `assigned` events name the one that chose). */
export async function upsertPolicy(db: Kysely<DB>, department: string, policy: AssignmentPolicy, userId: string): Promise<void> {
  const values = {
    mode: policy.mode,
    max_open_per_caseworker: policy.maxOpenPerCaseworker,
    no_answer_hours: policy.noAnswerHours,
    updated_by: userId,
    updated_at: new Date().toISOString(),
  };
  await db
    .insertInto('assignment_policies')
    .values({ department_code: department, ...values })
    .onConflict((oc) => oc.column('department_code').doUpdateSet((eb) => ({ ...values, revision: eb('assignment_policies.revision', '+', 1) })))
    .execute();
}

export interface AvailabilityRow extends Availability {
  userId: string;
  updatedAt: Date | null;
}

export async function findAvailability(db: Kysely<DB>, userId: string): Promise<AvailabilityRow | null> {
  const row = await db.selectFrom('user_availability').selectAll().where('user_id', '=', userId).executeTakeFirst();
  if (!row) return null;
  return {
    userId: row.user_id,
    available: row.available,
    until: row.until ? new Date(row.until) : null,
    coverUserId: row.cover_user_id,
    updatedAt: new Date(row.updated_at),
  };
}

export async function upsertAvailability(db: Kysely<DB>, userId: string, availability: Availability, updatedBy: string): Promise<void> {
  const values = {
    available: availability.available,
    until: availability.until?.toISOString() ?? null,
    cover_user_id: availability.coverUserId,
    updated_by: updatedBy,
    updated_at: new Date().toISOString(),
  };
  await db
    .insertInto('user_availability')
    .values({ user_id: userId, ...values })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
    .execute();
}

export interface UserMemberships {
  id: string;
  active: boolean;
  role: string;
  departments: string[];
}

export async function findUserMemberships(db: Kysely<DB>, userId: string): Promise<UserMemberships | null> {
  const user = await db.selectFrom('users').select(['id', 'active', 'role']).where('id', '=', userId).executeTakeFirst();
  if (!user) return null;
  const departments = await db.selectFrom('user_departments').select('department_code').where('user_id', '=', userId).orderBy('department_code').execute();
  return { ...user, departments: departments.map((d) => d.department_code) };
}

export interface DepartmentMember {
  userId: string;
  name: string;
  availability: Availability | null;
}

/** The department's active caseworkers, with their availability. */
export async function findDepartmentMembers(db: Kysely<DB>, department: string): Promise<DepartmentMember[]> {
  const rows = await db
    .selectFrom('user_departments as ud')
    .innerJoin('users as u', 'u.id', 'ud.user_id')
    .leftJoin('user_availability as av', 'av.user_id', 'u.id')
    .select(['u.id', 'u.name', 'av.available', 'av.until', 'av.cover_user_id'])
    .where('ud.department_code', '=', department)
    .where('u.active', '=', true)
    .where('u.role', '=', 'caseworker')
    .orderBy('u.id')
    .execute();
  return rows.map((row) => ({
    userId: row.id,
    name: row.name,
    availability: row.available === null ? null : { available: row.available, until: row.until ? new Date(row.until) : null, coverUserId: row.cover_user_id },
  }));
}

export interface PastAssignmentRow {
  assignmentId: string;
  caseId: string;
  reference: string;
  queuedAt: Date;
  closedAt: Date | null;
  assigneeId: string | null;
  assigneeName: string | null;
}

/** The department's last `limit` assignments, newest first; one that is done or handed over counts as closed when it last changed. */
export async function findRecentAssignments(db: Kysely<DB>, department: string, limit: number): Promise<PastAssignmentRow[]> {
  const rows = await db
    .selectFrom('assignments as a')
    .innerJoin('cases as c', 'c.id', 'a.case_id')
    .leftJoin('users as u', 'u.id', 'a.assignee_id')
    .select(['a.id', 'a.case_id', 'c.reference', 'a.queued_at', 'a.status', 'a.updated_at', 'a.assignee_id', 'u.name'])
    .where('a.department_code', '=', department)
    .orderBy('a.queued_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    assignmentId: row.id,
    caseId: row.case_id,
    reference: row.reference,
    queuedAt: new Date(row.queued_at),
    closedAt: row.status === 'done' || row.status === 'transferred' ? new Date(row.updated_at) : null,
    assigneeId: row.assignee_id,
    assigneeName: row.name,
  }));
}
