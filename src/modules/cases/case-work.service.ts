import type { Transaction } from 'kysely';
import {
  AssigneeRuleError,
  type AssignmentRole,
  type AssignmentState,
  canTransfer,
  IllegalTransitionError,
  isActive,
  planAssignmentChange,
  type SettableStatus,
  summariseCase,
} from '../../domain/case-state.js';
import { assignmentChangeType, type CaseEvent, CaseEventType } from '../../domain/case-events.js';
import { formatEtag, type IfMatch, ifMatchSatisfied } from '../../domain/etag.js';
import type { DB, NoteVisibility } from '../../db/schema.js';
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  PreconditionRequiredError,
  ServiceUnavailableError,
  UnprocessableError,
  ValidationError,
} from '../../errors.js';
import type { Caller, Principal } from '../../domain/principal.js';
import { findActiveDepartments } from '../departments/departments.repository.js';
import { findActiveTopics } from '../topics/topics.repository.js';
import { isActiveCaseworkerIn } from '../users/users.repository.js';
import {
  assertMayClaim,
  assertMayInvolve,
  assertMayReassign,
  assertMayTransfer,
  assertMayWorkOnAssignment,
  assertMayWriteNote,
  isMember,
  seesEverything,
} from './case-access.js';
import { autoAssign } from './case-auto-assign.js';
import { saveCaseChange } from './case-change.repository.js';
import { type CaseContent, findCaseContentLoggingRead } from './case-view.repository.js';
import type { CaseView, NoteView } from './cases.schemas.js';
import { type CaseDeps, caseView, noteView, readBy, today } from './cases.service.js';
import {
  type AssignmentRow,
  type AssignmentUpdate,
  type CaseRouting,
  type CaseRow,
  findAssignments,
  findInquiry,
  insertAssignments,
  type LockedCaseRow,
  lockNextQueued,
  lockVisibleCase,
  type NewAssignment,
  writeAssignmentUpdates,
} from './cases.repository.js';
import { insertNote } from './notes.repository.js';


/**
 * A case under its lock, with its assignments as this transaction will leave them: the
 * aggregate every change to a case goes through. Changes to assignments are made through
 * it, so the list stays current without reading it again; most are written by the
 * statement that saves the change (see `saveCaseChange`). Changes whose order the
 * database checks (a new assignment, a change of role: there is one lead at a time) are
 * written at once, after the pending ones.
 */
export class LockedCase {
  #assignments: AssignmentRow[];
  readonly #pending = new Map<string, AssignmentUpdate>();
  #routing: CaseRouting | null = null;

  constructor(
    readonly trx: Transaction<DB>,
    readonly kase: CaseRow,
    assignments: AssignmentRow[],
  ) {
    this.#assignments = assignments;
  }

  /** The case as its locking statement returned it, with its assignments read again when that statement could not. */
  static async lock(trx: Transaction<DB>, { kase, assignments }: LockedCaseRow): Promise<LockedCase> {
    return new LockedCase(trx, kase, assignments ?? (await findAssignments(trx, [kase.id])));
  }

  get assignments(): readonly AssignmentRow[] {
    return this.#assignments;
  }

  /** Changes an assignment, to be written when the change is saved. A new assignee's name is filled in then. */
  updateAssignment(assignmentId: string, change: Partial<AssignmentUpdate>): void {
    const current = this.#assignments.find((a) => a.id === assignmentId);
    if (!current) throw new Error(`Assignment ${assignmentId} is not on case ${this.kase.id}`);
    const update: AssignmentUpdate = {
      status: change.status ?? current.status,
      assigneeId: change.assigneeId === undefined ? current.assigneeId : change.assigneeId,
      priority: change.priority ?? current.priority,
      role: change.role ?? current.role,
    };
    this.#pending.set(assignmentId, update);
    this.#assignments = this.#assignments.map((a) =>
      a.id === assignmentId ? { ...a, ...update, assigneeName: a.assigneeId === update.assigneeId ? a.assigneeName : null } : a,
    );
  }

  /** Gives an assignment another role now: the pending changes first, so that a lead has left before another arrives. */
  async changeRole(assignmentId: string, role: AssignmentRole): Promise<void> {
    this.updateAssignment(assignmentId, { role });
    await this.writePending();
  }

  async addAssignments(assignments: NewAssignment[]): Promise<void> {
    await this.writePending();
    await insertAssignments(this.trx, this.kase.id, assignments, new Date());
    this.#assignments = await findAssignments(this.trx, [this.kase.id]);
  }

  /** Records that the case was routed again, to be saved with the change. */
  recordRouting(routing: CaseRouting): void {
    this.#routing = routing;
  }

  /** The routing to save with the change, if it was routed again. */
  takeRouting(): CaseRouting | null {
    return this.#routing;
  }

  /** The assignment changes not written yet, handed to the statement that saves the change. */
  takePending(): Array<{ id: string } & AssignmentUpdate> {
    const pending = [...this.#pending].map(([id, update]) => ({ id, ...update }));
    this.#pending.clear();
    return pending;
  }

  /** Takes the rows as the saving statement wrote them. */
  saved(updated: readonly AssignmentRow[]): void {
    const byId = new Map(updated.map((a) => [a.id, a]));
    this.#assignments = this.#assignments.map((a) => byId.get(a.id) ?? a);
  }

  private async writePending(): Promise<void> {
    await writeAssignmentUpdates(this.trx, this.kase.id, this.takePending());
  }
}

