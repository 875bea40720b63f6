import { sql } from 'kysely';
import type { Database } from '../../src/db/database.js';

/**
 * Makes every transaction that appends a case event mentioning `marker` fail at COMMIT,
 * after everything it wrote (the event, the outbox's deliveries and their jobs): a
 * deferred constraint trigger, the latest point at which a real change can fail. Tests
 * use it to show that such a change leaves nothing behind. Returns the undo.
 */
export async function failCommitsMentioning(db: Database, marker: string): Promise<() => Promise<void>> {
  const name = `fail_commit_${Math.random().toString(36).slice(2, 10)}`;
  await sql`
    CREATE FUNCTION ${sql.id(name)}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.data::text LIKE ${sql.lit(`%${marker}%`)} THEN RAISE EXCEPTION 'injected failure at commit'; END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    CREATE CONSTRAINT TRIGGER ${sql.id(name)} AFTER INSERT ON case_events
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ${sql.id(name)}()`.execute(db);
  return async () => {
    await sql`DROP TRIGGER ${sql.id(name)} ON case_events`.execute(db);
    await sql`DROP FUNCTION ${sql.id(name)}()`.execute(db);
  };
}
