import { type Kysely, sql, type Transaction } from 'kysely';
import { CaseEventType } from '../../domain/case-events.js';
import { type DueCutoffs, ERASED_TEXT, type NoteScope, scrubText } from '../../domain/retention.js';
import type { DB } from '../../db/schema.js';
import { caseReadRow, type CaseRead } from './case-reads.repository.js';
import { type AssignmentRow, type CaseRow, caseColumns, findAssignments, findInquiry, type InquiryRow } from './cases.repository.js';
import { announceEvents, appendedColumns, caseEventRows, type CaseEventRow, findEvents, type NewCaseEvent } from './events.repository.js';
import { findNotes, type NoteRow } from './notes.repository.js';

// What retention needs of cases, notes and events: this module stays their only writer.
// Every function here takes the case rows' lock first (FOR NO KEY UPDATE, as all case work
// does), so an erasure never interleaves with a claim, a note or another erasure.

export interface LegalHold {
  reason: string;
  since: Date;
  byUserId: string | null;
}

/** A case as retention sees it. */
export interface RetentionCase {
  id: string;
  inquiryId: string;
  reference: string;
  closedAt: Date | null;
  erasedAt: Date | null;
  legalHold: LegalHold | null;
}

const retentionColumns = [
  'c.id',
  'c.inquiry_id as inquiryId',
  'c.reference',
  'c.closed_at as closedAt',
  'c.personal_data_erased_at as erasedAt',
  'c.legal_hold_reason as holdReason',
  'c.legal_hold_since as holdSince',
  'c.legal_hold_by as holdBy',
] as const;

type RetentionRow = {
  id: string;
  inquiryId: string;
  reference: string;
  closedAt: Date | null;
  erasedAt: Date | null;
  holdReason: string | null;
  holdSince: Date | null;
  holdBy: string | null;
};

function retentionCase(row: RetentionRow): RetentionCase {
  const { holdReason, holdSince, holdBy, ...rest } = row;
  return { ...rest, legalHold: holdReason !== null && holdSince !== null ? { reason: holdReason, since: holdSince, byUserId: holdBy } : null };
}

/** Locks one case for a retention action, waiting for work on it to finish; null when there is no such case. */
export async function lockCaseForRetention(trx: Transaction<DB>, caseId: string): Promise<RetentionCase | null> {
  const row = await trx.selectFrom('cases as c').select(retentionColumns).where('c.id', '=', caseId).forNoKeyUpdate('c').executeTakeFirst();
  return row ? retentionCase(row) : null;
}

export type DueAction = 'delete' | 'anonymise';

/**
 * The cases an action is due for: resolved at or before the cutoff, not held (and for
 * anonymising, not anonymised yet nor due for deletion). The rules of `actionFor`
 * (src/domain/retention.ts) as a query over the partial indexes made for it.
 */
function dueCases(db: Kysely<DB>, action: DueAction, cutoffs: DueCutoffs) {
  const cutoff = action === 'delete' ? cutoffs.deleteResolvedBefore : cutoffs.anonymiseResolvedBefore;
  let query = db
    .selectFrom('cases as c')
    .where('c.closed_at', 'is not', null)
    .where('c.legal_hold_reason', 'is', null)
    .where('c.closed_at', '<=', cutoff ?? new Date(0));
  if (cutoff === null) query = query.where(sql<boolean>`false`);
  if (action === 'anonymise') {
    query = query.where('c.personal_data_erased_at', 'is', null);
    // A case due for deletion is deleted, not anonymised first.
    if (cutoffs.deleteResolvedBefore) query = query.where('c.closed_at', '>', cutoffs.deleteResolvedBefore);
  }
  return query;
}

/**
 * Locks up to `limit` cases the action is due for, oldest resolution first, skipping
 * cases locked by anyone else: several runs at once each take other cases, and none
 * waits for a caseworker's transaction (the case is simply taken the next night).
 * `exclude`: cases this run gave up on; `onlyId`: check one case only; `after`: the last
 * case of the previous batch, to seek past it rather than step over the index entries of
 * the cases acted on so far (they stay in the index until vacuumed).
 */
export async function lockDueCases(
  trx: Transaction<DB>,
  action: DueAction,
  cutoffs: DueCutoffs,
  limit: number,
  exclude: readonly string[] = [],
  onlyId?: string,
  after?: { closedAt: Date; id: string },
): Promise<RetentionCase[]> {
  let query = dueCases(trx, action, cutoffs);
  if (exclude.length > 0) query = query.where('c.id', 'not in', [...exclude]);
  if (onlyId !== undefined) query = query.where('c.id', '=', onlyId);
  if (after) query = query.where(sql<boolean>`(c.closed_at, c.id) > (${after.closedAt}, ${after.id}::uuid)`);
  const rows = await query
    .select(retentionColumns)
    .orderBy('c.closed_at')
    .orderBy('c.id')
    .limit(limit)
    .forNoKeyUpdate('c')
    .skipLocked()
    .execute();
  return rows.map(retentionCase);
}

export interface DueSummary {
  count: number;
  references: string[];
}

