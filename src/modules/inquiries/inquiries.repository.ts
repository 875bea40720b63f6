import { sql, type Kysely, type Transaction } from 'kysely';
import type { AssignmentRole, DB, NewInquiry } from '../../db/schema.js';

export async function insertInquiry(trx: Transaction<DB>, inquiry: NewInquiry): Promise<{ id: string; receivedAt: Date }> {
  const row = await trx
    .insertInto('inquiries')
    .values(inquiry)
    .returning(['id', 'received_at as receivedAt'])
    .executeTakeFirstOrThrow();
  return row;
}

export interface NewCase {
  inquiryId: string;
  /** The reference is `<prefix>-<year>-<sequence>`, the sequence drawn in the same statement. */
  referencePrefix: string;
  referenceYear: number;
  leadDepartment: string;
  routingVersion: number;
  matchedRuleIds: string[];
  trackingTokenHash: Buffer;
  dueDate: string;
  createdAt: Date;
}

export async function insertCase(trx: Transaction<DB>, c: NewCase): Promise<{ id: string; reference: string }> {
  return trx
    .insertInto('cases')
    .values({
      inquiry_id: c.inquiryId,
      // One round trip fewer than asking for the next number first. A global sequence, not a
      // counter row per year: a counter row would serialise every intake on its lock.
      reference: sql<string>`${c.referencePrefix} || '-' || ${String(c.referenceYear)} || '-' || lpad(nextval('case_reference_seq')::text, 6, '0')`,
      status: 'received',
      lead_department: c.leadDepartment,
      routing_version: c.routingVersion,
      matched_rule_ids: c.matchedRuleIds,
      tracking_token_hash: c.trackingTokenHash,
      due_date: c.dueDate,
      created_at: c.createdAt,
      updated_at: c.createdAt,
    })
    .returning(['id', 'reference'])
    .executeTakeFirstOrThrow();
}

export interface NewAssignment {
  department: string;
  role: AssignmentRole;
  dueDate: string;
  priority?: number;
}

export async function insertAssignments(trx: Transaction<DB>, caseId: string, assignments: NewAssignment[], at: Date): Promise<void> {
  await trx
    .insertInto('assignments')
    .values(
      assignments.map((a) => ({
        case_id: caseId,
        department_code: a.department,
        role: a.role,
        status: 'queued' as const,
        due_date: a.dueDate,
        priority: a.priority ?? 0,
        queued_at: at,
        updated_at: at,
      })),
    )
    .execute();
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
