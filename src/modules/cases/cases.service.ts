import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { CaseEventType } from '../../domain/case-events.js';
import { allowedTransitions, isOpen } from '../../domain/case-state.js';
import { danishDate, type WorkingDayCalendar } from '../../domain/working-days.js';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { ForbiddenError, NotFoundError } from '../../errors.js';
import type { Caller, Principal } from '../../domain/principal.js';
import { pageOf, readCursor } from '../pagination.js';
import { canReadEvent, canReadNote, seesCaseworkDetail } from './case-access.js';
import { listCasesPage } from './case-list.repository.js';
import { type CaseRead, findCaseReads, recordCaseRead } from './case-reads.repository.js';
import { type CaseContent, findCaseContentLoggingRead } from './case-view.repository.js';
import type {
  AssignmentView,
  CaseEventView,
  CaseListQueryInput,
  CaseReadView,
  CaseSummaryView,
  CaseView,
  NoteView,
} from './cases.schemas.js';
import { type AssignmentRow, type CaseRow, findAssignments, findVisibleCase, type InquiryRow } from './cases.repository.js';
import { findEvents } from './events.repository.js';
import { findNotes, type NoteRow } from './notes.repository.js';

export interface CaseDeps {
  db: Database;
  calendar: WorkingDayCalendar;
}

/** Today's date in Denmark: due dates are Danish calendar dates. */
export function today(): string {
  return danishDate(new Date());
}

function isOverdue(assignment: { status: AssignmentRow['status']; dueDate: string }, on: string): boolean {
  return isOpen(assignment.status) && assignment.dueDate < on;
}

function assignmentView(row: AssignmentRow, on: string, detailed: boolean): AssignmentView {
  return {
    id: row.id,
    department: row.department,
    role: row.role,
    status: row.status,
    ...(detailed && { assignee: row.assigneeId ? { id: row.assigneeId, name: row.assigneeName ?? '' } : null }),
    priority: row.priority,
    dueDate: row.dueDate,
    overdue: isOverdue(row, on),
    queuedAt: row.queuedAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    allowedTransitions: [...allowedTransitions(row.status)],
  };
}

/** A note; `detailed` adds its author (see `seesCaseworkDetail`). */
export function noteView(row: NoteRow, detailed = true): NoteView {
  return {
    id: row.id,
    visibility: row.visibility,
    department: row.department,
    body: row.body,
    ...(detailed && { author: { id: row.authorId, name: row.authorName, role: row.authorRole } }),
    createdAt: row.createdAt.toISOString(),
  };
}

/** What the access log records about a read of the case by this caller. */
export function readBy(caller: Caller, caseId: string, action: string): CaseRead {
  const { principal } = caller;
  return { caseId, userId: principal.userId, tokenId: principal.tokenId, role: principal.role, action, requestId: caller.requestId };
}

/** Records that the caller was shown the case's data (its personal data, its history). */
async function logRead(db: Kysely<DB>, caller: Caller, caseId: string, action: string): Promise<void> {
  await recordCaseRead(db, readBy(caller, caseId, action));
}

/**
 * The whole case as the caller may see it, and an entry in the access log saying that
 * they saw it: whoever is shown a case's personal data is recorded, whatever the endpoint.
 */
export async function showCase(db: Kysely<DB>, caller: Caller, kase: CaseRow, action: string): Promise<CaseView> {
  const content = await findCaseContentLoggingRead(db, kase.inquiryId, readBy(caller, kase.id, action));
  return caseView(caller, kase, await findAssignments(db, [kase.id]), content);
}

/** The inquiry as submitted, in the API's words (the case view and the archive document show it alike). */
export function inquiryView(inquiry: InquiryRow): CaseView['inquiry'] {
  return {
    channel: inquiry.channel,
    receivedAt: inquiry.receivedAt.toISOString(),
    enterprise: {
      cvr: inquiry.cvr,
      name: inquiry.enterpriseName,
      postcode: inquiry.postcode,
      employees: inquiry.employees,
      registeredSocialEnterprise: inquiry.registeredSocialEnterprise,
    },
    contact: { name: inquiry.contactName, email: inquiry.contactEmail, phone: inquiry.contactPhone },
    topics: inquiry.topics,
    subject: inquiry.subject,
    description: inquiry.description,
    language: inquiry.language,
  };
}

/** The case as the caller may see it, from content read with its access-log entry (`showCase`, or a change saved with a read). */
export function caseView(caller: Caller, kase: CaseRow, assignments: readonly AssignmentRow[], { inquiry, notes }: CaseContent): CaseView {
  const on = today();
  const detailed = seesCaseworkDetail(caller.principal);
  return {
    id: kase.id,
    reference: kase.reference,
    status: kase.status,
    leadDepartment: kase.leadDepartment,
    dueDate: kase.dueDate,
    revision: kase.revision,
    createdAt: kase.createdAt.toISOString(),
    updatedAt: kase.updatedAt.toISOString(),
    closedAt: kase.closedAt?.toISOString() ?? null,
    routing: { version: kase.routingVersion, ...(detailed && { matchedRuleIds: kase.matchedRuleIds }) },
    inquiry: inquiryView(inquiry),
    assignments: assignments.map((row) => assignmentView(row, on, detailed)),
    notes: notes.filter((note) => canReadNote(caller.principal, note)).map((note) => noteView(note, detailed)),
  };
}