/** How many cases the action is due for, and the references of the first `limit` (oldest resolution first). */
export async function summariseDue(db: Kysely<DB>, action: DueAction, cutoffs: DueCutoffs, limit: number): Promise<DueSummary> {
  const { count } = await dueCases(db, action, cutoffs).select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow();
  const rows = await dueCases(db, action, cutoffs).select('c.reference').orderBy('c.closed_at').orderBy('c.id').limit(limit).execute();
  return { count: Number(count), references: rows.map((row) => row.reference) };
}

/** Held cases that the schedule would otherwise act on. */
export async function summariseHeldDue(db: Kysely<DB>, cutoffs: DueCutoffs, limit: number): Promise<DueSummary> {
  const latest = [cutoffs.deleteResolvedBefore, cutoffs.anonymiseResolvedBefore].filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0];
  if (!latest) return { count: 0, references: [] };
  const base = db
    .selectFrom('cases as c')
    .where('c.legal_hold_reason', 'is not', null)
    .where('c.closed_at', '<=', latest)
    .where((eb) =>
      eb.or([
        ...(cutoffs.deleteResolvedBefore ? [eb('c.closed_at', '<=', cutoffs.deleteResolvedBefore)] : []),
        ...(cutoffs.anonymiseResolvedBefore ? [eb.and([eb('c.closed_at', '<=', cutoffs.anonymiseResolvedBefore), eb('c.personal_data_erased_at', 'is', null)])] : []),
      ]),
    );
  const { count } = await base.select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow();
  const rows = await base.select('c.reference').orderBy('c.closed_at').orderBy('c.id').limit(limit).execute();
  return { count: Number(count), references: rows.map((row) => row.reference) };
}

/** Puts a locked case under legal hold (or releases it) and records who and why. */
export async function saveLegalHold(
  trx: Transaction<DB>,
  caseId: string,
  hold: { reason: string } | null,
  actor: { userId: string; role: string },
  reason: string,
): Promise<void> {
  await trx
    .updateTable('cases')
    .set({
      legal_hold_reason: hold?.reason ?? null,
      legal_hold_since: hold ? sql`now()` : null,
      legal_hold_by: hold ? actor.userId : null,
      revision: sql`revision + 1`,
      updated_at: sql`now()`,
    })
    .where('id', '=', caseId)
    .execute();
  await appendEvents(trx, [
    { caseId, actorId: actor.userId, actorRole: actor.role, type: CaseEventType.legal_hold_changed, department: null, data: { hold: hold !== null, reason } },
  ]);
}

/** One case to erase, with the pattern of its contact's values (see `erasurePattern`) in plain text and inside JSON strings. */
export interface ErasureTarget {
  caseId: string;
  pattern: string | null;
  jsonPattern: string | null;
}

export interface Tombstone {
  trigger: 'request' | 'schedule';
  reason: string;
  scheduleVersion?: number;
  fields: string[];
  notes: NoteScope;
  actor: { userId: string | null; role: string };
}

/**
 * Erases the personal data the cases module keeps for locked cases: note texts (in full
 * for notes to the enterprise, or for all with `notes: 'all'`; elsewhere the contact's
 * values where they occur), the same texts in the events' payloads (a note to the
 * enterprise carries its body; a mail's record its masked address and the server's
 * reply), and marks the cases erased with a tombstone event each. Returns how many note
 * texts were replaced per case.
 */
