import { sql } from 'kysely';
import { publicBaseUrl } from '../../src/config.js';
import { recordCaseNotification } from '../../src/modules/cases/case-notifications.service.js';
import { smtpTransport } from '../../src/modules/notifications/mail-transport.js';
import type { StaffNotificationDeps } from '../../src/modules/notifications/staff-notifications.service.js';
import { danishHour } from '../../src/domain/staff-mail-schedule.js';
import { danishDate, WorkingDayCalendar } from '../../src/domain/working-days.js';
import type { TestContext } from './app.js';
import { eventually } from './eventually.js';
import type { Person } from './people.js';
import type { ReceivedMail } from './smtp-server.js';

/** Sets how the person hears of new assignments, through the API. */
export async function choose(ctx: TestContext, person: Person, newAssignments: 'immediately' | 'daily' | 'off'): Promise<void> {
  const res = await ctx.http().put('/v1/me/notifications').set('authorization', person.auth).send({ newAssignments });
  if (res.status !== 200) throw new Error(`choosing ${newAssignments} failed: ${res.status} ${JSON.stringify(res.body)}`);
}

/** The case's events as a coordinator reads them. */
export async function eventsOf(ctx: TestContext, coordinator: Person, caseId: string): Promise<Array<{ id: string; type: string; data: Record<string, unknown> }>> {
  const res = await ctx.http().get(`/v1/cases/${caseId}/events`).set('authorization', coordinator.auth);
  if (res.status !== 200) throw new Error(`reading the events failed: ${res.status}`);
  return res.body.items ?? res.body;
}

/** Waits until the messages of a case event have all been dealt with: out of the outbox, and their job ended. */
export async function settled(ctx: TestContext, eventId: string): Promise<void> {
  await eventually(async () => {
    const { rows } = await sql<{ n: number }>`
      SELECT (SELECT count(*) FROM notification_outbox WHERE case_event_id = ${eventId}::bigint)
           + (SELECT count(*) FROM graphile_worker.jobs WHERE key = ${`notification:${eventId}`})::int AS n`.execute(ctx.db);
    return Number(rows[0]?.n) === 0;
  });
}

export const mailsTo = (received: ReceivedMail[], person: { email: string }) => received.filter((m) => m.to === person.email.toLowerCase());

/** The dependencies the daily mail task gets in the worker, for a test to drive it with a fixed clock. */
export function staffMailDeps(ctx: TestContext, smtpUrl: string): StaffNotificationDeps {
  return {
    db: ctx.db,
    transport: smtpTransport(smtpUrl, { connectionTimeoutMs: 5000 }),
    from: ctx.app.config.MAIL_FROM,
    publicBaseUrl: publicBaseUrl(ctx.app.config),
    recordOutcome: recordCaseNotification,
    log: ctx.app.log,
    digestHour: ctx.app.config.NOTIFY_DIGEST_HOUR,
    calendar: WorkingDayCalendar.fromSetting(ctx.app.config.EXTRA_CLOSING_DAYS),
  };
}

function nextDay(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The first digest hour of a working day after `after`, on or after the date `notBefore`:
 * its digest covers `after` itself (the span since the working day before).
 */
export function digestHourAfter(deps: StaffNotificationDeps, after: Date, notBefore?: string): Date {
  let day = notBefore ?? danishDate(after);
  while (!deps.calendar.isWorkingDay(day) || danishHour(day, deps.digestHour) <= after) day = nextDay(day);
  return danishHour(day, deps.digestHour);
}
