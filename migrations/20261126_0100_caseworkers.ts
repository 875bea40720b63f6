import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import from src/.
//
// Caseworkers at work: notes, the access log, the case's next deadline (kept beside its
// derived status so queue listings can walk an index in due-date order), and the indexes
// behind queue listings and keyset pagination.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The earliest due date among the case's open assignments (the lead's once none is
    -- open). Derived from the assignments, written in the same transaction as they change.
    ALTER TABLE cases ADD COLUMN due_date date;
    UPDATE cases c SET due_date = coalesce(
      (SELECT min(a.due_date) FROM assignments a
        WHERE a.case_id = c.id AND a.status IN ('queued', 'in_progress', 'waiting')),
      (SELECT a.due_date FROM assignments a
        WHERE a.case_id = c.id AND a.role = 'lead' AND a.status <> 'transferred'),
      c.created_at::date);
    ALTER TABLE cases ALTER COLUMN due_date SET NOT NULL;

    -- Keyset order of case listings: due date, then age.
    CREATE INDEX cases_due_idx ON cases (due_date, created_at, id);
    -- Listing filters that look for one matching assignment per case.
    CREATE INDEX assignments_department_status_idx ON assignments (department_code, status, case_id);
    CREATE INDEX assignments_assignee_idx ON assignments (assignee_id, status) WHERE assignee_id IS NOT NULL;
    -- What an integrator submitted.
    CREATE INDEX inquiries_submitted_by_idx ON inquiries (submitted_by) WHERE submitted_by IS NOT NULL;

    CREATE TABLE case_notes (
      id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id      uuid NOT NULL REFERENCES cases (id),
      author_id    uuid NOT NULL REFERENCES users (id),
      author_role  text NOT NULL,
      -- The author's department on the case; who may read a 'department' note.
      department   text REFERENCES departments (code),
      visibility   text NOT NULL CHECK (visibility IN ('department', 'case', 'enterprise')),
      body         text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
      created_at   timestamptz NOT NULL DEFAULT now(),
      CHECK (visibility <> 'department' OR department IS NOT NULL)
    );
    CREATE INDEX case_notes_case_idx ON case_notes (case_id, created_at, id);

    -- Who opened which case, when: public administrations must be able to show who
    -- accessed personal data. Not part of the case's history, which records changes.
    CREATE TABLE case_reads (
      id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      case_id     uuid NOT NULL REFERENCES cases (id),
      user_id     uuid NOT NULL REFERENCES users (id),
      token_id    uuid REFERENCES api_tokens (id) ON DELETE SET NULL,
      role        text NOT NULL,
      action      text NOT NULL,
      request_id  text,
      read_at     timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX case_reads_case_idx ON case_reads (case_id, id);
    CREATE INDEX case_reads_user_idx ON case_reads (user_id, id);

    -- Notes, history and the access log are written once: a correction is a new row.
    CREATE FUNCTION refuse_append_only_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% rows are never changed; add a new one instead', TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
    END;
    $$;
    CREATE TRIGGER case_notes_append_only BEFORE UPDATE ON case_notes FOR EACH ROW EXECUTE FUNCTION refuse_append_only_update();
    CREATE TRIGGER case_events_append_only BEFORE UPDATE ON case_events FOR EACH ROW EXECUTE FUNCTION refuse_append_only_update();
    CREATE TRIGGER case_reads_append_only BEFORE UPDATE ON case_reads FOR EACH ROW EXECUTE FUNCTION refuse_append_only_update();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE case_reads;
    DROP TABLE case_notes;
    DROP TRIGGER case_events_append_only ON case_events;
    DROP FUNCTION refuse_append_only_update();
    DROP INDEX inquiries_submitted_by_idx;
    DROP INDEX assignments_assignee_idx;
    DROP INDEX assignments_department_status_idx;
    DROP INDEX cases_due_idx;
    ALTER TABLE cases DROP COLUMN due_date;
  `.execute(db);
}
