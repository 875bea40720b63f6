import { type Kysely, sql } from 'kysely';

// Routing administration: version numbers from a sequence, an edit revision for safe
// concurrent editing, who published with what reason, the history of every table, and
// the golden cases that guard publishing. Frozen in time: never import from src/.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE SEQUENCE routing_table_version_seq OWNED BY routing_tables.version;
    SELECT setval('routing_table_version_seq', coalesce((SELECT max(version) FROM routing_tables), 0) + 1, false);
    ALTER TABLE routing_tables
      ALTER COLUMN version SET DEFAULT nextval('routing_table_version_seq'),
      ADD COLUMN revision        integer NOT NULL DEFAULT 1,
      ADD COLUMN copied_from     integer REFERENCES routing_tables (version),
      ADD COLUMN publish_reason  text,
      ADD COLUMN publish_forced  boolean NOT NULL DEFAULT false;

    -- Who created, edited, published and retired each version, and when.
    CREATE TABLE routing_table_events (
      id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      version     integer NOT NULL REFERENCES routing_tables (version),
      action      text NOT NULL CHECK (action IN ('created', 'imported', 'edited', 'published', 'retired')),
      actor_id    uuid REFERENCES users (id),
      data        jsonb NOT NULL DEFAULT '{}'::jsonb,
      created_at  timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX routing_table_events_version_idx ON routing_table_events (version, id);

    INSERT INTO routing_table_events (version, action, actor_id, created_at)
      SELECT version, 'created', created_by, created_at FROM routing_tables;
    INSERT INTO routing_table_events (version, action, actor_id, created_at)
      SELECT version, 'published', published_by, published_at FROM routing_tables WHERE published_at IS NOT NULL;

    -- Example inquiries with the routing a coordinator expects; publishing checks them.
    -- Only the fields routing reads are kept: no contact data.
    CREATE TABLE routing_golden_cases (
      id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name               text NOT NULL,
      inquiry            jsonb NOT NULL,
      expected_lead      text NOT NULL REFERENCES departments (code),
      expected_involved  text[] NOT NULL DEFAULT '{}',
      created_at         timestamptz NOT NULL DEFAULT now(),
      created_by         uuid REFERENCES users (id)
    );
    CREATE INDEX routing_golden_cases_created_idx ON routing_golden_cases (created_at, id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE routing_golden_cases;
    DROP TABLE routing_table_events;
    ALTER TABLE routing_tables
      DROP COLUMN publish_forced,
      DROP COLUMN publish_reason,
      DROP COLUMN copied_from,
      DROP COLUMN revision,
      ALTER COLUMN version DROP DEFAULT;
    DROP SEQUENCE routing_table_version_seq;
  `.execute(db);
}
