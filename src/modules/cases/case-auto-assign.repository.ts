import { type Kysely, sql, type Transaction } from 'kysely';
import { CaseEventType } from '../../domain/case-events.js';
import type { DB } from '../../db/schema.js';
import { chosenCaseworkersSql, takeTurnsSql } from '../assignment/assignment-choice.repository.js';
import { type AppendedRow, appendedFromJson } from './events.repository.js';

/**
 * Gives a new case's queued assignments in departments that hand out work to the
 * caseworkers their policies choose, in one statement: the choice, the assignees, the used
 * turns and the `assigned` events. The intake's statement locked those departments'
 * policies (see `insertCase`); this later statement sees everything committed by whoever
 * held them before. A department where nobody is eligible keeps its assignment queued.
 */
export async function assignOpenedCase(trx: Transaction<DB>, caseId: string, departments: readonly string[], now: Date): Promise<AppendedRow[]> {
  const { rows } = await sql<{ appended: Parameters<typeof appendedFromJson>[0] }>`
    WITH chosen AS (${chosenCaseworkersSql(departments, null, now)}
    ), turn AS (${takeTurnsSql()}
    ), given AS (
      UPDATE assignments a SET assignee_id = chosen.assignee_id, updated_at = ${now}
      FROM chosen
      WHERE a.case_id = ${caseId} AND a.department_code = chosen.department AND a.status = 'queued' AND a.assignee_id IS NULL
      RETURNING a.id, a.case_id, a.department_code, chosen.assignee_id, chosen.cover_for, chosen.open_before, chosen.mode, chosen.revision
    ), appended AS (
      INSERT INTO case_events (case_id, type, actor_id, actor_role, department, data)
      SELECT case_id, ${CaseEventType.assigned}, NULL, 'system', department_code,
             jsonb_build_object('assignmentId', id, 'assigneeId', assignee_id, 'trigger', 'intake',
                                'reason', jsonb_strip_nulls(jsonb_build_object('policy', revision, 'mode', mode,
                                                                               'openBefore', open_before, 'coverFor', cover_for)))
      FROM given ORDER BY department_code
      RETURNING id, case_id, type, department, data, created_at
    )
    SELECT coalesce(json_agg(json_build_object('id', a.id::text, 'case_id', a.case_id, 'type', a.type, 'department', a.department,
                                               'data', a.data, 'created_at', a.created_at) ORDER BY a.id), '[]') AS appended
    FROM appended a`.execute(trx);
  return appendedFromJson(rows[0]?.appended ?? []);
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
