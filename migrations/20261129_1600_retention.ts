import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import from src/.
//
// Retention and erasure. The schedule is data, one row per version (who set it, when);
// each run of the nightly job is a row with its counts and errors. A case remembers when
// its personal data was erased and whether it is under legal hold (which no retention
// action passes). Erasure rewrites note texts and event payloads, which are otherwise
// written once: the append-only guard lets an update through only inside a transaction
// that has declared itself an erasure (SET LOCAL app.erasing_personal_data = 'on').

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE retention_schedules (
      version                       integer PRIMARY KEY CHECK (version > 0),
      -- Null: never.
      anonymise_contact_after_days  integer CHECK (anonymise_contact_after_days BETWEEN 0 AND 10958),
      delete_case_after_days        integer CHECK (delete_case_after_days BETWEEN 0 AND 10958),
      created_at                    timestamptz NOT NULL DEFAULT now(),
      created_by                    uuid REFERENCES users (id),
      CHECK (anonymise_contact_after_days IS NULL OR delete_case_after_days IS NULL
             OR anonymise_contact_after_days <= delete_case_after_days)
    );

    CREATE TABLE retention_runs (
      id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      schedule_version  integer REFERENCES retention_schedules (version),
      trigger           text NOT NULL CHECK (trigger IN ('schedule', 'manual')),
      -- stopped: asked to stop between batches (a worker shutting down); a run whose process
      -- died stays running. Either way the next run goes on from where it ended.
      status            text NOT NULL CHECK (status IN ('running', 'finished', 'stopped', 'failed')),
      started_at        timestamptz NOT NULL DEFAULT now(),
      finished_at       timestamptz,
      anonymised        integer NOT NULL DEFAULT 0,
      deleted           integer NOT NULL DEFAULT 0,
      failed            integer NOT NULL DEFAULT 0,
      errors            jsonb NOT NULL DEFAULT '[]'::jsonb
    );
    CREATE INDEX retention_runs_started_idx ON retention_runs (started_at DESC);

    -- Adding nullable columns without defaults rewrites nothing and holds the table's lock for a moment only.
    ALTER TABLE cases
      ADD COLUMN personal_data_erased_at  timestamptz,
      ADD COLUMN legal_hold_reason        text,
      ADD COLUMN legal_hold_since         timestamptz,
      ADD COLUMN legal_hold_by            uuid REFERENCES users (id);

    -- What the nightly job looks for: resolved cases not held, oldest resolution first;
    -- the first also only those whose contact is still there, so that a night does not
    -- walk past the years of cases anonymised before. A run walks them in (closed_at, id)
    -- order, each batch seeking past the last, so that it does not step over the index
    -- entries of the cases it changed itself earlier in the night.
    CREATE INDEX cases_anonymise_due_idx ON cases (closed_at, id)
      WHERE closed_at IS NOT NULL AND legal_hold_reason IS NULL AND personal_data_erased_at IS NULL;
    CREATE INDEX cases_delete_due_idx ON cases (closed_at, id)
      WHERE closed_at IS NOT NULL AND legal_hold_reason IS NULL;

    CREATE OR REPLACE FUNCTION refuse_append_only_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF current_setting('app.erasing_personal_data', true) = 'on' THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION '% rows are never changed; add a new one instead', TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
    END;
    $$;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION refuse_append_only_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% rows are never changed; add a new one instead', TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
    END;
    $$;
    DROP INDEX cases_delete_due_idx;
    DROP INDEX cases_anonymise_due_idx;
    ALTER TABLE cases
      DROP COLUMN legal_hold_by,
      DROP COLUMN legal_hold_since,
      DROP COLUMN legal_hold_reason,
      DROP COLUMN personal_data_erased_at;
    DROP TABLE retention_runs;
    DROP TABLE retention_schedules;
  `.execute(db);
}
