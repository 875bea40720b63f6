import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { AssignmentMode } from '../../domain/assignment-policy.js';
import type { DB } from '../../db/schema.js';

// The choice of the next caseworker, as SQL that the cases module runs inside the
// transaction that creates the work (src/domain/assignment-policy.ts is the same choice in
// TypeScript, the model it is tested against).
//
// Locking: the department's policy row is the lock. It is taken FOR UPDATE after the case
// row (the cases module's lock), always in department order when there are several, and
// held to commit. The choice is made by a later statement than the one that took the
// lock, so under READ COMMITTED it sees every assignment and turn committed by whoever
// held the lock before: two processes never choose from the same state.

/** A department whose policy hands out work, as its locked row says. */
export interface AutoPolicy {
  department: string;
  mode: Exclude<AssignmentMode, 'pull'>;
  revision: number;
}

/**
 * The statement (or CTE) that locks the policies among `departments` that hand out work,
 * in department order, and returns them as `AutoPolicy` rows. A pulling department has no
 * row to lock: its intake stays as cheap as before.
 */
export function lockAutoPoliciesSql(departments: readonly string[]): RawBuilder<AutoPolicy> {
  return sql<AutoPolicy>`
    SELECT department_code AS department, mode, revision FROM assignment_policies
    WHERE department_code = ANY(${[...departments]}::text[]) AND mode <> 'pull'
    ORDER BY department_code
    FOR UPDATE`;
}

/**
 * The departments among `departments` whose policy hands out work, without a lock: what
 * the intake's statement reads to know whether to assign at all (the assignment itself
 * locks, see `assign_opened_case`).
 */
export function autoDepartmentsSql(departments: readonly string[]): RawBuilder<{ department: string }> {
  return sql<{ department: string }>`
    SELECT department_code AS department FROM assignment_policies
    WHERE department_code = ANY(${[...departments]}::text[]) AND mode <> 'pull'`;
}

/** Locks the department's policy when it hands out work; null when it pulls. */
export async function lockAutoPolicy(trx: Transaction<DB>, department: string): Promise<AutoPolicy | null> {
  const { rows } = await lockAutoPoliciesSql([department]).execute(trx);
  return rows[0] ?? null;
}

/** Who receives a department's next assignment, with whose turn it was and why. */
export interface ChosenCaseworker {
  department: string;
  assigneeId: string;
  slotUserId: string;
  coverFor: string | null;
  openBefore: number;
  mode: Exclude<AssignmentMode, 'pull'>;
  revision: number;
}

// Available: no setting, an available one, or an absence whose `until` has passed.
const available = (alias: string, now: Date) =>
  sql`(${sql.ref(`${alias}.user_id`)} IS NULL OR ${sql.ref(`${alias}.available`)} OR ${sql.ref(`${alias}.until`)} <= ${now})`;

/**
 * A query with one row per department among `departments` whose policy hands out work and
 * that has an eligible caseworker: the one the policy chooses (columns as
 * `ChosenCaseworker`, snake_case). Run it only under the departments' policy locks.
 */
export function chosenCaseworkersSql(departments: readonly string[], exclude: string | null, now: Date): RawBuilder<unknown> {
  return sql`
    SELECT DISTINCT ON (s.department)
           s.department, s.receiver AS assignee_id, s.slot_user AS slot_user_id, s.cover_for,
           load.open AS open_before, p.mode, p.revision
    FROM (
      SELECT ud.department_code AS department, u.id AS slot_user, t.last_turn,
             CASE WHEN ${available('av', now)} THEN u.id ELSE cover.id END AS receiver,
             CASE WHEN ${available('av', now)} THEN NULL ELSE u.id END AS cover_for
      FROM user_departments ud
      JOIN users u ON u.id = ud.user_id AND u.active AND u.role = 'caseworker'
      LEFT JOIN user_availability av ON av.user_id = u.id
      LEFT JOIN assignment_turns t ON t.department_code = ud.department_code AND t.user_id = u.id
      -- The cover receives only as an active, available caseworker of the same department.
      LEFT JOIN LATERAL (
        SELECT c.id FROM users c
        JOIN user_departments cd ON cd.user_id = c.id AND cd.department_code = ud.department_code
        LEFT JOIN user_availability cav ON cav.user_id = c.id
        WHERE c.id = av.cover_user_id AND c.active AND c.role = 'caseworker' AND ${available('cav', now)}
      ) cover ON true
      WHERE ud.department_code = ANY(${[...departments]}::text[])
    ) s
    JOIN assignment_policies p ON p.department_code = s.department AND p.mode <> 'pull'
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS open FROM assignments a
      WHERE a.department_code = s.department AND a.assignee_id = s.receiver AND a.status IN ('queued', 'in_progress', 'waiting')
    ) load
    WHERE s.receiver IS NOT NULL
      AND s.receiver IS DISTINCT FROM ${exclude}::uuid
      AND (p.max_open_per_caseworker IS NULL OR load.open < p.max_open_per_caseworker)
    ORDER BY s.department,
             CASE WHEN p.mode = 'least-loaded' THEN load.open ELSE 0 END,
             s.last_turn NULLS FIRST,
             s.slot_user`;
}

/**
 * The statement (or CTE) that uses the turn of each chosen caseworker's slot: it reads the
 * CTE `chosen` (rows of `chosenCaseworkersSql`). The turn numbers come from one sequence,
 * so the order holds across departments and processes.
 */
export function takeTurnsSql(): RawBuilder<unknown> {
  return sql`
    INSERT INTO assignment_turns (department_code, user_id, last_turn)
    SELECT department, slot_user_id, nextval('assignment_turn_seq') FROM chosen ORDER BY department
    ON CONFLICT (department_code, user_id) DO UPDATE SET last_turn = excluded.last_turn`;
}

interface ChosenRow {
  department: string;
  assignee_id: string;
  slot_user_id: string;
  cover_for: string | null;
  open_before: number;
  mode: Exclude<AssignmentMode, 'pull'>;
  revision: number;
}

export function chosenFromRow(row: ChosenRow): ChosenCaseworker {
  return {
    department: row.department,
    assigneeId: row.assignee_id,
    slotUserId: row.slot_user_id,
    coverFor: row.cover_for,
    openBefore: row.open_before,
    mode: row.mode,
    revision: row.revision,
  };
}

/**
 * Chooses the department's next caseworker and uses their turn, in one statement; null
 * when nobody is eligible. The caller holds the department's policy lock (`lockAutoPolicy`).
 */
export async function chooseCaseworker(trx: Transaction<DB>, department: string, exclude: string | null, now: Date): Promise<ChosenCaseworker | null> {
  const { rows } = await sql<ChosenRow>`
    WITH chosen AS (${chosenCaseworkersSql([department], exclude, now)}), turn AS (${takeTurnsSql()})
    SELECT * FROM chosen`.execute(trx);
  const row = rows[0];
  return row ? chosenFromRow(row) : null;
}

/** The departments whose policy hands out work. */
export async function findAutoDepartments(db: Kysely<DB>): Promise<string[]> {
  const rows = await db.selectFrom('assignment_policies').select('department_code').where('mode', '<>', 'pull').orderBy('department_code').execute();
  return rows.map((row) => row.department_code);
}
