import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { migrations } from '../../migrations/index.js';
import { createDatabase } from '../../src/db/database.js';
import { createMigrator, migrateToLatest } from '../../src/db/migrate.js';
import { hashSecret } from '../../src/modules/auth/tokens.js';
import { migrateJobQueue } from '../../src/modules/webhooks/job-queue.js';
import { startTestApp } from '../support/app.js';
import { createTestDatabase } from '../support/database.js';
import { randomCvr } from '../support/fixtures.js';
import { createPerson } from '../support/people.js';

// An installation of the last release upgrades in place: its database, with cases in it,
// is migrated to this version's schema, and the service reads and works those cases.

/** The last migration of the release running in production before this one. */
const PREVIOUS_RELEASE = '20261129_0710_staff_sessions';

/** A case as the previous release wrote it: inquiry, case, lead and involved assignments, its events and a note. */
async function caseOfThePreviousRelease(db: Kysely<any>, trackingToken: string): Promise<void> {
  const inquiryId = randomUUID();
  const caseId = randomUUID();
  const authorId = randomUUID();
  const reference = 'KOL-2026-000042';
  await sql`INSERT INTO users (id, name, email, role) VALUES (${authorId}, 'Mette Jobcenter', ${`mette.${authorId}@kommune.example`}, 'caseworker')`.execute(db);
  await sql`INSERT INTO user_departments (user_id, department_code) VALUES (${authorId}, 'jobcenter')`.execute(db);
  await sql`
    INSERT INTO inquiries (id, cvr, enterprise_name, contact_name, contact_email, topics, subject, description, consent, language, channel)
    VALUES (${inquiryId}, ${randomCvr()}, 'Café Overskud ApS', 'Mette Hansen', 'mette@example.dk', ${sql.raw("ARRAY['hiring','business-development']")},
            'To nye medarbejdere i løntilskud', 'Vi vil gerne ansætte to personer.', true, 'da', 'web')`.execute(db);
  await sql`
    INSERT INTO cases (id, inquiry_id, reference, status, lead_department, routing_version, matched_rule_ids, tracking_token_hash, due_date)
    VALUES (${caseId}, ${inquiryId}, ${reference}, 'received', 'jobcenter', 1, ${sql.raw("ARRAY['jobcenter-hiring']")}, ${hashSecret(trackingToken)}, '2026-12-18')`.execute(db);
  await sql`
    INSERT INTO assignments (case_id, department_code, role, status, due_date)
    VALUES (${caseId}, 'jobcenter', 'lead', 'queued', '2026-12-18'), (${caseId}, 'business-service', 'involved', 'queued', '2026-12-18')`.execute(db);
  await sql`
    INSERT INTO case_events (case_id, type, data)
    VALUES (${caseId}, 'created', ${JSON.stringify({ reference, channel: 'web', topics: ['hiring', 'business-development'] })}::jsonb),
           (${caseId}, 'routed', ${JSON.stringify({ routingVersion: 1, lead: 'jobcenter', involved: ['business-service'], matchedRuleIds: ['jobcenter-hiring'], leadRuleId: 'jobcenter-hiring' })}::jsonb)`.execute(db);
  await sql`
    INSERT INTO case_notes (case_id, author_id, author_role, visibility, body)
    VALUES (${caseId}, ${authorId}, 'caseworker', 'enterprise', 'Tak for din henvendelse. Vi ringer i næste uge.')`.execute(db);
}

test('a database of the previous release, with a case in it, migrates to this version and the case reads back and can be worked', async () => {
  expect(Object.keys(migrations)).toContain(PREVIOUS_RELEASE);
  const database = await createTestDatabase({ migrated: false });
  const db = createDatabase({ connectionString: database.url, poolSize: 2 });
  const trackingToken = `tt_${randomUUID()}`;
  try {
    const released = await createMigrator(db).migrateTo(PREVIOUS_RELEASE);
    expect(released.error).toBeUndefined();
    await migrateJobQueue(database.url);
    await caseOfThePreviousRelease(db, trackingToken);

    const applied = await migrateToLatest(db);
    expect(applied).toEqual(Object.keys(migrations).slice(Object.keys(migrations).indexOf(PREVIOUS_RELEASE) + 1));
  } finally {
    await db.destroy();
  }

  const ctx = await startTestApp({}, database);
  try {
    const admin = await createPerson(ctx, 'admin');
    const found = await ctx.http().get('/v1/cases').query({ q: 'KOL-2026-000042' }).set('authorization', admin.auth);
    expect(found.status).toBe(200);
    const caseId = (found.body.items as { id: string; reference: string }[]).find((c) => c.reference === 'KOL-2026-000042')?.id;
    expect(caseId).toBeDefined();
    const kase = await ctx.http().get(`/v1/cases/${caseId}`).set('authorization', admin.auth);
    expect(kase.status).toBe(200);
    expect(kase.body).toMatchObject({
      reference: 'KOL-2026-000042',
      status: 'received',
      inquiry: { enterprise: { name: 'Café Overskud ApS' }, contact: { name: 'Mette Hansen', email: 'mette@example.dk' }, topics: ['hiring', 'business-development'] },
    });
    expect((kase.body.assignments as { department: string; role: string; status: string }[]).map((a) => [a.department, a.role, a.status]).sort()).toEqual([
      ['business-service', 'involved', 'queued'],
      ['jobcenter', 'lead', 'queued'],
    ]);
    const events = await ctx.http().get(`/v1/cases/${caseId}/events`).set('authorization', admin.auth);
    expect(events.status).toBe(200);
    expect((events.body.items ?? events.body).map((e: { type: string }) => e.type)).toEqual(['created', 'routed']);

    // The enterprise still follows its case, with the note written for it.
    const status = await ctx.http().get(`/status/KOL-2026-000042?token=${trackingToken}`);
    expect(status.status).toBe(200);
    expect(status.text).toContain('Tak for din henvendelse. Vi ringer i næste uge.');

    // The case is worked with this version's code: a caseworker takes it from the queue.
    const caseworker = await createPerson(ctx, 'caseworker', ['jobcenter']);
    const claimed = await ctx.http().post('/v1/departments/jobcenter/claim').set('authorization', caseworker.auth);
    expect(claimed.status).toBe(200);
    expect(claimed.body.reference).toBe('KOL-2026-000042');
  } finally {
    await ctx.close();
  }
});

test('every migration can be undone, down to an empty database, and applied again', async () => {
  const database = await createTestDatabase({ migrated: false });
  const db = createDatabase({ connectionString: database.url, poolSize: 2 });
  try {
    await migrateToLatest(db);
    const migrator = createMigrator(db);
    const undone: string[] = [];
    for (;;) {
      const result = await migrator.migrateDown();
      if (result.error) throw new Error(`undoing ${result.results?.find((r) => r.status === 'Error')?.migrationName} failed: ${String(result.error)}`);
      const step = result.results?.[0];
      if (!step) break;
      undone.push(step.migrationName);
    }
    expect(undone).toEqual(Object.keys(migrations).reverse());
    const { rows } = await sql<{ count: number }>`SELECT count(*)::int AS count FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'kysely_%'`.execute(db);
    expect(rows[0]?.count).toBe(0);
    expect(await migrateToLatest(db)).toEqual(Object.keys(migrations));
  } finally {
    await db.destroy();
    await database.drop();
  }
});
