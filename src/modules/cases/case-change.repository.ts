import { sql, type Transaction } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { CaseSummary } from '../../domain/case-state.js';
import type { DB } from '../../db/schema.js';
import { outboxOfChange } from '../notifications/notification-jobs.js';
import { type CaseRead, caseReadRow } from './case-reads.repository.js';
import type { CaseContent } from './case-view.repository.js';
import {
  type AssignmentRow,
  type AssignmentUpdate,
  assignmentColumns,
  type CaseRouting,
  assignmentsFromJson,
  type CaseRow,
  type InquiryRow,
  selectInquiry,
  updateAssignments,
  updateCaseSummary,
} from './cases.repository.js';
import { announceEvents, appendedColumns, appendedFromJson, caseEventRows, type NewCaseEvent, recipientsOfEvents } from './events.repository.js';
import { notesFromJson, selectNotes } from './notes.repository.js';

/** Everything a change to a locked case writes when it is saved. */
export interface CaseChange {
  kase: CaseRow;
  assignmentUpdates: ReadonlyArray<{ id: string } & AssignmentUpdate>;
  summary: CaseSummary;
  /** The new routing, when the change routed the case again. */
  routing: CaseRouting | null;
  events: NewCaseEvent[];
  /** When the response shows the case: the access-log entry of that read. */
  read: CaseRead | null;
}

export interface SavedChange {
  kase: CaseRow;
  /** The assignments this change updated, as written (with their assignees' names). */
  updated: AssignmentRow[];
  /** The inquiry and notes, when the change was saved with a read. */
  content: CaseContent | null;
}

/**
 * Saves a change to a locked case in one statement: its assignment updates, the case's
 * re-derived status, lead and due date with the revision bump, its events (reading the
 * webhook endpoints to tell with them) and, when the response shows the case, the
 * access-log entry with the inquiry and notes to show, and the messages the events send
 * (the notification outbox). One round trip instead of six is
 * what makes a claim cheap. The parts of one statement share a snapshot, so the content
 * read here is as before the statement, which is right: no change here touches inquiry or
 * notes, and the changed rows come back from the statements that changed them.
 */
export async function saveCaseChange(trx: Transaction<DB>, change: CaseChange): Promise<SavedChange> {
  const { kase, read } = change;
  const writes = trx
    .with('changed', () => updateAssignments(trx, kase.id, change.assignmentUpdates))
    .with('saved', () => updateCaseSummary(trx, kase.id, change.summary, change.routing))
    .with('appended', (db) => db.insertInto('case_events').values(caseEventRows(change.events)).returning(appendedColumns));
  // The log entry's statement runs whether or not the query refers to it; its name is not
  // referred to, so the query keeps the type it has without it.
  const logged = read ? (writes.with('logged', (db) => db.insertInto('case_reads').values(caseReadRow(read))) as unknown as typeof writes) : writes;
  const outbox = outboxOfChange(change.events);
  // A raw statement serves as a CTE (Kysely compiles any node), though its types do not say so.
  const mailed = outbox ? (logged.with('mailed', () => sql`(${outbox})` as never) as unknown as typeof writes) : logged;
  const row = await mailed
    .selectFrom('saved')
    .selectAll('saved')
    .select((eb) => [
      jsonArrayFrom(eb.selectFrom('changed as a').leftJoin('users as u', 'u.id', 'a.assignee_id').select(assignmentColumns)).as('updatedJson'),
      jsonArrayFrom(
        eb
          .selectFrom('appended')
          .select([sql<string>`appended.id::text`.as('id'), 'case_id', 'type', 'department', 'data', 'created_at'])
          .orderBy('appended.id'),
      ).as('appendedJson'),
      recipientsOfEvents(change.events).as('recipients'),
      read ? jsonObjectFrom(selectInquiry(trx, kase.inquiryId)).as('inquiryJson') : sql<null>`NULL`.as('inquiryJson'),
      read ? jsonArrayFrom(selectNotes(trx, kase.id)).as('notesJson') : sql<null>`NULL`.as('notesJson'),
    ])
    .executeTakeFirstOrThrow();
  const { updatedJson, appendedJson, recipients, inquiryJson, notesJson, ...saved } = row;
  // Nested rows arrive as JSON, their times as text.
  await announceEvents(trx, appendedFromJson(appendedJson), recipients, { outboxWritten: true });
  return { kase: saved, updated: assignmentsFromJson(updatedJson), content: contentFromJson(inquiryJson, notesJson) };
}

function contentFromJson(
  inquiry: (Omit<InquiryRow, 'receivedAt'> & { receivedAt: string | Date }) | null,
  notes: Parameters<typeof notesFromJson>[0] | null,
): CaseContent | null {
  if (!inquiry || !notes) return null;
  return { inquiry: { ...inquiry, receivedAt: new Date(inquiry.receivedAt) }, notes: notesFromJson(notes) };
}
