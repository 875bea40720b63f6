import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { type AppendedRow, appendedFromJson } from './events.repository.js';

/**
 * Gives a new case's queued assignments in departments that hand out work to the
 * caseworkers their policies choose, in one round trip: the database function
 * `assign_opened_case` (migrations/20261129_1510) locks those departments' policies and
 * then chooses, assigns, uses the turns and appends the `assigned` events, each statement
 * seeing everything committed by whoever held the locks before. Taking the lock here
 * rather than in the intake's statement keeps intakes into one department waiting for
 * each other only from here to their commit. A department where nobody is eligible keeps
 * its assignment queued.
 */
export async function assignOpenedCase(trx: Transaction<DB>, caseId: string, departments: readonly string[], now: Date): Promise<AppendedRow[]> {
  const { rows } = await sql<{ event_id: string; event_case_id: string; event_type: string; event_department: string | null; event_data: unknown; event_created_at: Date }>`
    SELECT event_id::text, event_case_id, event_type, event_department, event_data, event_created_at
    FROM assign_opened_case(${caseId}::uuid, ${[...departments]}::text[], ${now}::timestamptz)`.execute(trx);
  return appendedFromJson(
    rows.map((r) => ({ id: r.event_id, case_id: r.event_case_id, type: r.event_type, department: r.event_department, data: r.event_data, created_at: r.event_created_at })),
  );
}

/** An assignment handed to someone who has not started it. */
export interface UnansweredAssignment {
  assignmentId: string;
  caseId: string;
  department: string;
  assigneeId: string;
  updatedAt: Date;
}

/**
 * Assignments handed to a caseworker and not started within their department's
 * `noAnswerHours` (counted from when they were given, `updated_at`), and those whose
 * caseworker has since been deactivated or left the department, whatever the timeout;
 * oldest first.
 */
export async function findUnanswered(db: Kysely<DB>, now: Date, limit: number): Promise<UnansweredAssignment[]> {
  const { rows } = await sql<UnansweredAssignment>`
    SELECT a.id AS "assignmentId", a.case_id AS "caseId", a.department_code AS department, a.assignee_id AS "assigneeId", a.updated_at AS "updatedAt"
    FROM assignment_policies p
    JOIN assignments a ON a.department_code = p.department_code AND a.status = 'queued' AND a.assignee_id IS NOT NULL
    WHERE p.mode <> 'pull'
      AND ((p.no_answer_hours IS NOT NULL AND a.updated_at <= ${now}::timestamptz - make_interval(secs => p.no_answer_hours * 3600))
           OR NOT EXISTS (SELECT 1 FROM users u JOIN user_departments ud ON ud.user_id = u.id AND ud.department_code = a.department_code
                          WHERE u.id = a.assignee_id AND u.active AND u.role = 'caseworker'))
    ORDER BY a.updated_at, a.id
    LIMIT ${limit}`.execute(db);
  return rows;
}
