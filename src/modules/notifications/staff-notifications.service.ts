import { CaseEventType, type NotificationOutcomeEvent } from '../../domain/case-events.js';
import { type Language, maskAddress, maskAddressesIn, newAssignmentsOf, staffMessageIdFor, type StaffNotificationKind } from '../../domain/notifications.js';
import { staffMailDayAt, type StaffMailDay } from '../../domain/staff-mail-schedule.js';
import type { WorkingDayCalendar } from '../../domain/working-days.js';
import type { RenderedMessage } from './templates.js';
import type { NotificationDeps } from './notification.service.js';
import { TemporaryMailError } from './notification.service.js';
import {
  findAssignmentEvent,
  findDigestLines,
  findNewAssignmentRecipients,
  findOverdueLines,
  insertStaffSentRecord,
  type StaffMailLine,
  staffMailKey,
} from './staff-notifications.repository.js';
import { type AssignmentLine, type AssignmentOrigin, renderDigest, renderNewAssignment, renderOverdueReminder } from './staff-templates.js';

export type StaffNotificationDeps = Omit<NotificationDeps, 'keys'> & {
  /** NOTIFY_DIGEST_HOUR: the hour of the Danish clock at which the daily mail goes. */
  digestHour: number;
  calendar: WorkingDayCalendar;
};

// The staff pages' home, where a caseworker sees their departments' queues and their own
// work. Spelled here as well as in the staff module (STAFF_HOME), which imports the cases
// module and so cannot be imported from here; the tests check that the two agree.
export const STAFF_HOME_PATH = '/staff';

// Staff have no language of their own yet: their mail is Danish, like the staff pages' default.
const STAFF_LANGUAGE: Language = 'da';

interface StaffMail {
  userId: string;
  email: string;
  key: string;
  kind: StaffNotificationKind;
  /** The case a new assignment is on: its history records the message. Digests and reminders span cases. */
  caseEvent: { caseId: string; eventId: string } | null;
  message: RenderedMessage;
}

function lineOf(line: StaffMailLine, language: Language): AssignmentLine {
  return { reference: line.reference, department: line.departmentName[language], role: line.role, answerBy: line.answerBy };
}

/**
 * Sends one message and records what became of it: `retry` for a temporary failure the
 * queue should try again (unless this is the last attempt, which records it as failed).
 * Like the enterprise's messages: at least once, and sent twice only if the process dies
 * between the server's acceptance and the record.
 */
async function deliver(deps: StaffNotificationDeps, mail: StaffMail, last: boolean): Promise<'done' | 'retry'> {
  const outcome = await deps.transport.send({
    ...mail.message,
    from: deps.from,
    to: mail.email,
    messageId: staffMessageIdFor(mail.key, mail.userId, deps.publicBaseUrl),
    language: STAFF_LANGUAGE,
  });
  const logged = { userId: mail.userId, kind: mail.kind, key: mail.key, transport: deps.transport.name };
  if (outcome.status === 'temporary' && !last) {
    deps.log.warn({ ...logged, code: outcome.code }, 'staff notification not sent; will retry');
    return 'retry';
  }
  const reason = outcome.status === 'accepted' ? null : maskAddressesIn(outcome.reason);
  await deps.db.transaction().execute(async (trx) => {
    const first = await insertStaffSentRecord(trx, {
      userId: mail.userId,
      key: mail.key,
      kind: mail.kind,
      caseId: mail.caseEvent?.caseId ?? null,
      outcome: outcome.status === 'accepted' ? 'sent' : 'failed',
      smtpCode: outcome.status === 'accepted' ? null : outcome.code,
      error: reason,
    });
    if (!first || !mail.caseEvent) return;
    const common = { kind: 'new_assignment' as const, channel: 'email' as const, recipient: maskAddress(mail.email), eventId: mail.caseEvent.eventId };
    const event: NotificationOutcomeEvent =
      outcome.status === 'accepted'
        ? { type: CaseEventType.notification_sent, data: common }
        : { type: CaseEventType.notification_failed, data: { ...common, code: outcome.code, reason: reason ?? '' } };
    await deps.recordOutcome(trx, mail.caseEvent.caseId, event);
  });
  if (outcome.status === 'accepted') deps.log.info(logged, 'staff notification sent');
  else deps.log.warn({ ...logged, code: outcome.code }, 'staff notification failed for good');
  return 'done';
}

