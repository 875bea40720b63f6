import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { CaseEvent } from '../../domain/case-events.js';
import { DEFAULT_NEW_ASSIGNMENTS, type StaffNotificationKind } from '../../domain/notifications.js';
import type { IsoDate } from '../../domain/working-days.js';
import type { DB } from '../../db/schema.js';

// What mail to caseworkers needs, read when it is sent, and the record that it was sent
// (staff_notifications_sent, written here only). Preferences are read with the default
// for those who never chose, so a user without a row gets what the API says they have.

/** One assignment as a message to its caseworker shows it. */
export interface StaffMailLine {
  userId: string;
  email: string;
  caseId: string;
  reference: string;
  department: string;
  departmentName: { da: string; en: string };
  role: 'lead' | 'involved';
  answerBy: string;
}

export interface AssignmentEventContext {
  eventId: string;
  caseId: string;
  actorId: string | null;
  event: CaseEvent;
}

export async function findAssignmentEvent(db: Kysely<DB>, eventId: string): Promise<AssignmentEventContext | null> {
  const row = await db
    .selectFrom('case_events')
    .select([sql<string>`id::text`.as('eventId'), 'case_id', 'actor_id', 'type', 'data'])
    .where('id', '=', eventId)
    .executeTakeFirst();
  if (!row) return null;
  return { eventId: row.eventId, caseId: row.case_id, actorId: row.actor_id, event: { type: row.type, data: row.data ?? {} } as CaseEvent };
}

/** The key of a sent-record for one user: a new assignment, or a day's digest or reminder. */
export const staffMailKey = {
  newAssignment: (eventId: string, department: string) => `assignment:${eventId}:${department}`,
  digest: (day: IsoDate) => `digest:${day}`,
  overdue: (day: IsoDate) => `overdue:${day}`,
};

const preference = sql<string>`coalesce(p.new_assignments, ${DEFAULT_NEW_ASSIGNMENTS})`;

function notRecorded(key: RawBuilder<string>): RawBuilder<boolean> {
  return sql<boolean>`NOT EXISTS (SELECT 1 FROM staff_notifications_sent s WHERE s.user_id = u.id AND s.key = ${key})`;
}

/**
 * Who is to hear at once of the assignments an event gave these departments: the active
 * caseworkers of each who chose `immediately`, not yet told, and not the one who made the
 * change. Only while the department still has the work open.
 */
export async function findNewAssignmentRecipients(
  db: Kysely<DB>,
  { eventId, caseId, departments, actorId }: { eventId: string; caseId: string; departments: string[]; actorId: string | null },
): Promise<StaffMailLine[]> {
  const { rows } = await sql<StaffMailLine & { nameDa: string; nameEn: string }>`
    SELECT u.id AS "userId", u.email, c.id AS "caseId", c.reference, a.department_code AS department,
           d.name_da AS "nameDa", d.name_en AS "nameEn", a.role, a.due_date::text AS "answerBy"
    FROM assignments a
    JOIN cases c ON c.id = a.case_id
    JOIN departments d ON d.code = a.department_code
    JOIN user_departments ud ON ud.department_code = a.department_code
    JOIN users u ON u.id = ud.user_id AND u.active AND u.role = 'caseworker'
    LEFT JOIN notification_preferences p ON p.user_id = u.id
    WHERE a.case_id = ${caseId}
      AND a.department_code = ANY(${departments}::text[])
      AND a.status IN ('queued', 'in_progress', 'waiting')
      AND ${preference} = 'immediately'
      AND u.id IS DISTINCT FROM ${actorId}::uuid
      AND ${notRecorded(sql<string>`'assignment:' || ${eventId}::text || ':' || a.department_code`)}
    ORDER BY a.department_code, u.id`.execute(db);
  return rows.map(({ nameDa, nameEn, ...line }) => ({ ...line, departmentName: { da: nameDa, en: nameEn } }));
}

/**
 * The digest of a day: for each active caseworker who chose `daily` and has not had that
 * day's, the assignments that arrived in their departments in the span and still wait in
 * the queue. A caseworker with none is not in the answer.
 */
export async function findDigestLines(db: Kysely<DB>, { day, from, to }: { day: IsoDate; from: Date; to: Date }): Promise<StaffMailLine[]> {
  const { rows } = await sql<StaffMailLine & { nameDa: string; nameEn: string }>`
    SELECT u.id AS "userId", u.email, c.id AS "caseId", c.reference, a.department_code AS department,
           d.name_da AS "nameDa", d.name_en AS "nameEn", a.role, a.due_date::text AS "answerBy"
    FROM users u
    LEFT JOIN notification_preferences p ON p.user_id = u.id
    JOIN user_departments ud ON ud.user_id = u.id
    JOIN assignments a ON a.department_code = ud.department_code
    JOIN cases c ON c.id = a.case_id
    JOIN departments d ON d.code = a.department_code
    WHERE u.active AND u.role = 'caseworker'
      AND ${preference} = 'daily'
      AND a.status = 'queued'
      AND a.created_at >= ${from} AND a.created_at < ${to}
      AND ${notRecorded(sql<string>`${staffMailKey.digest(day)}::text`)}
    ORDER BY u.id, a.due_date, c.reference, a.department_code`.execute(db);
  return rows.map(({ nameDa, nameEn, ...line }) => ({ ...line, departmentName: { da: nameDa, en: nameEn } }));
}

/** Each active user's own open assignments whose answer date is before the day, for those not yet reminded that day. */
export async function findOverdueLines(db: Kysely<DB>, day: IsoDate): Promise<StaffMailLine[]> {
  const { rows } = await sql<StaffMailLine & { nameDa: string; nameEn: string }>`
    SELECT u.id AS "userId", u.email, c.id AS "caseId", c.reference, a.department_code AS department,
           d.name_da AS "nameDa", d.name_en AS "nameEn", a.role, a.due_date::text AS "answerBy"
    FROM assignments a
    JOIN users u ON u.id = a.assignee_id AND u.active
    JOIN cases c ON c.id = a.case_id
    JOIN departments d ON d.code = a.department_code
    WHERE a.status IN ('in_progress', 'waiting')
      AND a.due_date < ${day}::date
      AND ${notRecorded(sql<string>`${staffMailKey.overdue(day)}::text`)}
    ORDER BY u.id, a.due_date, c.reference, a.department_code`.execute(db);
  return rows.map(({ nameDa, nameEn, ...line }) => ({ ...line, departmentName: { da: nameDa, en: nameEn } }));
}

export interface StaffSentRecord {
  userId: string;
  key: string;
  kind: StaffNotificationKind;
  caseId: string | null;
  outcome: 'sent' | 'failed';
  smtpCode: number | null;
  error: string | null;
}

/** Records the outcome; false when another run recorded it first (its record stands). */
export async function insertStaffSentRecord(trx: Transaction<DB>, record: StaffSentRecord): Promise<boolean> {
  const inserted = await trx
    .insertInto('staff_notifications_sent')
    .values({
      user_id: record.userId,
      key: record.key,
      kind: record.kind,
      case_id: record.caseId,
      outcome: record.outcome,
      smtp_code: record.smtpCode,
      error: record.error,
    })
    .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  return inserted !== undefined;
}
