import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import from src/, so that later changes to the
// application cannot change what an old migration does.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE departments (
      code        text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9-]{1,39}$'),
      name_da     text NOT NULL,
      name_en     text NOT NULL,
      active      boolean NOT NULL DEFAULT true,
      created_at  timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE topics (
      code            text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9-]{1,39}$'),
      name_da         text NOT NULL,
      name_en         text NOT NULL,
      description_da  text NOT NULL,
      description_en  text NOT NULL,
      response_days   integer NOT NULL CHECK (response_days BETWEEN 1 AND 250),
      sort_order      integer NOT NULL DEFAULT 0,
      active          boolean NOT NULL DEFAULT true
    );

    CREATE TABLE users (
      id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name        text NOT NULL,
      email       text NOT NULL,
      role        text NOT NULL CHECK (role IN ('caseworker', 'coordinator', 'admin', 'integrator')),
      active      boolean NOT NULL DEFAULT true,
      created_at  timestamptz NOT NULL DEFAULT now(),
      updated_at  timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX users_email_key ON users (lower(email));

    CREATE TABLE user_departments (
      user_id          uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      department_code  text NOT NULL REFERENCES departments (code),
      PRIMARY KEY (user_id, department_code)
    );

    CREATE TABLE api_tokens (
      id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      name          text NOT NULL,
      token_hash    bytea NOT NULL UNIQUE,
      expires_at    timestamptz,
      revoked_at    timestamptz,
      last_used_at  timestamptz,
      created_at    timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

    CREATE TABLE routing_tables (
      version              integer PRIMARY KEY,
      status               text NOT NULL CHECK (status IN ('draft', 'published', 'retired')),
      fallback_department  text NOT NULL REFERENCES departments (code),
      rules                jsonb NOT NULL DEFAULT '[]'::jsonb,
      note                 text,
      created_at           timestamptz NOT NULL DEFAULT now(),
      created_by           uuid REFERENCES users (id),
      updated_at           timestamptz NOT NULL DEFAULT now(),
      updated_by           uuid REFERENCES users (id),
      published_at         timestamptz,
      published_by         uuid REFERENCES users (id),
      retired_at           timestamptz
    );
    -- At every moment at most one table is published; publishing swaps inside one transaction.
    CREATE UNIQUE INDEX routing_tables_one_published ON routing_tables ((true)) WHERE status = 'published';

    CREATE TABLE inquiries (
      id                            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      received_at                   timestamptz NOT NULL DEFAULT now(),
      channel                       text NOT NULL CHECK (channel IN ('web', 'api')),
      submitted_by                  uuid REFERENCES users (id),
      cvr                           char(8) NOT NULL,
      enterprise_name               text NOT NULL,
      postcode                      text,
      employees                     integer,
      registered_social_enterprise  boolean,
      contact_name                  text NOT NULL,
      contact_email                 text NOT NULL,
      contact_phone                 text,
      topics                        text[] NOT NULL,
      subject                       text NOT NULL,
      description                   text NOT NULL,
      language                      text NOT NULL CHECK (language IN ('da', 'en')),
      consent                       boolean NOT NULL CHECK (consent)
    );

    -- One global sequence rather than a counter row per year: a counter row would
    -- serialise every intake on its lock. References never repeat; gaps are allowed.
    CREATE SEQUENCE case_reference_seq;

    CREATE TABLE cases (
      id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      inquiry_id           uuid NOT NULL UNIQUE REFERENCES inquiries (id),
      reference            text NOT NULL UNIQUE,
      status               text NOT NULL CHECK (status IN ('received', 'in_progress', 'waiting_for_you', 'resolved')),
      lead_department      text NOT NULL REFERENCES departments (code),
      routing_version      integer NOT NULL REFERENCES routing_tables (version),
      matched_rule_ids     text[] NOT NULL,
      tracking_token_hash  bytea NOT NULL,
      revision             integer NOT NULL DEFAULT 1,
      created_at           timestamptz NOT NULL DEFAULT now(),
      updated_at           timestamptz NOT NULL DEFAULT now(),
      closed_at            timestamptz
    );
    CREATE INDEX cases_created_idx ON cases (created_at, id);

    CREATE TABLE assignments (
      id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id          uuid NOT NULL REFERENCES cases (id),
      department_code  text NOT NULL REFERENCES departments (code),
      role             text NOT NULL CHECK (role IN ('lead', 'involved')),
      status           text NOT NULL CHECK (status IN ('queued', 'in_progress', 'waiting', 'done', 'transferred')),
      assignee_id      uuid REFERENCES users (id),
      priority         integer NOT NULL DEFAULT 0,
      due_date         date NOT NULL,
      queued_at        timestamptz NOT NULL DEFAULT now(),
      created_at       timestamptz NOT NULL DEFAULT now(),
      updated_at       timestamptz NOT NULL DEFAULT now()
    );
    -- A department is active on a case at most once; a transferred assignment stays as history.
    CREATE UNIQUE INDEX assignments_active_department ON assignments (case_id, department_code) WHERE status <> 'transferred';
    CREATE UNIQUE INDEX assignments_one_lead ON assignments (case_id) WHERE role = 'lead' AND status <> 'transferred';
    -- The claim order of a department's queue, and only over queued rows so it stays small.
    CREATE INDEX assignments_queue_idx ON assignments (department_code, priority DESC, due_date, queued_at, id) WHERE status = 'queued';
    CREATE INDEX assignments_case_idx ON assignments (case_id);

    CREATE TABLE case_events (
      id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      case_id      uuid NOT NULL REFERENCES cases (id),
      type         text NOT NULL,
      actor_id     uuid REFERENCES users (id),
      actor_role   text,
      department   text,
      data         jsonb NOT NULL DEFAULT '{}'::jsonb,
      created_at   timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX case_events_case_idx ON case_events (case_id, id);

    CREATE TABLE idempotency_keys (
      -- The key itself is not stored: its hash finds the row, and only a caller who
      -- knows the key can open sealed_secret (the receipt's tracking token).
      scope            text NOT NULL,
      key_hash         bytea NOT NULL,
      request_hash     bytea NOT NULL,
      response_status  integer NOT NULL,
      response_body    jsonb NOT NULL,
      sealed_secret    bytea,
      created_at       timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (scope, key_hash)
    );
    CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE idempotency_keys;
    DROP TABLE case_events;
    DROP TABLE assignments;
    DROP TABLE cases;
    DROP SEQUENCE case_reference_seq;
    DROP TABLE inquiries;
    DROP TABLE routing_tables;
    DROP TABLE api_tokens;
    DROP TABLE user_departments;
    DROP TABLE users;
    DROP TABLE topics;
    DROP TABLE departments;
  `.execute(db);
}
