import { sql, type Kysely, type Transaction } from 'kysely';
import type { CaseEvent } from '../../domain/case-events.js';
import type { Language, NotificationKind } from '../../domain/notifications.js';
import type { DB } from '../../db/schema.js';
import { ERASED_TEXT } from '../../domain/retention.js';

/** What a message about one event needs: read when it is sent, so it tells the case as it is. */
export interface MailContext {
  eventId: string;
  caseId: string;
  event: CaseEvent;
  reference: string;
  language: Language;
  contactEmail: string;
  leadDepartment: { da: string; en: string };
  answerBy: string;
  /** Whether this event's message has been sent or given up on already. */
  recorded: boolean;
}

export async function findMailContext(db: Kysely<DB>, eventId: string): Promise<MailContext | null> {
  const row = await db
    .selectFrom('case_events as e')
    .innerJoin('cases as c', 'c.id', 'e.case_id')
    .innerJoin('inquiries as i', 'i.id', 'c.inquiry_id')
    .innerJoin('departments as d', 'd.code', 'c.lead_department')
    .select([
      sql<string>`e.id::text`.as('eventId'),
      'e.case_id as caseId',
      'e.type',
      'e.data',
      'c.reference',
      'i.language',
      'i.contact_email as contactEmail',
      'd.name_da',
      'd.name_en',
      'c.due_date as answerBy',
      (eb) =>
        eb
          .exists(eb.selectFrom('notifications_sent as n').select('n.case_event_id').whereRef('n.case_event_id', '=', 'e.id').where('n.channel', '=', 'email'))
          .as('recorded'),
    ])
    .where('e.id', '=', eventId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    eventId: row.eventId,
    caseId: row.caseId,
    event: { type: row.type, data: row.data ?? {} } as CaseEvent,
    reference: row.reference,
    language: row.language,
    contactEmail: row.contactEmail,
    leadDepartment: { da: row.name_da, en: row.name_en },
    answerBy: row.answerBy,
    recorded: Boolean(row.recorded),
  };
}

export interface SentRecord {
  eventId: string;
  caseId: string;
  kind: NotificationKind;
  outcome: 'sent' | 'failed';
  smtpCode: number | null;
  error: string | null;
}

/** Records the outcome; false when another run of the job recorded it first (its record stands). */
export async function insertSentRecord(trx: Transaction<DB>, record: SentRecord): Promise<boolean> {
  const inserted = await trx
    .insertInto('notifications_sent')
    .values({
      case_event_id: record.eventId,
      channel: 'email',
      case_id: record.caseId,
      kind: record.kind,
      outcome: record.outcome,
      smtp_code: record.smtpCode,
      error: record.error,
    })
    .onConflict((oc) => oc.columns(['case_event_id', 'channel']).doNothing())
    .returning('case_event_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/**
 * Erases what the mail records of these cases may hold of the contact (a mail server's
 * refusal quotes the address: `pattern`, see `erasurePattern`) and drops the messages
 * still waiting in the outbox: there is nobody left to write to.
 */
export async function eraseMailRecords(trx: Transaction<DB>, targets: ReadonlyArray<{ caseId: string; pattern: string | null }>): Promise<void> {
  if (targets.length === 0) return;
  const list = JSON.stringify(targets);
  await sql`
    WITH t AS (SELECT * FROM jsonb_to_recordset(${list}::jsonb) AS t("caseId" uuid, pattern text))
    UPDATE notifications_sent n SET error = regexp_replace(n.error, t.pattern, ${ERASED_TEXT}, 'gi')
    FROM t WHERE n.case_id = t."caseId" AND n.case_id = ANY(${targets.map((t) => t.caseId)}::uuid[]) AND t.pattern IS NOT NULL AND n.error ~* t.pattern`.execute(trx);
  await sql`
    DELETE FROM notification_outbox o USING case_events e
    WHERE o.case_event_id = e.id AND e.case_id = ANY(${targets.map((t) => t.caseId)}::uuid[])`.execute(trx);
}
