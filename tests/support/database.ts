import { randomBytes } from 'node:crypto';
import pg from 'pg';

function serverUrl(): string {
  const url = process.env.TEST_SERVER_URL;
  if (!url) throw new Error('TEST_SERVER_URL is not set: run the tests through jest (global setup)');
  return url;
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * A fresh database of its own: migrated and seeded (copied from the template), or empty
 * for a test that starts the service the way an operator does and lets it migrate.
 */
export async function createTestDatabase({ migrated = true }: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const prefix = process.env.TEST_DATABASE_PREFIX;
  if (!prefix) throw new Error('TEST_DATABASE_PREFIX is not set: run the tests through jest (global setup)');
  const name = `${prefix}${randomBytes(6).toString('hex')}`;
  await adminQuery(migrated ? `CREATE DATABASE ${name} TEMPLATE ${process.env.TEST_TEMPLATE_DB}` : `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
