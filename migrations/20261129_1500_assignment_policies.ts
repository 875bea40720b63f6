import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import from src/.
//
// Automatic assignment. A department without a row here pulls (caseworkers claim from the
// queue), which is what every department did before. The policy row is also the lock that
// serialises the department's automatic assignments across processes: whoever assigns
// holds it FOR UPDATE until commit, so the turn order below is read and moved by one
// transaction at a time.
//
// The round-robin order is a turn number per caseworker and department, drawn from a
// sequence when the caseworker's turn is used; the smallest (or none yet) goes next.
//
// Availability is one row per user who said anything; no row means available.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE assignment_policies (
      department_code          text PRIMARY KEY REFERENCES departments (code),
      mode                     text NOT NULL CHECK (mode IN ('pull', 'round-robin', 'least-loaded')),
      max_open_per_caseworker  integer CHECK (max_open_per_caseworker >= 1),
      no_answer_hours          double precision CHECK (no_answer_hours >= 1),
      revision                 integer NOT NULL DEFAULT 1,
      updated_by               uuid REFERENCES users (id),
      updated_at               timestamptz NOT NULL DEFAULT now()
    );

    CREATE SEQUENCE assignment_turn_seq;
    CREATE TABLE assignment_turns (
      department_code  text NOT NULL REFERENCES departments (code),
      user_id          uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      last_turn        bigint NOT NULL,
      PRIMARY KEY (department_code, user_id)
    );

    CREATE TABLE user_availability (
      user_id        uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
      available      boolean NOT NULL,
      until          timestamptz,
      cover_user_id  uuid REFERENCES users (id) ON DELETE SET NULL,
      updated_by     uuid REFERENCES users (id),
      updated_at     timestamptz NOT NULL DEFAULT now(),
      CHECK (cover_user_id IS DISTINCT FROM user_id)
    );

    -- A caseworker's open assignments in a department: the load the choice counts for
    -- every candidate, which must not read through the department's whole queue.
    CREATE INDEX assignments_open_load_idx ON assignments (department_code, assignee_id)
      WHERE assignee_id IS NOT NULL AND status IN ('queued', 'in_progress', 'waiting');
    -- Assignments given to someone who has not started them yet: what the no-answer
    -- timeout looks through.
    CREATE INDEX assignments_offered_idx ON assignments (department_code, updated_at) WHERE status = 'queued' AND assignee_id IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX assignments_offered_idx;
    DROP INDEX assignments_open_load_idx;
    DROP TABLE user_availability;
    DROP TABLE assignment_turns;
    DROP SEQUENCE assignment_turn_seq;
    DROP TABLE assignment_policies;
  `.execute(db);
}
