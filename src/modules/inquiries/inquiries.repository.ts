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

export async function nextCaseSequence(trx: Transaction<DB>): Promise<number> {
  const { rows } = await sql<{ n: string }>`SELECT nextval('case_reference_seq') AS n`.execute(trx);
  return Number(rows[0]?.n);
}

export interface NewCase {
  inquiryId: string;
  reference: string;
  leadDepartment: string;
  routingVersion: number;
  matchedRuleIds: string[];
  trackingTokenHash: Buffer;
  dueDate: string;
  createdAt: Date;
}

export async function insertCase(trx: Transaction<DB>, c: NewCase): Promise<string> {
  const row = await trx
    .insertInto('cases')
    .values({
      inquiry_id: c.inquiryId,
      reference: c.reference,
      status: 'received',
      lead_department: c.leadDepartment,
      routing_version: c.routingVersion,
      matched_rule_ids: c.matchedRuleIds,
      tracking_token_hash: c.trackingTokenHash,
      due_date: c.dueDate,
      created_at: c.createdAt,
      updated_at: c.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
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