/** Sends each mail in turn; throws for the queue to try again if any failed for now (those sent are recorded, and skipped next time). */
async function deliverAll(deps: StaffNotificationDeps, mails: StaffMail[], last: boolean): Promise<number> {
  let retry = 0;
  for (const mail of mails) if ((await deliver(deps, mail, last)) === 'retry') retry += 1;
  if (retry > 0) throw new TemporaryMailError(`${retry} of ${mails.length} messages to staff not sent yet`);
  return mails.length;
}

const ORIGIN: Partial<Record<CaseEventType, AssignmentOrigin>> = {
  [CaseEventType.routed]: 'intake',
  [CaseEventType.transferred]: 'transfer',
  [CaseEventType.involved]: 'involved',
  [CaseEventType.rerouted]: 'reroute',
};

function staffUrl(deps: StaffNotificationDeps): string {
  return `${deps.publicBaseUrl}${STAFF_HOME_PATH}`;
}

/**
 * Tells the caseworkers who chose `immediately` of the assignments a case event gave their
 * departments: one message per user and assignment, recorded on the case.
 */
export async function sendNewAssignmentNotices(deps: StaffNotificationDeps, eventId: string, attempt: { last: boolean }): Promise<void> {
  const context = await findAssignmentEvent(deps.db, eventId);
  if (!context) return;
  const departments = newAssignmentsOf(context.event).map((a) => a.department);
  const origin = ORIGIN[context.event.type];
  if (departments.length === 0 || !origin) return;
  const recipients = await findNewAssignmentRecipients(deps.db, { eventId, caseId: context.caseId, departments, actorId: context.actorId });
  const mails = recipients.map(
    (line): StaffMail => ({
      userId: line.userId,
      email: line.email,
      key: staffMailKey.newAssignment(eventId, line.department),
      kind: 'new_assignment',
      caseEvent: { caseId: context.caseId, eventId },
      message: renderNewAssignment(STAFF_LANGUAGE, { ...lineOf(line, STAFF_LANGUAGE), origin, staffUrl: staffUrl(deps) }),
    }),
  );
  await deliverAll(deps, mails, attempt.last);
}

interface UserLines {
  userId: string;
  email: string;
  lines: StaffMailLine[];
}

function byUser(lines: StaffMailLine[]): UserLines[] {
  const users = new Map<string, UserLines>();
  for (const line of lines) {
    const user = users.get(line.userId) ?? { userId: line.userId, email: line.email, lines: [] };
    user.lines.push(line);
    users.set(line.userId, user);
  }
  return [...users.values()];
}

/** The day's digest to each caseworker who chose `daily` and has new assignments waiting. */
export async function sendDigests(deps: StaffNotificationDeps, day: StaffMailDay, attempt: { last: boolean }): Promise<number> {
  const mails = byUser(await findDigestLines(deps.db, day)).map(
    ({ userId, email, lines }): StaffMail => ({
      userId,
      email,
      key: staffMailKey.digest(day.day),
      kind: 'assignment_digest',
      caseEvent: null,
      message: renderDigest(STAFF_LANGUAGE, { assignments: lines.map((line) => lineOf(line, STAFF_LANGUAGE)), staffUrl: staffUrl(deps) }),
    }),
  );
  return deliverAll(deps, mails, attempt.last);
}

/** The day's reminder to each user with open assignments of their own past their answer date. */
export async function sendOverdueReminders(deps: StaffNotificationDeps, day: StaffMailDay, attempt: { last: boolean }): Promise<number> {
  const mails = byUser(await findOverdueLines(deps.db, day.day)).map(
    ({ userId, email, lines }): StaffMail => ({
      userId,
      email,
      key: staffMailKey.overdue(day.day),
      kind: 'overdue_reminder',
      caseEvent: null,
      message: renderOverdueReminder(STAFF_LANGUAGE, { assignments: lines.map((line) => lineOf(line, STAFF_LANGUAGE)), staffUrl: staffUrl(deps) }),
    }),
  );
  return deliverAll(deps, mails, attempt.last);
}

/**
 * The daily mail due at `at` (the hour the queue scheduled the run for): nothing outside
 * the digest hour of a working day. Both kinds are tried even if the first fails for now.
 */
export async function sendDailyStaffMail(deps: StaffNotificationDeps, at: Date, attempt: { last: boolean }): Promise<{ digests: number; reminders: number } | null> {
  const day = staffMailDayAt(at, deps.digestHour, deps.calendar);
  if (!day) return null;
  const [digests, reminders] = await Promise.allSettled([sendDigests(deps, day, attempt), sendOverdueReminders(deps, day, attempt)]);
  if (digests.status === 'rejected') throw digests.reason;
  if (reminders.status === 'rejected') throw reminders.reason;
  return { digests: digests.value, reminders: reminders.value };
}