/** The case after a change: as saved, with its assignments, and its content when the change was saved with a read. */
export interface SavedCase {
  kase: CaseRow;
  assignments: readonly AssignmentRow[];
  content: CaseContent | null;
}

/**
 * Writes a change under the case's lock and names its events. `shows` names the read when
 * the response shows the case (the access log's action): the statement that saves the
 * change then reads the case's content and logs the read too. `result` is built from the
 * case as saved.
 */
export type CaseWork<T> = (locked: LockedCase) => Promise<{
  events: CaseEvent[];
  shows?: string;
  result: (saved: SavedCase) => Promise<T> | T;
}>;

export interface ChangedCase<T> {
  result: T;
  /** The case's ETag after the change. */
  etag: string;
}

/** The case as the caller may see it after a change saved with a read (`shows`). */
function viewAfter(caller: Caller, { kase, assignments, content }: SavedCase): CaseView {
  if (!content) throw new Error('The change was saved without reading the case; name the read in `shows`.');
  return caseView(caller, kase, assignments, content);
}

/**
 * Every change to a case goes through here, inside the transaction that holds the case's
 * lock: check If-Match, let `work` make its change and name its events, then re-derive
 * the case's status, lead and due date from its assignments and save it all, the revision
 * bump and the events with it. A change without events changes nothing, so no code path
 * can change a case without writing its history.
 */
async function changeLockedCase<T>(
  trx: Transaction<DB>,
  caller: Caller,
  row: LockedCaseRow,
  ifMatch: IfMatch | undefined,
  work: CaseWork<T>,
): Promise<ChangedCase<T>> {
  const { kase } = row;
  if (ifMatch && !ifMatchSatisfied(ifMatch, kase.revision)) {
    throw new PreconditionFailedError(`The case has changed since you read it (now ${formatEtag(kase.revision)}); read it again and retry.`);
  }
  const locked = await LockedCase.lock(trx, row);
  const { events, shows, result } = await work(locked);
  const read = shows ? readBy(caller, kase.id, shows) : null;
  if (events.length === 0) {
    if (locked.takePending().length > 0 || locked.takeRouting()) throw new Error('A change that writes must name its events.');
    const content = read ? await findCaseContentLoggingRead(trx, kase.inquiryId, read) : null;
    return { result: await result({ kase, assignments: locked.assignments, content }), etag: formatEtag(kase.revision) };
  }

  const summary = summariseCase(locked.assignments);
  if (summary.status !== kase.status) events.push({ type: CaseEventType.case_status_changed, data: { before: kase.status, after: summary.status } });
  const { principal } = caller;
  // The caller keeps their reach: a caseworker's department keeps its (perhaps transferred)
  // assignment on the case, and coordinators see every case.
  const saved = await saveCaseChange(trx, {
    kase,
    assignmentUpdates: locked.takePending(),
    summary,
    routing: locked.takeRouting(),
    events: events.map((event) => ({ caseId: kase.id, actorId: principal.userId, actorRole: principal.role, ...event })),
    read,
  });
  locked.saved(saved.updated);
  return { result: await result({ kase: saved.kase, assignments: locked.assignments, content: saved.content }), etag: formatEtag(saved.kase.revision) };
}

async function lockCaseOr404(trx: Transaction<DB>, principal: Principal, caseId: string): Promise<LockedCaseRow> {
  const locked = await lockVisibleCase(trx, principal, caseId);
  if (!locked) throw new NotFoundError('No such case within your reach.');
  return locked;
}

