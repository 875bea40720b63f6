import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import from src/.
//
// Each process keeps the principals of recently used API tokens in memory. It may do so
// only while it hears of every change that could alter who a token speaks for: these
// triggers NOTIFY on commit whenever a token is revoked, expires differently, moves or
// goes, and whenever a user's name, role, standing or departments change, however the
// change is made (the API, the CLI, or SQL by hand). Writing a token's last use does not.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION notify_principals_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('principals_changed', TG_TABLE_NAME);
      RETURN NULL;
    END
    $$;
    CREATE TRIGGER api_tokens_principals_changed
      AFTER UPDATE OF revoked_at, expires_at, user_id, token_hash OR DELETE ON api_tokens
      FOR EACH STATEMENT EXECUTE FUNCTION notify_principals_changed();
    CREATE TRIGGER users_principals_changed
      AFTER UPDATE OF name, role, active OR DELETE ON users
      FOR EACH STATEMENT EXECUTE FUNCTION notify_principals_changed();
    CREATE TRIGGER user_departments_principals_changed
      AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON user_departments
      FOR EACH STATEMENT EXECUTE FUNCTION notify_principals_changed();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TRIGGER user_departments_principals_changed ON user_departments;
    DROP TRIGGER users_principals_changed ON users;
    DROP TRIGGER api_tokens_principals_changed ON api_tokens;
    DROP FUNCTION notify_principals_changed();
  `.execute(db);
}
