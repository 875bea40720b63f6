import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import from src/.
//
// The statistics snapshot. A refresh (nightly, or on an admin's request) reads the case
// tables once and writes one row of facts per case; every statistics request is answered
// from these facts, never from the case tables. Facts per case rather than sums per day,
// because medians and percentiles cannot be added up from parts. The facts hold dates,
// counts, department and topic codes and the routing rule's id: no free text, no names,
// no CVR numbers, no references. No foreign key to cases: a case deleted by the retention
// schedule leaves its facts until the next refresh, and the refresh must not wait on it.
//
// The public figures (per month and public topic, small counts suppressed) are worked out
// by the refresh and kept as one document, so a public request reads one row.
//
// `topics.public` says which topics the public transparency figures show.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE topics ADD COLUMN public boolean NOT NULL DEFAULT false;

    CREATE TABLE statistics_case_facts (
      case_id               uuid PRIMARY KEY,
      received_on           date NOT NULL,
      expected_response_by  date NOT NULL,
      lead_department       text NOT NULL,
      topics                text[] NOT NULL,
      pick_up_days          integer,
      first_answered_on     date,
      first_answer_days     integer,
      resolved_on           date,
      resolution_days       integer,
      within_target         boolean,
      departments           integer NOT NULL,
      transfers             integer NOT NULL,
      involvements          integer NOT NULL,
      routed_lead           text,
      lead_rule_id          text,
      lead_rule_name        text,
      routing_version       integer,
      transferred_away_to   text
    );
    CREATE INDEX statistics_case_facts_received_idx ON statistics_case_facts (received_on);
    CREATE INDEX statistics_case_facts_resolved_idx ON statistics_case_facts (resolved_on);

    -- One row: the last refresh.
    CREATE TABLE statistics_snapshot (
      id              smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
      generated_at    timestamptz NOT NULL,
      cases           integer NOT NULL,
      duration_ms     integer NOT NULL,
      public_figures  jsonb NOT NULL
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE statistics_snapshot;
    DROP TABLE statistics_case_facts;
    ALTER TABLE topics DROP COLUMN public;
  `.execute(db);
}
