import { sql, type Kysely, type Transaction } from 'kysely';
import type { AssignmentRole, DB, NewInquiry } from '../../db/schema.js';
import { type AppendedRow, appendedFromJson, type NewCaseEvent } from '../cases/events.repository.js';
import { announcedTypes, type Recipient, recipientsAmong } from '../webhooks/outbox.repository.js';

export interface NewIntake {
  inquiry: Omit<NewInquiry, 'id' | 'received_at'>;
  receivedAt: Date;
  /** The reference is `<prefix>-<year>-<sequence>`, the sequence drawn in the same statement. */
  referencePrefix: string;
  referenceYear: number;
  leadDepartment: string;
  involvedDepartments: string[];
  routingVersion: number;
  matchedRuleIds: string[];
  trackingTokenHash: Buffer;
  dueDate: string;
  /** The case's first events, in order. */
  events: IntakeEvent[];
}

export interface IntakeEvent extends Omit<NewCaseEvent, 'caseId'> {
  /** Adds the case's reference, drawn by the statement, to the event's data. */
  withReference?: boolean;
}

export interface WrittenIntake {
  inquiryId: string;
  caseId: string;
  reference: string;
  /** The events as appended, and the webhook endpoints to tell of them (for the outbox). */
  appended: AppendedRow[];
  recipients: Recipient[];
}

/**
 * Writes the inquiry, its case, one queued assignment per department (lead first) and the
 * case's first events in one statement, which also finds the webhook endpoints to tell:
 * one round trip instead of five, inside the caller's transaction. A global sequence
 * numbers the references rather than a counter row per year, which would serialise every
 * intake on its lock; references never repeat, gaps are allowed.
 */
export async function insertIntake(trx: Transaction<DB>, intake: NewIntake): Promise<WrittenIntake> {
  const i = intake.inquiry;
  const at = intake.receivedAt;
  const departments = [intake.leadDepartment, ...intake.involvedDepartments];
  const roles = departments.map((_, index) => (index === 0 ? 'lead' : 'involved'));
  const events = JSON.stringify(
    intake.events.map((e) => ({ type: e.type, actorId: e.actorId ?? null, actorRole: e.actorRole ?? null, department: e.department ?? null, data: e.data ?? {}, withReference: e.withReference ?? false })),
  );
  const types = announcedTypes(intake.events.map((e) => ({ type: e.type, data: e.data ?? {} })));
  // The new case is not in the statement's snapshot: its recipients are found from the CTE.
  const recipients = types.length
    ? recipientsAmong(sql`(SELECT new_case.id, ${i.submitted_by ?? null}::uuid AS submitted_by FROM new_case)`, types)
    : sql<Recipient[]>`'[]'::json`;
  const { rows } = await sql<Omit<WrittenIntake, 'appended'> & { appended: Array<Omit<AppendedRow, 'created_at'> & { created_at: string }> }>`
    WITH new_inquiry AS (
      INSERT INTO inquiries (received_at, channel, submitted_by, cvr, enterprise_name, postcode, employees,
                             registered_social_enterprise, contact_name, contact_email, contact_phone, topics,
                             subject, description, language, consent)
      VALUES (${at}, ${i.channel}, ${i.submitted_by ?? null}, ${i.cvr}, ${i.enterprise_name}, ${i.postcode ?? null},
              ${i.employees ?? null}, ${i.registered_social_enterprise ?? null}, ${i.contact_name}, ${i.contact_email},
              ${i.contact_phone ?? null}, ${i.topics}::text[], ${i.subject}, ${i.description}, ${i.language}, ${i.consent})
      RETURNING id
    ), new_case AS (
      INSERT INTO cases (inquiry_id, reference, status, lead_department, routing_version, matched_rule_ids,
                         tracking_token_hash, due_date, created_at, updated_at)
      -- Six digits at least, more when the sequence outgrows them (lpad alone would cut).
      SELECT id, ${intake.referencePrefix} || '-' || ${String(intake.referenceYear)} || '-' || lpad(seq.n, greatest(6, length(seq.n)), '0'),
             'received', ${intake.leadDepartment}, ${intake.routingVersion}, ${intake.matchedRuleIds}::text[],
             ${intake.trackingTokenHash}, ${intake.dueDate}, ${at}, ${at}
      FROM new_inquiry, (SELECT nextval('case_reference_seq')::text AS n) AS seq
      RETURNING id, inquiry_id, reference
    ), new_assignments AS (
      INSERT INTO assignments (case_id, department_code, role, status, due_date, priority, queued_at, updated_at)
      SELECT new_case.id, a.department, a.role, 'queued', ${intake.dueDate}, 0, ${at}, ${at}
      FROM new_case, unnest(${departments}::text[], ${roles}::text[]) WITH ORDINALITY AS a(department, role, position)
      ORDER BY a.position
    ), appended AS (
      INSERT INTO case_events (case_id, type, actor_id, actor_role, department, data)
      SELECT new_case.id, e.event->>'type', (e.event->>'actorId')::uuid, e.event->>'actorRole', e.event->>'department',
             CASE WHEN (e.event->>'withReference')::boolean THEN jsonb_build_object('reference', new_case.reference) ELSE '{}'::jsonb END
               || (e.event->'data')
      FROM new_case, jsonb_array_elements(${events}::jsonb) WITH ORDINALITY AS e(event, position)
      ORDER BY e.position
      RETURNING id, case_id, type, department, data, created_at
    )
    SELECT inquiry_id AS "inquiryId", id AS "caseId", reference,
           (SELECT coalesce(json_agg(json_build_object('id', a.id::text, 'case_id', a.case_id, 'type', a.type, 'department', a.department,
                                                       'data', a.data, 'created_at', a.created_at) ORDER BY a.id), '[]')
            FROM appended a) AS appended,
           ${recipients} AS recipients
    FROM new_case`.execute(trx);
  const row = rows[0];
  if (!row) throw new Error('The intake statement returned no case');
  return { ...row, appended: appendedFromJson(row.appended) };
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
