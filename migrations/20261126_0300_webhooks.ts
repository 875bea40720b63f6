import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import from src/.
//
// Webhook endpoints, and the outbox of deliveries to them. A delivery row is written in
// the same transaction as the case event it announces (with its job in the job queue's
// own schema), so a change is announced exactly when it commits. Every attempt to send a
// delivery is kept as a row of its own.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE webhook_endpoints (
      id                          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      owner_id                    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      url                         text NOT NULL,
      events                      text[] NOT NULL CHECK (cardinality(events) > 0),
      description                 text,
      -- The signing key is needed in clear to compute HMACs; it is never returned after creation.
      secret                      text NOT NULL,
      previous_secret             text,
      previous_secret_expires_at  timestamptz,
      disabled_at                 timestamptz,
      disabled_reason             text,
      created_at                  timestamptz NOT NULL DEFAULT now(),
      updated_at                  timestamptz NOT NULL DEFAULT now(),
      CHECK ((disabled_at IS NULL) = (disabled_reason IS NULL))
    );
    CREATE INDEX webhook_endpoints_owner_idx ON webhook_endpoints (owner_id, created_at);
    CREATE INDEX webhook_endpoints_events_idx ON webhook_endpoints USING gin (events);

    CREATE TABLE webhook_deliveries (
      id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      -- Insertion order, for keyset pagination newest first.
      seq                bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
      endpoint_id        uuid NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
      case_id            uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
      case_event_id      bigint NOT NULL REFERENCES case_events (id) ON DELETE CASCADE,
      event_type         text NOT NULL,
      payload            jsonb NOT NULL,
      status             text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
      attempt_count      integer NOT NULL DEFAULT 0,
      -- Failed attempts since the delivery was (re)queued: the position in the retry schedule.
      failed_in_row      integer NOT NULL DEFAULT 0,
      first_failed_at    timestamptz,
      next_attempt_at    timestamptz,
      last_attempt_at    timestamptz,
      delivered_at       timestamptz,
      last_error         text,
      created_at         timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, seq DESC);
    CREATE INDEX webhook_deliveries_case_idx ON webhook_deliveries (case_id);
    CREATE INDEX webhook_deliveries_event_idx ON webhook_deliveries (case_event_id);

    CREATE TABLE webhook_attempts (
      id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      delivery_id       uuid NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
      endpoint_id       uuid NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
      attempted_at      timestamptz NOT NULL DEFAULT now(),
      trigger           text NOT NULL CHECK (trigger IN ('scheduled', 'manual')),
      succeeded         boolean NOT NULL,
      status_code       integer,
      duration_ms       integer NOT NULL,
      error             text,
      response_excerpt  text
    );
    CREATE INDEX webhook_attempts_delivery_idx ON webhook_attempts (delivery_id, id DESC);
    CREATE INDEX webhook_attempts_endpoint_success_idx ON webhook_attempts (endpoint_id, attempted_at) WHERE succeeded;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE webhook_attempts;
    DROP TABLE webhook_deliveries;
    DROP TABLE webhook_endpoints;
  `.execute(db);
}
