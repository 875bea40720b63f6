import autocannon from 'autocannon';
import { sql } from 'kysely';
import { createDatabase } from '../src/db/database.js';
import { WorkingDayCalendar } from '../src/domain/working-days.js';
import { refreshSnapshot } from '../src/modules/statistics/statistics.service.js';
import { benchDatabase, startService } from './lib.js';
import { addDepartments, seedCases } from './seed.js';

// The statistics snapshot over many cases: how long a refresh takes and how much memory
// the process needs for it. Each case has the history of a typical resolved case (routed,
// claimed, a note to the enterprise the next day, resolved three days on), and every
// topic is public, so the public table is worked out too. The goal: 1,000,000 cases in at
// most 60 s and 512 MiB. Then the public figures under load, from the service as a
// process: the goal is a p99 of at most 20 ms.
// Usage: npm run bench:statistics [-- --cases 1000000 --rounds 2 --seconds 10]

const args = new Map(process.argv.slice(2).map((arg, i, all) => [arg, all[i + 1]]));
const CASES = Number(args.get('--cases') ?? 1_000_000);
const ROUNDS = Number(args.get('--rounds') ?? 2);
const SECONDS = Number(args.get('--seconds') ?? 10);

const database = await benchDatabase('one_entry_bench_statistics');
const db = createDatabase({ connectionString: database.url, poolSize: 2 });
try {
  const seedStarted = performance.now();
  const departments = await addDepartments(db, 4);
  await seedCases(db, { count: CASES, departments, state: 'done' });
  await sql`
    INSERT INTO case_events (case_id, type, department, data, created_at)
    SELECT c.id, e.type, e.department, e.data, c.created_at + e.after
      FROM cases c
     CROSS JOIN LATERAL (VALUES
       ('routed', c.lead_department, jsonb_build_object('routingVersion', c.routing_version, 'lead', c.lead_department, 'involved', '[]'::jsonb,
                                                        'leadRuleId', 'jobcenter-employment', 'matchedRuleIds', '[]'::jsonb), interval '0'),
       ('claimed', c.lead_department, '{"before": {"status": "queued", "assigneeId": null}}'::jsonb, interval '2 hours'),
       ('note_added', c.lead_department, '{"visibility": "enterprise", "body": "Vi har set på jeres sag."}'::jsonb, interval '1 day'),
       ('case_status_changed', NULL, '{"before": "in_progress", "after": "resolved"}'::jsonb, interval '3 days')
     ) AS e(type, department, data, after)
  `.execute(db);
  await sql`UPDATE topics SET public = true`.execute(db);
  await sql`VACUUM (ANALYZE) case_events`.execute(db);
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  const calendar = WorkingDayCalendar.fromSetting('06-05,12-24,12-31');
  const seconds: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const started = performance.now();
    const result = await refreshSnapshot({ db, calendar });
    seconds.push((performance.now() - started) / 1000);
    if (result.cases !== CASES) throw new Error(`the snapshot holds ${result.cases} cases, not ${CASES}`);
  }
  // maxRSS is in kibibytes: the most the process held at any time, seeding included.
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  console.log(`statistics snapshot over ${CASES.toLocaleString('en')} cases (PostgreSQL ${database.serverVersion}; seeded in ${seedSeconds.toFixed(0)} s)`);
  console.log(`  refresh: ${seconds.map((s) => `${s.toFixed(1)} s`).join(', ')} (goal ≤ 60 s)`);
  console.log(`  peak memory of the process: ${peakMiB.toFixed(0)} MiB (goal ≤ 512 MiB)`);

  const service = await startService({ DATABASE_URL: database.url, WEBHOOK_WORKER: 'false', MAX_EVENT_LOOP_DELAY_MS: '0', DATABASE_MAX_QUEUE: '0' });
  try {
    for (const path of ['/v1/public/statistics', '/v1/public/statistics.csv']) {
      const result = await autocannon({ url: `${service.baseUrl}${path}`, connections: 10, duration: SECONDS });
      const failed = result.non2xx + result.errors + result.timeouts;
      console.log(`  GET ${path}: ${result.requests.average.toFixed(0)} requests/s, p99 ${result.latency.p99} ms (goal ≤ 20 ms)${failed ? `, ${failed} failed` : ''}`);
    }
  } finally {
    await service.stop();
  }
} finally {
  await db.destroy();
  await database.stop();
}