/**
 * A change to the case with this id, in a transaction of its own (404 when out of reach).
 * Any module that changes a case (rerouting, say) goes through here, so that the case's
 * derived fields, revision and history stay in step with its assignments.
 */
export async function changeCase<T>(
  deps: CaseDeps,
  caller: Caller,
  caseId: string,
  ifMatch: IfMatch | undefined,
  work: CaseWork<T>,
  options: { ifMatchRequired?: boolean } = {},
): Promise<ChangedCase<T>> {
  return deps.db.transaction().execute(async (trx) => {
    const locked = await lockCaseOr404(trx, caller.principal, caseId);
    if (options.ifMatchRequired && !ifMatch) {
      throw new PreconditionRequiredError("Send If-Match with the case's ETag from your last read, so that you do not overwrite a change you have not seen.");
    }
    return changeLockedCase(trx, caller, locked, ifMatch, work);
  });
}

function activeAssignment(assignments: readonly AssignmentRow[], department: string): AssignmentRow | undefined {
  return assignments.find((a) => a.department === department && isActive(a.status));
}

/** A transfer or involvement names a department that is already working on the case (a 409 for the API; a form says it beside the field). */
export class AlreadyOnCaseError extends ConflictError {
  constructor(readonly department: string) {
    super(`${department} is already working on this case.`);
  }
}

async function assertDepartmentTakesWork(trx: Transaction<DB>, department: string, path: string): Promise<void> {
  if ((await findActiveDepartments(trx, [department])).length === 0) {
    throw new UnprocessableError('unknown-department', 'Unknown department', `There is no active department ${department}.`, {
      errors: [{ path, message: `Unknown department: ${department}` }],
    });
  }
}

// A claim whose candidate was taken by a claim that committed meanwhile looks again; after
// this many rounds of losing every race the queue is too contended to answer now.
const CLAIM_ATTEMPTS = 25;

/**
 * Gives the caller the next queued assignment of their department, or null when the
 * queue is empty. Concurrent claims lock different cases (SKIP LOCKED), so two callers
 * never get the same assignment and none waits for another.
 */
export async function claimNext(deps: CaseDeps, caller: Caller, department: string): Promise<ChangedCase<CaseView> | null> {
  const { principal } = caller;
  assertMayClaim(principal, department);
  return deps.db.transaction().execute(async (trx) => {
    for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt += 1) {
      const candidate = await lockNextQueued(trx, department);
      if (!candidate) return null;
      const claimed = await changeLockedCase(trx, caller, candidate, undefined, async (locked) => {
        const assignment = locked.assignments.find((a) => a.id === candidate.assignmentId);
        // Taken by a claim (or handed out) after this statement's snapshot: look again.
        if (assignment?.status !== 'queued' || assignment.assigneeId !== null) return { events: [], result: () => null };
        const after = { status: 'in_progress' as const, assigneeId: principal.userId };
        locked.updateAssignment(assignment.id, after);
        return {
          events: [
            {
              type: CaseEventType.claimed,
              department,
              data: { assignmentId: assignment.id, before: { status: 'queued', assigneeId: null }, after },
            },
          ],
          shows: 'claimNext',
          result: (saved) => viewAfter(caller, saved),
        };
      });
      if (claimed.result) return { result: claimed.result, etag: claimed.etag };
    }
    throw new ServiceUnavailableError('The queue is very busy right now; try again.', 1);
  });
}

export interface AssignmentPatch {
  status?: SettableStatus | undefined;
  assignee?: string | null | undefined;
  priority?: number | undefined;
}

function planOrExplain(current: AssignmentState, patch: AssignmentPatch, principal: Principal): AssignmentState {
  const assigneeId = patch.assignee === 'me' ? principal.userId : patch.assignee;
  try {
    return planAssignmentChange(current, { status: patch.status, assigneeId }, principal.role === 'caseworker' ? principal.userId : null);
  } catch (error) {
    if (error instanceof IllegalTransitionError) {
      throw new ConflictError(error.message, { from: error.from, to: error.to, allowed: [...error.allowed] });
    }
    if (error instanceof AssigneeRuleError) {
      throw new UnprocessableError('assignee-rule', 'Assignee rule', error.message, { errors: [{ path: 'body.assignee', message: error.message }] });
    }
    throw error;
  }
}

