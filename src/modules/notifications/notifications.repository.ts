import { sql, type Kysely, type Transaction } from 'kysely';
import type { CaseEvent } from '../../domain/case-events.js';
import type { Language, NotificationKind } from '../../domain/notifications.js';
import type { DB } from '../../db/schema.js';

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
