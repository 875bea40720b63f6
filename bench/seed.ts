import { type Kysely, sql } from 'kysely';
import type { DB } from '../src/db/schema.js';
import { createUser, issueToken } from '../src/modules/users/users.service.js';

// Bulk data for the casework benchmarks: cases written straight into the tables with
// generate_series (thousands of rows a second), shaped like the service's own: an inquiry,
// its case and the lead department's assignment.

const CHUNK = 50_000;

export interface SeedOptions {
  count: number;
  /** The lead departments, in turn. */
  departments: readonly string[];
  /** `queued`: open cases waiting in the departments' queues; `done`: resolved and closed. */
  state: 'queued' | 'done';
}

/** Inserts `count` cases in chunks (each one statement), then refreshes the planner's statistics. */
export async function seedCases(db: Kysely<DB>, { count, departments, state }: SeedOptions): Promise<void> {
  const { version } = await db.selectFrom('routing_tables').select('version').where('status', '=', 'published').executeTakeFirstOrThrow();
  const caseStatus = state === 'queued' ? 'received' : 'resolved';
  for (let from = 1; from <= count; from += CHUNK) {
    const to = Math.min(count, from + CHUNK - 1);
    await sql`
      WITH src AS (
        SELECT g, gen_random_uuid() AS inquiry_id, gen_random_uuid() AS case_id,
               (${sql.val([...departments])}::text[])[1 + g % ${departments.length}] AS department,
               nextval('case_reference_seq') AS seq,
               current_date + (g % 400) - 200 AS due,
               now() - make_interval(secs => g) AS created
        FROM generate_series(${from}::int, ${to}::int) AS g
      ), new_inquiries AS (
        INSERT INTO inquiries (id, received_at, channel, cvr, enterprise_name, contact_name, contact_email, topics, subject, description, language, consent)
        SELECT inquiry_id, created, 'web', lpad((g % 100000000)::text, 8, '0'), 'Bench Enterprise ' || g, 'Bench Contact',
               'bench' || g || '@example.dk', '{hiring}', 'Benchmark inquiry ' || g, 'Seeded for a benchmark.', 'da', true
        FROM src
      ), new_cases AS (
        INSERT INTO cases (id, inquiry_id, reference, status, lead_department, routing_version, matched_rule_ids, tracking_token_hash, due_date, created_at, updated_at, closed_at)
        SELECT case_id, inquiry_id, 'KOL-2026-' || lpad(seq::text, greatest(6, length(seq::text)), '0'), ${caseStatus}, department, ${version}, '{}',
               sha256(case_id::text::bytea), due, created, created, ${state === 'done' ? sql`created + interval '1 day'` : sql`NULL`}
        FROM src
      )
      INSERT INTO assignments (case_id, department_code, role, status, due_date, queued_at, created_at, updated_at)
      SELECT case_id, department, 'lead', ${state}, due, created, created, created FROM src
    `.execute(db);
  }
  // Vacuumed as well, so that the first reads do not pay for setting hint bits on fresh rows.
  await sql`VACUUM (ANALYZE) inquiries, cases, assignments`.execute(db);
}

/** Inserts departments beyond the catalogue's four (codes bench-dept-1 …), returning all active codes. */
export async function addDepartments(db: Kysely<DB>, total: number): Promise<string[]> {
  const existing = (await db.selectFrom('departments').select('code').where('active', '=', true).orderBy('code').execute()).map((d) => d.code);
  const extra = Array.from({ length: Math.max(0, total - existing.length) }, (_, i) => `bench-dept-${i + 1}`);
  if (extra.length) {
    await db.insertInto('departments').values(extra.map((code) => ({ code, name_da: code, name_en: code }))).execute();
  }
  return [...existing, ...extra];
}

/** Users with a token each, created through the service the admin API uses; returns their `Authorization` values. */
export async function createPeople(db: Kysely<DB>, role: 'caseworker' | 'coordinator' | 'admin', departments: string[], count: number): Promise<string[]> {
  const auth: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const user = await createUser(db, { name: `Bench ${role} ${i + 1}`, email: `bench.${role}.${i + 1}@kommune.example`, role, departments });
    auth.push(`Bearer ${(await issueToken(db, user.id, { name: 'bench' })).token}`);
  }
  return auth;
}