/** Moves a department's assignment through its states and between caseworkers. */
export async function changeAssignment(
  deps: CaseDeps,
  caller: Caller,
  caseId: string,
  department: string,
  patch: AssignmentPatch,
  ifMatch: IfMatch | undefined,
): Promise<ChangedCase<CaseView>> {
  const { principal } = caller;
  if (patch.status === undefined && patch.assignee === undefined && patch.priority === undefined) {
    throw new ValidationError([{ path: 'body', message: 'Change at least one of status, assignee, priority' }]);
  }
  const work: CaseWork<CaseView> = async (locked) => {
    const { trx, assignments } = locked;
    // The active assignment, else the department's last, transferred one (which refuses every change).
    const current = activeAssignment(assignments, department) ?? assignments.filter((a) => a.department === department).at(-1);
    if (!current) throw new NotFoundError(`${department} has no assignment on this case.`);
    assertMayWorkOnAssignment(principal, department);
    const planned = planOrExplain(current, patch, principal);
    const priority = patch.priority ?? current.priority;
    assertMayReassign(principal, current, planned, priority !== current.priority);
    if (planned.assigneeId && planned.assigneeId !== current.assigneeId && !(await isActiveCaseworkerIn(trx, planned.assigneeId, department))) {
      throw new UnprocessableError('not-a-caseworker-of-department', 'Not a caseworker of the department', `The assignee must be an active caseworker of ${department}.`, {
        errors: [{ path: 'body.assignee', message: `Not an active caseworker of ${department}` }],
      });
    }
    const before = { status: current.status, assigneeId: current.assigneeId, priority: current.priority };
    const after = { ...planned, priority };
    const shown = { shows: 'updateAssignment', result: (saved: SavedCase) => viewAfter(caller, saved) };
    if (before.status === after.status && before.assigneeId === after.assigneeId && before.priority === after.priority) {
      return { events: [], ...shown };
    }
    locked.updateAssignment(current.id, after);
    const events: CaseEvent[] = [{ type: assignmentChangeType(before, after), department, data: { assignmentId: current.id, before, after } }];
    // A released assignment goes to someone else when the department hands out work.
    if (after.status === 'queued' && before.status !== 'queued') {
      const assigned = await autoAssign(locked, current.id, department, 'release', before.assigneeId);
      if (assigned) events.push(assigned);
    }
    return { events, ...shown };
  };
  return changeCase(deps, caller, caseId, ifMatch, work, { ifMatchRequired: true });
}

/**
 * Hands a department's part of the case to another department: the old assignment ends
 * as `transferred`, the new department gets a queued one with the same role, due date and
 * priority (forwarding inside the municipality does not move the enterprise's deadline).
 */
export async function transferAssignment(
  deps: CaseDeps,
  caller: Caller,
  caseId: string,
  request: { from: string; to: string; reason: string },
  ifMatch: IfMatch | undefined,
): Promise<ChangedCase<CaseView>> {
  const { principal } = caller;
  const { from, to, reason } = request;
  if (from === to) throw new ValidationError([{ path: 'body.to', message: 'Must differ from `from`' }]);
  return changeCase(deps, caller, caseId, ifMatch, async (locked) => {
    const { trx, assignments } = locked;
    assertMayTransfer(principal, from);
    const source = activeAssignment(assignments, from);
    if (!source) throw new ConflictError(`${from} is not working on this case, so it has nothing to transfer.`);
    if (!canTransfer(source.status)) {
      throw new ConflictError(`The ${from} assignment is ${source.status}; only unfinished work can be transferred (reopen it first).`);
    }
    await assertDepartmentTakesWork(trx, to, 'body.to');
    if (activeAssignment(assignments, to)) throw new AlreadyOnCaseError(to);

    locked.updateAssignment(source.id, { status: 'transferred' });
    await locked.addAssignments([{ department: to, role: source.role, dueDate: source.dueDate, priority: source.priority }]);
    const assigned = await autoAssignNew(locked, to, 'transfer');
    const lead = source.role === 'lead' ? { lead: { before: from, after: to } } : {};
    const data = {
      from,
      to,
      reason,
      role: source.role,
      assignmentId: source.id,
      before: { status: source.status, assigneeId: source.assigneeId },
      after: { status: 'transferred' as const },
      ...lead,
    };
    return {
      events: [{ type: CaseEventType.transferred, department: from, data }, ...assigned],
      shows: 'transferAssignment',
      result: (saved) => viewAfter(caller, saved),
    };
  });
}