async function visibleCaseOr404(db: Kysely<DB>, principal: Principal, caseId: string): Promise<CaseRow> {
  const kase = await findVisibleCase(db, principal, caseId);
  if (!kase) throw new NotFoundError('No such case within your reach.');
  return kase;
}

export async function getCase(deps: CaseDeps, caller: Caller, caseId: string): Promise<CaseView> {
  return deps.db.transaction().execute(async (trx) => {
    const kase = await visibleCaseOr404(trx, caller.principal, caseId);
    return showCase(trx, caller, kase, 'getCase');
  });
}

/** The history, oldest first, without the events about notes the caller may not read. */
export async function getCaseEvents(deps: CaseDeps, caller: Caller, caseId: string): Promise<CaseEventView[]> {
  const { principal } = caller;
  const detailed = seesCaseworkDetail(principal);
  await visibleCaseOr404(deps.db, principal, caseId);
  // The history holds notes and reasons, which may be personal data: reading it is logged too.
  await logRead(deps.db, caller, caseId, 'listCaseEvents');
  const [events, notes] = await Promise.all([findEvents(deps.db, caseId), findNotes(deps.db, caseId)]);
  const notesById = new Map(notes.map((note) => [note.id, note]));
  return events.flatMap((event) => {
    const note = event.type === CaseEventType.note_added ? (notesById.get(String(event.data.noteId)) ?? null) : null;
    if (!canReadEvent(principal, { type: event.type, note })) return [];
    // The stored data is the catalogue's payload for the stored type (only the catalogue's events are written).
    const view = {
      id: event.id,
      type: event.type,
      at: event.createdAt.toISOString(),
      ...(detailed && { actor: { id: event.actorId, name: event.actorName, role: event.actorRole } }),
      department: event.department,
      data: event.data,
      ...(note ? { note: noteView(note, detailed) } : {}),
    } as CaseEventView;
    return [view];
  });
}

const caseCursorSchema = z.object({
  f: z.string(),
  d: z.iso.date(),
  t: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/),
  i: z.uuid(),
});

/** A cursor is only valid with the filters and order it was made for. */
function listFingerprint(input: CaseListQueryInput): string {
  const { limit: _limit, cursor: _cursor, ...filters } = input;
  const ordered = Object.keys(filters)
    .sort()
    .map((key) => [key, filters[key as keyof typeof filters]]);
  return createHash('sha256').update(JSON.stringify(ordered)).digest('base64url').slice(0, 12);
}

export async function listCases(deps: CaseDeps, caller: Caller, input: CaseListQueryInput): Promise<{ items: CaseSummaryView[]; nextCursor: string | null }> {
  const { principal } = caller;
  const detailed = seesCaseworkDetail(principal);
  // Filtering by assignee would tell who works on which case.
  if (!detailed && input.assignee !== undefined) throw new ForbiddenError('Integrators cannot filter cases by assignee.');
  const fingerprint = listFingerprint(input);
  const cursor = readCursor(input.cursor, caseCursorSchema, (payload) => payload.f === fingerprint);
  const after = cursor && { dueDate: cursor.d, createdAt: cursor.t, id: cursor.i };
  const on = today();
  const assigneeId = input.assignee === 'me' ? principal.userId : input.assignee === 'none' ? null : input.assignee;
  const rows = await listCasesPage(deps.db, principal, {
    assignment: {
      department: input.department,
      status: input.status,
      assigneeId,
      overdue: input.overdue === undefined ? undefined : { today: on, value: input.overdue },
    },
    caseStatus: input.caseStatus,
    topic: input.topic,
    search: input.q,
    sort: input.sort,
    after,
    // One more than asked tells whether another page follows.
    limit: input.limit + 1,
  });
  const { page, nextCursor } = pageOf(rows, input.limit, (last) => ({ f: fingerprint, d: last.dueDate, t: last.createdAtKey, i: last.id }));
  const assignments = await findAssignments(deps.db, page.map((row) => row.id));
  const items = page.map((row): CaseSummaryView => {
    const own = assignments.filter((a) => a.caseId === row.id);
    return {
      id: row.id,
      reference: row.reference,
      status: row.status,
      subject: row.subject,
      enterprise: { cvr: row.cvr, name: row.enterpriseName },
      topics: row.topics,
      leadDepartment: row.leadDepartment,
      dueDate: row.dueDate,
      overdue: own.some((a) => isOverdue(a, on)),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      assignments: own.map((a) => ({ department: a.department, role: a.role, status: a.status, ...(detailed && { assigneeId: a.assigneeId }), dueDate: a.dueDate })),
    };
  });
  return { items, nextCursor };
}

const readCursorSchema = z.object({ r: z.string().regex(/^\d+$/) });

/** Who was shown the case, newest first. */
export async function listCaseReads(
  deps: CaseDeps,
  caller: Caller,
  caseId: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ items: CaseReadView[]; nextCursor: string | null }> {
  await visibleCaseOr404(deps.db, caller.principal, caseId);
  const before = readCursor(page.cursor, readCursorSchema)?.r;
  const rows = await findCaseReads(deps.db, caseId, page.limit + 1, before);
  const { page: items, nextCursor } = pageOf(rows, page.limit, (last) => ({ r: last.id }));
  return {
    items: items.map((row) => ({
      id: row.id,
      user: { id: row.userId, name: row.userName },
      role: row.role,
      tokenId: row.tokenId,
      action: row.action,
      requestId: row.requestId,
      readAt: row.readAt.toISOString(),
    })),
    nextCursor,
  };
}
