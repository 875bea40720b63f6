import type { Kysely, Transaction } from 'kysely';
import type { DB, NoteVisibility } from '../../db/schema.js';
import type { Role } from '../../domain/principal.js';

export interface NoteRow {
  id: string;
  caseId: string;
  visibility: NoteVisibility;
  department: string | null;
  body: string;
  authorId: string;
  authorName: string;
  authorRole: Role;
  createdAt: Date;
}

export interface NewNote {
  caseId: string;
  authorId: string;
  authorRole: Role;
  department: string | null;
  visibility: NoteVisibility;
  body: string;
}

export async function insertNote(trx: Transaction<DB>, note: NewNote): Promise<{ id: string; createdAt: Date }> {
  return trx
    .insertInto('case_notes')
    .values({
      case_id: note.caseId,
      author_id: note.authorId,
      author_role: note.authorRole,
      department: note.department,
      visibility: note.visibility,
      body: note.body,
    })
    .returning(['id', 'created_at as createdAt'])
    .executeTakeFirstOrThrow();
}

/** Notes read as JSON (`jsonArrayFrom` over `selectNotes`), their times back to Dates. */
export function notesFromJson(json: ReadonlyArray<Omit<NoteRow, 'createdAt'> & { createdAt: string | Date }>): NoteRow[] {
  return json.map((note) => ({ ...note, createdAt: new Date(note.createdAt) }));
}

/** Every note on the case, oldest first, as a query (to be run alone or nested in another). */
export function selectNotes(db: Kysely<DB>, caseId: string, visibility?: NoteVisibility) {
  let query = db
    .selectFrom('case_notes as n')
    .innerJoin('users as u', 'u.id', 'n.author_id')
    .select([
      'n.id',
      'n.case_id as caseId',
      'n.visibility',
      'n.department',
      'n.body',
      'n.author_id as authorId',
      'u.name as authorName',
      'n.author_role as authorRole',
      'n.created_at as createdAt',
    ])
    .where('n.case_id', '=', caseId);
  if (visibility) query = query.where('n.visibility', '=', visibility);
  return query.orderBy('n.created_at').orderBy('n.id');
}

/** Every note on the case, oldest first; callers filter by who may read them. */
export async function findNotes(db: Kysely<DB>, caseId: string, visibility?: NoteVisibility): Promise<NoteRow[]> {
  return selectNotes(db, caseId, visibility).execute();
}
