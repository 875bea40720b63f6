import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import from src/.
//
// The automatic assignment of a new case's queued assignments, as one function the intake
// calls once. It locks the policies of the case's departments that hand out work and only
// then chooses: each statement of a PL/pgSQL function takes a fresh snapshot under READ
// COMMITTED, so the choice sees everything committed by whoever held the lock before, and
// the lock is taken in the same round trip that uses it. Intakes into one department wait
// for each other only from here to their commit.
//
// The choice is the one of src/domain/assignment-policy.ts (and of
// chosenCaseworkersSql in src/modules/assignment/assignment-choice.repository.ts, which
// the other paths run): change them together.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION assign_opened_case(p_case uuid, p_departments text[], p_now timestamptz)
    RETURNS TABLE (event_id bigint, event_case_id uuid, event_type text, event_department text, event_data jsonb, event_created_at timestamptz)
    LANGUAGE plpgsql VOLATILE AS $fn$
    BEGIN
      PERFORM 1 FROM assignment_policies
      WHERE department_code = ANY(p_departments) AND mode <> 'pull'
      ORDER BY department_code
      FOR UPDATE;

      RETURN QUERY
      WITH chosen AS (
        SELECT DISTINCT ON (s.department)
               s.department, s.receiver AS assignee_id, s.slot_user AS slot_user_id, s.cover_for,
               load.open AS open_before, p.mode, p.revision
        FROM (
          SELECT ud.department_code AS department, u.id AS slot_user, t.last_turn,
                 CASE WHEN (av.user_id IS NULL OR av.available OR av.until <= p_now) THEN u.id ELSE cover.id END AS receiver,
                 CASE WHEN (av.user_id IS NULL OR av.available OR av.until <= p_now) THEN NULL ELSE u.id END AS cover_for
          FROM user_departments ud
          JOIN users u ON u.id = ud.user_id AND u.active AND u.role = 'caseworker'
          LEFT JOIN user_availability av ON av.user_id = u.id
          LEFT JOIN assignment_turns t ON t.department_code = ud.department_code AND t.user_id = u.id
          LEFT JOIN LATERAL (
            SELECT c.id FROM users c
            JOIN user_departments cd ON cd.user_id = c.id AND cd.department_code = ud.department_code
            LEFT JOIN user_availability cav ON cav.user_id = c.id
            WHERE c.id = av.cover_user_id AND c.active AND c.role = 'caseworker'
              AND (cav.user_id IS NULL OR cav.available OR cav.until <= p_now)
          ) cover ON true
          WHERE ud.department_code = ANY(p_departments)
        ) s
        JOIN assignment_policies p ON p.department_code = s.department AND p.mode <> 'pull'
        CROSS JOIN LATERAL (
          SELECT count(*)::int AS open FROM assignments a
          WHERE a.department_code = s.department AND a.assignee_id = s.receiver AND a.status IN ('queued', 'in_progress', 'waiting')
        ) load
        WHERE s.receiver IS NOT NULL
          AND (p.max_open_per_caseworker IS NULL OR load.open < p.max_open_per_caseworker)
        ORDER BY s.department,
                 CASE WHEN p.mode = 'least-loaded' THEN load.open ELSE 0 END,
                 s.last_turn NULLS FIRST,
                 s.slot_user
      ), turn AS (
        INSERT INTO assignment_turns (department_code, user_id, last_turn)
        SELECT chosen.department, chosen.slot_user_id, nextval('assignment_turn_seq') FROM chosen ORDER BY chosen.department
        ON CONFLICT (department_code, user_id) DO UPDATE SET last_turn = excluded.last_turn
      ), given AS (
        UPDATE assignments a SET assignee_id = chosen.assignee_id, updated_at = p_now
        FROM chosen
        WHERE a.case_id = p_case AND a.department_code = chosen.department AND a.status = 'queued' AND a.assignee_id IS NULL
        RETURNING a.id, a.case_id, a.department_code, chosen.assignee_id, chosen.cover_for, chosen.open_before, chosen.mode, chosen.revision
      ), appended AS (
        INSERT INTO case_events (case_id, type, actor_id, actor_role, department, data)
        SELECT given.case_id, 'assigned', NULL, 'system', given.department_code,
               jsonb_build_object('assignmentId', given.id, 'assigneeId', given.assignee_id, 'trigger', 'intake',
                                  'reason', jsonb_strip_nulls(jsonb_build_object('policy', given.revision, 'mode', given.mode,
                                                                                 'openBefore', given.open_before, 'coverFor', given.cover_for)))
        FROM given ORDER BY given.department_code
        RETURNING case_events.id, case_events.case_id, case_events.type, case_events.department, case_events.data, case_events.created_at
      )
      SELECT * FROM appended ORDER BY 1;
    END
    $fn$;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP FUNCTION assign_opened_case(uuid, text[], timestamptz)`.execute(db);
}
