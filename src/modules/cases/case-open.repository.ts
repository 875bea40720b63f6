import { type Kysely, type RawBuilder, sql } from 'kysely';
import { type CaseEvent, type CaseEventData, type CaseEventOf, CaseEventType } from '../../domain/case-events.js';
import type { DB } from '../../db/schema.js';
import { autoDepartmentsSql } from '../assignment/assignment-choice.repository.js';
import { announcedTypes, anyRecipientOfNewCase, type Recipient, recipientsAmong } from '../webhooks/outbox.repository.js';
import { type AppendedRow, appendedFromJson } from './events.repository.js';

type Created = typeof CaseEventType.created;

/** A case's first events: `created` without its reference, which the opening statement draws and adds. */
export type OpeningEvent = (
  | (Omit<CaseEventOf<Created>, 'data'> & { data: Omit<CaseEventData<Created>, 'reference'> })
  | Exclude<CaseEvent, { type: Created }>
) & { actorId: string | null; actorRole: string };

export interface NewCase {
  /**
   * The statement that writes the case's inquiry and returns its `id`. The inquiries
   * module owns that table and hands its statement over, so that inquiry, case,
   * assignments and first events are still written by one statement.
   */
  insertInquiry: (onlyIf?: RawBuilder<boolean>) => RawBuilder<unknown>;
  /**
   * Written by a statement of its own, outside any transaction (a statement is atomic by
   * itself): then only when nothing else has to be written with it, i.e. no webhook
   * endpoint hears of the case and no department's policy hands out its work. Otherwise
   * the statement writes nothing and `insertCase` answers null.
   */
  alone?: boolean;
  /** The integrator who submitted it, or null from the web form: whose webhooks hear of it. */
  submittedBy: string | null;
  openedAt: Date;
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
  events: readonly OpeningEvent[];
  /**
   * The notifications module's statement writing the outbox rows of the messages these
   * events send, run as a part of this statement (it reads the CTE `appended`); null when
   * they send none.
   */
  insertOutbox: RawBuilder<unknown> | null;
}

export interface OpenedCase {
  inquiryId: string;
  caseId: string;
  reference: string;
  /** The events as appended, and the webhook endpoints to tell of them (for the outbox). */
  appended: AppendedRow[];
  recipients: Recipient[];
  /** The case's departments whose assignment policy hands out work (see `assignOpenedCase`). */
  autoDepartments: string[];
}

/**
 * Writes the inquiry, its case, one queued assignment per department (lead first) and the
 * case's first events in one statement, which also finds the webhook endpoints to tell:
 * one round trip instead of five, inside the caller's transaction. A global sequence
 * numbers the references rather than a counter row per year, which would serialise every
 * intake on its lock; references never repeat, gaps are allowed. The same statement finds
 * the case's departments whose assignment policy hands out work (none by default), so
 * that a pulling department's intake takes no more statements than before.
 */
export async function insertCase(trx: Kysely<DB>, opening: NewCase): Promise<OpenedCase | null> {
  const at = opening.openedAt;
  const departments = [opening.leadDepartment, ...opening.involvedDepartments];
  const roles = departments.map((_, index) => (index === 0 ? 'lead' : 'involved'));
  const events = JSON.stringify(
    opening.events.map((e) => ({ type: e.type, actorId: e.actorId, actorRole: e.actorRole, department: e.department ?? null, data: e.data })),
  );
  // Which webhooks an event produces does not depend on the reference.
  const types = announcedTypes(opening.events as unknown as CaseEvent[]);
  // The new case is not in the statement's snapshot: its recipients are found from the CTE.
  const recipients = types.length
    ? recipientsAmong(sql`(SELECT new_case.id, ${opening.submittedBy}::uuid AS submitted_by FROM new_case)`, types)
    : sql<Recipient[]>`'[]'::json`;
  const onlyIf = opening.alone
    ? sql<boolean>`NOT ${anyRecipientOfNewCase(opening.submittedBy, types)} AND NOT EXISTS (${autoDepartmentsSql(departments)})`
    : undefined;
  const { rows } = await sql<Omit<OpenedCase, 'appended'> & { appended: Array<Omit<AppendedRow, 'created_at' | 'type'> & { type: string; created_at: string }> }>`
    WITH new_inquiry AS (${opening.insertInquiry(onlyIf)}
    ), new_case AS (
      INSERT INTO cases (inquiry_id, reference, status, lead_department, routing_version, matched_rule_ids,
                         tracking_token_hash, due_date, created_at, updated_at)
      -- Six digits at least, more when the sequence outgrows them (lpad alone would cut).
      SELECT id, ${opening.referencePrefix} || '-' || ${String(opening.referenceYear)} || '-' || lpad(seq.n, greatest(6, length(seq.n)), '0'),
             'received', ${opening.leadDepartment}, ${opening.routingVersion}, ${opening.matchedRuleIds}::text[],
             ${opening.trackingTokenHash}, ${opening.dueDate}, ${at}, ${at}
      FROM new_inquiry, (SELECT nextval('case_reference_seq')::text AS n) AS seq
      RETURNING id, inquiry_id, reference
    ), new_assignments AS (
      INSERT INTO assignments (case_id, department_code, role, status, due_date, priority, queued_at, updated_at)
      SELECT new_case.id, a.department, a.role, 'queued', ${opening.dueDate}, 0, ${at}, ${at}
      FROM new_case, unnest(${departments}::text[], ${roles}::text[]) WITH ORDINALITY AS a(department, role, position)
      ORDER BY a.position
    ), appended AS (
      INSERT INTO case_events (case_id, type, actor_id, actor_role, department, data)
      SELECT new_case.id, e.event->>'type', (e.event->>'actorId')::uuid, e.event->>'actorRole', e.event->>'department',
             CASE WHEN e.event->>'type' = ${CaseEventType.created} THEN jsonb_build_object('reference', new_case.reference) ELSE '{}'::jsonb END
               || (e.event->'data')
      FROM new_case, jsonb_array_elements(${events}::jsonb) WITH ORDINALITY AS e(event, position)
      ORDER BY e.position
      RETURNING id, case_id, type, department, data, created_at
    ), auto_policies AS (${autoDepartmentsSql(departments)}
    )${opening.insertOutbox ? sql`, outbox AS (${opening.insertOutbox})` : sql``}
    SELECT inquiry_id AS "inquiryId", id AS "caseId", reference,
           (SELECT coalesce(json_agg(json_build_object('id', a.id::text, 'case_id', a.case_id, 'type', a.type, 'department', a.department,
                                                       'data', a.data, 'created_at', a.created_at) ORDER BY a.id), '[]')
            FROM appended a) AS appended,
           ${recipients} AS recipients,
           ARRAY(SELECT department FROM auto_policies) AS "autoDepartments"
    FROM new_case`.execute(trx);
  const row = rows[0];
  if (!row) {
    if (opening.alone) return null;
    throw new Error('The statement opening the case returned no case');
  }
  return { ...row, appended: appendedFromJson(row.appended) };
}
