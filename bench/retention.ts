import { sql } from 'kysely';
import { createDatabase } from '../src/db/database.js';
import { DEFAULT_BATCH_SIZE, runRetention } from '../src/modules/retention/retention.run.js';
import { benchDatabase, median, percentile } from './lib.js';
import { addDepartments, createPeople, seedCases } from './seed.js';

// The nightly retention run over a large database: `--cases` resolved cases (default
// 1,000,000), of which `--due` (default 100,000) are due for anonymising, each due one with
// a note to the enterprise, its event and a webhook delivery to rewrite. Prints the run's
// time, and how long its locks were held: the longest batch transaction (every lock the
// run takes is a case row's, held until its batch commits). Beside the run, a probe claims
// from a queue and opens a case (an intake's inserts) every 20 ms; its latencies during the
// run are printed against the same probe's before the run, on the same machine.
// Usage: npm run bench:retention [-- --cases 1000000 --due 100000 --batch 50]

class Rollback extends Error {}

const args = new Map(process.argv.slice(2).map((arg, i, all) => [arg, all[i + 1]]));
const CASES = Number(args.get('--cases') ?? 1_000_000);
const DUE = Number(args.get('--due') ?? 100_000);
const BATCH = Number(args.get('--batch') ?? DEFAULT_BATCH_SIZE);

const database = await benchDatabase('one_entry_bench_retention');
const db = createDatabase({ connectionString: database.url, poolSize: 4 });
try {
  const departments = await addDepartments(db, 10);
  await createPeople(db, 'admin', [], 1);
  const { id: adminId } = await db.selectFrom('users').select('id').where('email', '=', 'bench.admin.1@kommune.example').executeTakeFirstOrThrow();
  const seedStarted = performance.now();
  await seedCases(db, { count: CASES, departments, state: 'done' });
  await seedCases(db, { count: 5_000, departments: ['jobcenter'], state: 'queued' });
  // The oldest `DUE` resolved cases were resolved two years ago, with a note to the enterprise, its event and a delivery.
  await sql`
    WITH due AS (
      UPDATE cases SET closed_at = now() - interval '730 days'
      WHERE id IN (SELECT id FROM cases WHERE status = 'resolved' ORDER BY created_at LIMIT ${DUE})
      RETURNING id
    ), notes AS (
      INSERT INTO case_notes (case_id, author_id, author_role, department, visibility, body)
      SELECT id, ${adminId}, 'admin', NULL, 'enterprise', 'Vi ringer til Bench Contact i morgen.' FROM due
      RETURNING id, case_id
    )
    INSERT INTO case_events (case_id, type, actor_id, actor_role, department, data)
    SELECT case_id, 'note_added', ${adminId}, 'admin', NULL,
           jsonb_build_object('noteId', id, 'visibility', 'enterprise', 'body', 'Vi ringer til Bench Contact i morgen.')
    FROM notes`.execute(db);
  const [endpoint] = (
    await sql<{ id: string }>`
      INSERT INTO webhook_endpoints (owner_id, url, events, secret) VALUES (${adminId}, 'https://example.invalid/hooks', '{case.note.enterprise}', 'x') RETURNING id`.execute(db)
  ).rows;
  await sql`
    INSERT INTO webhook_deliveries (endpoint_id, case_id, case_event_id, event_type, payload, status, delivered_at)
    SELECT ${endpoint?.id}, e.case_id, e.id, 'case.note.enterprise',
           jsonb_build_object('type', 'case.note.enterprise', 'data', jsonb_build_object('caseId', e.case_id, 'note', jsonb_build_object('body', e.data->>'body'))),
           'delivered', now()
    FROM case_events e WHERE e.type = 'note_added'`.execute(db);
  await sql`VACUUM (ANALYZE) cases, case_notes, case_events, webhook_deliveries, inquiries`.execute(db);
  await sql`INSERT INTO retention_schedules (version, anonymise_contact_after_days, delete_case_after_days, created_by) VALUES (1, 365, NULL, ${adminId})`.execute(db);
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  const probeDb = createDatabase({ connectionString: database.url, poolSize: 1 });
  /** One claim (locked and released) and one case opened, timed. */
  const probe = async (): Promise<number> => {
    const started = performance.now();
    await probeDb.transaction().execute(async (trx) => {
      await sql`SELECT a.id FROM assignments a JOIN cases c ON c.id = a.case_id
                WHERE a.department_code = 'jobcenter' AND a.status = 'queued'
                ORDER BY a.priority DESC, a.due_date, a.queued_at, a.id LIMIT 1 FOR NO KEY UPDATE OF c SKIP LOCKED`.execute(trx);
      await sql`WITH i AS (
                  INSERT INTO inquiries (channel, cvr, enterprise_name, contact_name, contact_email, topics, subject, description, language, consent)
                  VALUES ('web', '12345678', 'Probe', 'Probe', 'probe@example.dk', '{hiring}', 'Probe', 'Probe', 'da', true) RETURNING id)
                INSERT INTO cases (inquiry_id, reference, status, lead_department, routing_version, matched_rule_ids, tracking_token_hash, due_date)
                SELECT id, 'PROBE-' || gen_random_uuid(), 'received', 'jobcenter', (SELECT version FROM routing_tables WHERE status = 'published'), '{}', '\\x00', current_date FROM i`.execute(trx);
      // Rolled back: the probe leaves nothing behind.
      throw new Rollback();
    }).catch((err: unknown) => {
      if (!(err instanceof Rollback)) throw err;
    });
    return performance.now() - started;
  };
  const probeFor = async (until: () => boolean): Promise<number[]> => {
    const times: number[] = [];
    while (!until()) {
      times.push(await probe());
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return times;
  };

  const beforeEnd = performance.now() + 5000;
  const before = await probeFor(() => performance.now() > beforeEnd);

  const batches: number[] = [];
  let done = false;
  const started = performance.now();
  const runPromise = runRetention(db, { trigger: 'manual', batchSize: BATCH, onBatch: ({ ms }) => batches.push(ms) }).finally(() => {
    done = true;
  });
  const during = await probeFor(() => done);
  const run = await runPromise;
  const seconds = (performance.now() - started) / 1000;
  await probeDb.destroy();

  const line = (name: string, value: string) => console.log(`${name.padEnd(44)} ${value}`);
  line('PostgreSQL', database.serverVersion);
  line('cases / due / batch', `${CASES} / ${DUE} / ${BATCH}`);
  line('seeding (s)', seedSeconds.toFixed(1));
  line('run: anonymised / failed', `${run.anonymised} / ${run.failed}`);
  line('run: time (s)', `${seconds.toFixed(1)} (${Math.round(run.anonymised / seconds)} cases/s; target ≤ 300 s)`);
  line('locks held per batch: median / p99 / max (ms)', `${median(batches).toFixed(0)} / ${percentile(batches, 99).toFixed(0)} / ${Math.max(...batches).toFixed(0)} (target max ≤ 100)`);
  line('probe (claim + intake) before: p50 / p99 / max', `${median(before).toFixed(1)} / ${percentile(before, 99).toFixed(1)} / ${Math.max(...before).toFixed(1)} ms`);
  line('probe (claim + intake) during: p50 / p99 / max', `${median(during).toFixed(1)} / ${percentile(during, 99).toFixed(1)} / ${Math.max(...during).toFixed(1)} ms`);
  line('probe p99 during / before', `${(percentile(during, 99) / percentile(before, 99)).toFixed(2)}×`);
} finally {
  await db.destroy();
  await database.stop();
}

