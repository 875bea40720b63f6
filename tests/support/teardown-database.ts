import pg from 'pg';

export default async function globalTeardown(): Promise<void> {
  const serverUrl = process.env.TEST_SERVER_URL;
  const template = process.env.TEST_TEMPLATE_DB;
  const prefix = process.env.TEST_DATABASE_PREFIX;
  const embedded = (globalThis as { __embeddedPostgres?: { stop(): Promise<void> } }).__embeddedPostgres;
  if (embedded) {
    await embedded.stop();
    return;
  }
  if (serverUrl && template && prefix) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ datname: string }>(
        // Only this run's databases: another run may be using the same server right now.
        "SELECT datname FROM pg_database WHERE starts_with(datname, $1) OR datname = $2",
        [prefix, template],
      );
      for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  }
}