export async function eraseCaseTexts(trx: Transaction<DB>, targets: readonly ErasureTarget[], tombstone: Tombstone): Promise<Map<string, number>> {
  if (targets.length === 0) return new Map();
  // The append-only guard lets this transaction's updates through, and only this transaction's.
  await sql`SET LOCAL app.erasing_personal_data = 'on'`.execute(trx);
  const replaceAll = tombstone.notes === 'all';
  const list = JSON.stringify(targets);
  // The ids again as an array: the planner guesses a hundred rows for the JSON and would
  // join them against every note and event by a sequential scan; with the array it reads
  // the targets' rows through the case index.
  const ids = targets.map((t) => t.caseId);
  const { rows: notes } = await sql<{ caseId: string; replaced: string }>`
    WITH t AS (SELECT * FROM jsonb_to_recordset(${list}::jsonb) AS t("caseId" uuid, pattern text, "jsonPattern" text)),
    changed AS (
      UPDATE case_notes n
      SET body = CASE WHEN n.visibility = 'enterprise' OR ${replaceAll} THEN ${ERASED_TEXT}
                      WHEN t.pattern IS NULL THEN n.body
                      ELSE regexp_replace(n.body, t.pattern, ${ERASED_TEXT}, 'gi') END
      FROM t
      WHERE n.case_id = t."caseId" AND n.case_id = ANY(${ids}::uuid[]) AND n.body <> ${ERASED_TEXT}
        AND (n.visibility = 'enterprise' OR ${replaceAll} OR (t.pattern IS NOT NULL AND n.body ~* t.pattern))
      RETURNING n.case_id, n.visibility
    )
    SELECT case_id AS "caseId", count(*) FILTER (WHERE visibility = 'enterprise' OR ${replaceAll})::text AS replaced
    FROM changed GROUP BY case_id`.execute(trx);
  await sql`
    WITH t AS (SELECT * FROM jsonb_to_recordset(${list}::jsonb) AS t("caseId" uuid, pattern text, "jsonPattern" text)),
    erased AS (
      SELECT e.id,
             CASE WHEN e.type = ${CaseEventType.note_added} AND e.data ? 'body' THEN jsonb_set(e.data, '{body}', to_jsonb(${ERASED_TEXT}::text))
                  WHEN e.type IN (${CaseEventType.notification_sent}, ${CaseEventType.notification_failed}) THEN jsonb_set(e.data, '{recipient}', to_jsonb(${ERASED_TEXT}::text))
                  ELSE e.data END AS data,
             t."jsonPattern" AS pattern
      FROM case_events e JOIN t ON e.case_id = t."caseId"
      WHERE e.case_id = ANY(${ids}::uuid[]) AND ((e.type = ${CaseEventType.note_added} AND e.data ? 'body')
         OR e.type IN (${CaseEventType.notification_sent}, ${CaseEventType.notification_failed})
         OR (t."jsonPattern" IS NOT NULL AND e.data::text ~* t."jsonPattern"))
    )
    UPDATE case_events e
    SET data = CASE WHEN erased.pattern IS NULL THEN erased.data
                    ELSE regexp_replace(erased.data::text, erased.pattern, ${ERASED_TEXT}, 'gi')::jsonb END
    FROM erased WHERE e.id = erased.id`.execute(trx);
  await trx
    .updateTable('cases')
    .set({ personal_data_erased_at: sql`now()`, revision: sql`revision + 1`, updated_at: sql`now()` })
    .where(
      'id',
      'in',
      targets.map((t) => t.caseId),
    )
    .execute();
  const replaced = new Map(targets.map((t) => [t.caseId, 0]));
  for (const row of notes) replaced.set(row.caseId, Number(row.replaced));
  const { actor, ...story } = tombstone;
  await appendEvents(
    trx,
    targets.map((t) => ({
      caseId: t.caseId,
      actorId: actor.userId,
      actorRole: actor.role,
      type: CaseEventType.personal_data_erased,
      department: null,
      // A reason that names the contact would keep what it erases.
      data: { ...story, reason: scrubText(story.reason, t.pattern), notesReplaced: replaced.get(t.caseId) ?? 0 },
    })),
  );
  return replaced;
}

/**
 * Deletes locked cases with their assignments, notes, history and access log. The rows
 * other modules keep of a case's events (webhook deliveries and their attempts, mail
 * records, the mail outbox) go with the events, by their foreign keys; the inquiry is its
 * own module's to delete, after this.
 */
export async function deleteCases(trx: Transaction<DB>, caseIds: readonly string[]): Promise<void> {
  if (caseIds.length === 0) return;
  const ids = [...caseIds];
  await trx.deleteFrom('case_reads').where('case_id', 'in', ids).execute();
  await trx.deleteFrom('case_notes').where('case_id', 'in', ids).execute();
  await trx.deleteFrom('case_events').where('case_id', 'in', ids).execute();
  await trx.deleteFrom('assignments').where('case_id', 'in', ids).execute();
  await trx.deleteFrom('cases').where('id', 'in', ids).execute();
}

async function appendEvents(trx: Transaction<DB>, events: NewCaseEvent[]): Promise<void> {
  const rows = await trx.insertInto('case_events').values(caseEventRows(events)).returning(appendedColumns).execute();
  // These events announce nothing (no webhook, no message): the call keeps them on the one path all events take.
  await announceEvents(trx, rows, []);
}

/** Everything about one case, for its archive document. */
export interface CaseArchive {
  kase: CaseRow;
  erasedAt: Date | null;
  legalHold: LegalHold | null;
  inquiry: InquiryRow;
  assignments: AssignmentRow[];
  notes: NoteRow[];
  events: CaseEventRow[];
}

/** The whole case, and an entry in the access log saying who was shown it. */
export async function findCaseArchive(trx: Transaction<DB>, caseId: string, read: CaseRead): Promise<CaseArchive | null> {
  const row = await trx
    .selectFrom('cases as c')
    .select(caseColumns)
    .select(['c.personal_data_erased_at as erasedAt', 'c.legal_hold_reason as holdReason', 'c.legal_hold_since as holdSince', 'c.legal_hold_by as holdBy'])
    .where('c.id', '=', caseId)
    .executeTakeFirst();
  if (!row) return null;
  const { erasedAt, holdReason, holdSince, holdBy, ...kase } = row;
  await trx.insertInto('case_reads').values(caseReadRow(read)).execute();
  // One after another: they share the transaction's one connection.
  const inquiry = await findInquiry(trx, kase.inquiryId);
  const assignments = await findAssignments(trx, [caseId]);
  const notes = await findNotes(trx, caseId);
  const events = await findEvents(trx, caseId);
  return {
    kase,
    erasedAt,
    legalHold: holdReason !== null && holdSince !== null ? { reason: holdReason, since: holdSince, byUserId: holdBy } : null,
    inquiry,
    assignments,
    notes,
    events,
  };
}

