import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { DB, NewInquiry } from '../../db/schema.js';
import { ERASED_EMAIL, ERASED_TEXT } from '../../domain/retention.js';

/**
 * The statement that writes an inquiry and returns its `id`, for the statement that opens
 * its case (`openCase` in the cases module) to run as its first part. With `onlyIf`, the
 * inquiry is written only when that condition holds (and then nothing that reads its `id`).
 */
export type InquiryInsert = (onlyIf?: RawBuilder<boolean>) => RawBuilder<{ id: string }>;

export function insertInquiry(i: Omit<NewInquiry, 'id' | 'received_at'>, receivedAt: Date): InquiryInsert {
  return (onlyIf) => sql<{ id: string }>`
      INSERT INTO inquiries (received_at, channel, submitted_by, cvr, enterprise_name, postcode, employees,
                             registered_social_enterprise, contact_name, contact_email, contact_phone, topics,
                             subject, description, language, consent)
      SELECT ${receivedAt}::timestamptz, ${i.channel}, ${i.submitted_by ?? null}::uuid, ${i.cvr}, ${i.enterprise_name}, ${i.postcode ?? null},
             ${i.employees ?? null}::int, ${i.registered_social_enterprise ?? null}::boolean, ${i.contact_name}, ${i.contact_email},
             ${i.contact_phone ?? null}, ${i.topics}::text[], ${i.subject}, ${i.description}, ${i.language}, ${i.consent}::boolean
      ${onlyIf ? sql`WHERE ${onlyIf}` : sql``}
      RETURNING id`;
}

export interface CaseForEnterprise {
  caseId: string;
  reference: string;
  status: 'received' | 'in_progress' | 'waiting_for_you' | 'resolved';
  subject: string;
  receivedAt: Date;
  trackingTokenHash: Buffer;
  leadDepartment: string;
  leadNameDa: string;
  leadNameEn: string;
  leadDueDate: string | null;
}

export async function findCaseForEnterprise(db: Kysely<DB>, reference: string): Promise<CaseForEnterprise | null> {
  const row = await db
    .selectFrom('cases as c')
    .innerJoin('inquiries as i', 'i.id', 'c.inquiry_id')
    .innerJoin('departments as d', 'd.code', 'c.lead_department')
    .leftJoin('assignments as a', (join) =>
      join.onRef('a.case_id', '=', 'c.id').on('a.role', '=', 'lead').on('a.status', '<>', 'transferred'),
    )
    .select([
      'c.id as caseId',
      'c.reference',
      'c.status',
      'i.subject',
      'i.received_at as receivedAt',
      'c.tracking_token_hash as trackingTokenHash',
      'c.lead_department as leadDepartment',
      'd.name_da as leadNameDa',
      'd.name_en as leadNameEn',
      'a.due_date as leadDueDate',
    ])
    .where('c.reference', '=', reference)
    .executeTakeFirst();
  return row ?? null;
}

export interface InquiryContact {
  inquiryId: string;
  name: string;
  email: string;
  phone: string | null;
}

/** The contacts of these inquiries, for an erasure to find their values wherever else they were copied. */
export async function findContacts(trx: Transaction<DB>, inquiryIds: readonly string[]): Promise<InquiryContact[]> {
  if (inquiryIds.length === 0) return [];
  return trx
    .selectFrom('inquiries')
    .select(['id as inquiryId', 'contact_name as name', 'contact_email as email', 'contact_phone as phone'])
    .where('id', 'in', [...inquiryIds])
    .execute();
}

/**
 * Erases the personal data of these inquiries: the contact's name, address and number,
 * and the free text (subject and description). What statistics and routing count stays:
 * the enterprise (a business, by its CVR number), topics, channel, language, dates.
 */
export async function anonymiseInquiries(trx: Transaction<DB>, inquiryIds: readonly string[]): Promise<void> {
  if (inquiryIds.length === 0) return;
  await trx
    .updateTable('inquiries')
    .set({ contact_name: ERASED_TEXT, contact_email: ERASED_EMAIL, contact_phone: null, subject: ERASED_TEXT, description: ERASED_TEXT })
    .where('id', 'in', [...inquiryIds])
    .execute();
}

/** Deletes these inquiries (their cases are gone first). */
export async function deleteInquiries(trx: Transaction<DB>, inquiryIds: readonly string[]): Promise<void> {
  if (inquiryIds.length === 0) return;
  await trx.deleteFrom('inquiries').where('id', 'in', [...inquiryIds]).execute();
}
