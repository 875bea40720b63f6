import type { Kysely } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { DB } from '../../db/schema.js';
import { type CaseRead, caseReadRow } from './case-reads.repository.js';
import { type InquiryRow, selectInquiry } from './cases.repository.js';
import { type NoteRow, notesFromJson, selectNotes } from './notes.repository.js';

export interface CaseContent {
  inquiry: InquiryRow;
  /** Every note on the case, oldest first; callers filter by who may read them. */
  notes: NoteRow[];
}

/**
 * The inquiry and the notes of a case, and the access-log entry saying who was shown them,
 * in one statement: one round trip instead of three, and a read of the case's personal
 * data that cannot happen without its log entry.
 */
export async function findCaseContentLoggingRead(db: Kysely<DB>, inquiryId: string, read: CaseRead): Promise<CaseContent> {
  const row = await db
    .with('logged', (qb) => qb.insertInto('case_reads').values(caseReadRow(read)))
    .selectFrom(selectInquiry(db, inquiryId).as('i'))
    .selectAll('i')
    .select(jsonArrayFrom(selectNotes(db, read.caseId)).as('notes'))
    .executeTakeFirstOrThrow();
  const { notes, ...inquiry } = row;
  // Nested rows arrive as JSON, their times as text.
  return { inquiry, notes: notesFromJson(notes) };
}