/** Hands the department's new, queued assignment out when its policy says so: the `assigned` event, if any. */
async function autoAssignNew(locked: LockedCase, department: string, trigger: 'transfer' | 'involve'): Promise<CaseEvent[]> {
  const added = activeAssignment(locked.assignments, department);
  if (!added || added.status !== 'queued' || added.assigneeId !== null) return [];
  const assigned = await autoAssign(locked, added.id, department, trigger, null);
  return assigned ? [assigned] : [];
}

// When none of the case's topics is active any more, the catalogue's usual response time.
const DEFAULT_RESPONSE_DAYS = 10;

/** Brings another department onto the case with a queued, involved assignment. */
export async function involveDepartment(
  deps: CaseDeps,
  caller: Caller,
  caseId: string,
  request: { department: string; reason: string },
  ifMatch: IfMatch | undefined,
): Promise<ChangedCase<CaseView>> {
  const { department, reason } = request;
  return changeCase(deps, caller, caseId, ifMatch, async (locked) => {
    const { trx, kase, assignments } = locked;
    assertMayInvolve(
      caller.principal,
      assignments.filter((a) => isActive(a.status)).map((a) => a.department),
    );
    await assertDepartmentTakesWork(trx, department, 'body.department');
    if (activeAssignment(assignments, department)) throw new AlreadyOnCaseError(department);

    // The new department gets the response time the enterprise was promised for its topics, from today.
    const topics = await findActiveTopics(trx, (await findInquiry(trx, kase.inquiryId)).topics);
    const responseDays = topics.length ? Math.min(...topics.map((t) => t.response_days)) : DEFAULT_RESPONSE_DAYS;
    const dueDate = deps.calendar.addWorkingDays(today(), responseDays);
    await locked.addAssignments([{ department, role: 'involved', dueDate }]);
    const assigned = await autoAssignNew(locked, department, 'involve');
    return {
      events: [{ type: CaseEventType.involved, department, data: { department, reason, dueDate } }, ...assigned],
      shows: 'involveDepartment',
      result: (saved) => viewAfter(caller, saved),
    };
  });
}

export interface NewNoteRequest {
  body: string;
  visibility: NoteVisibility;
  department?: string | undefined;
}

/**
 * The department a note is filed under: the one named, else the caller's department on
 * the case (the lead for a note to the enterprise). A department note must have one.
 */
function noteDepartment(principal: Principal, request: NewNoteRequest, kase: CaseRow, assignments: readonly AssignmentRow[]): string | null {
  if (request.department) return request.department;
  if (seesEverything(principal)) return null;
  if (request.visibility === 'enterprise') return kase.leadDepartment;
  const mine = (list: readonly AssignmentRow[]) => [...new Set(list.filter((a) => isMember(principal, a.department)).map((a) => a.department))];
  const active = mine(assignments.filter((a) => isActive(a.status)));
  const candidates = active.length ? active : mine(assignments);
  return candidates.length === 1 ? (candidates[0] ?? null) : null;
}

/** Adds a note. Notes are never edited or deleted: a correction is a new note. */
export async function addNote(
  deps: CaseDeps,
  caller: Caller,
  caseId: string,
  request: NewNoteRequest,
  ifMatch: IfMatch | undefined,
): Promise<ChangedCase<NoteView>> {
  const { principal } = caller;
  return changeCase(deps, caller, caseId, ifMatch, async ({ trx, kase, assignments }) => {
    const department = noteDepartment(principal, request, kase, assignments);
    if (request.visibility === 'department' && !department) {
      throw new ValidationError([{ path: 'body.department', message: 'Name the department this note belongs to' }]);
    }
    assertMayWriteNote(principal, { visibility: request.visibility, department }, kase.leadDepartment);
    if (department && !isMember(principal, department)) await assertDepartmentTakesWork(trx, department, 'body.department');

    const fields = { caseId: kase.id, department, visibility: request.visibility, body: request.body };
    const note = await insertNote(trx, { ...fields, authorId: principal.userId, authorRole: principal.role });
    const row = { ...fields, ...note, authorId: principal.userId, authorName: principal.name, authorRole: principal.role };
    return {
      // An enterprise note is written to be read outside the municipality; its text travels
      // with the event (and so to webhooks). Internal notes stay in the notes table only.
      events: [
        {
          type: CaseEventType.note_added,
          department,
          data: { noteId: note.id, visibility: request.visibility, ...(request.visibility === 'enterprise' ? { body: request.body } : {}) },
        },
      ],
      result: () => noteView(row),
    };
  });
}
