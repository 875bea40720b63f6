/**
 * The life of a department's assignment on a case, and the case status the enterprise
 * sees, derived from all of them. Pure: no SQL, no HTTP.
 *
 *   queued → in_progress ⇄ waiting → done      (in_progress → done directly too)
 *   in_progress → queued releases the assignment; done → in_progress reopens it
 *   queued | in_progress | waiting → transferred (a hand-over; terminal)
 */

export const ASSIGNMENT_STATUSES = ['queued', 'in_progress', 'waiting', 'done', 'transferred'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/** The statuses a PATCH may ask for; `transferred` is reached only by a transfer. */
export const SETTABLE_STATUSES = ['queued', 'in_progress', 'waiting', 'done'] as const;
export type SettableStatus = (typeof SETTABLE_STATUSES)[number];

export const CASE_STATUSES = ['received', 'in_progress', 'waiting_for_you', 'resolved'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export type AssignmentRole = 'lead' | 'involved';

const TRANSITIONS: Record<AssignmentStatus, readonly AssignmentStatus[]> = {
  queued: ['in_progress'],
  in_progress: ['waiting', 'done', 'queued'],
  waiting: ['in_progress', 'done'],
  done: ['in_progress'],
  transferred: [],
};

export function allowedTransitions(from: AssignmentStatus): readonly AssignmentStatus[] {
  return TRANSITIONS[from];
}

/** Someone in the department still has work to do on it. */
export function isOpen(status: AssignmentStatus): boolean {
  return status === 'queued' || status === 'in_progress' || status === 'waiting';
}

/** The department is (still) on the case: anything but handed over. */
export function isActive(status: AssignmentStatus): boolean {
  return status !== 'transferred';
}

/** Only unfinished work can be handed to another department. */
export function canTransfer(status: AssignmentStatus): boolean {
  return isOpen(status);
}

export class IllegalTransitionError extends Error {
  constructor(
    readonly from: AssignmentStatus,
    readonly to: AssignmentStatus,
  ) {
    const allowed = allowedTransitions(from);
    super(
      `An assignment that is ${from} cannot become ${to}; ` +
        (allowed.length ? `allowed: ${allowed.join(', ')}.` : 'it cannot change any more.'),
    );
  }

  get allowed(): readonly AssignmentStatus[] {
    return allowedTransitions(this.from);
  }
}

/** A change that is a legal transition but breaks a rule about the assignee. */
export class AssigneeRuleError extends Error {}

export interface AssignmentState {
  status: AssignmentStatus;
  assigneeId: string | null;
}

export interface AssignmentChange {
  status?: SettableStatus | undefined;
  /** undefined: leave as is; null: nobody. */
  assigneeId?: string | null | undefined;
}

/**
 * What an assignment becomes after a requested change. Setting an assignee on a queued
 * assignment starts it; clearing the assignee of a started one releases it to the queue.
 * Starting without naming anyone gives it to `actorId` (a caseworker taking it), when the
 * actor can hold assignments.
 */
export function planAssignmentChange(current: AssignmentState, change: AssignmentChange, actorId: string | null): AssignmentState {
  const status = targetStatus(current, change);
  if (current.status === 'transferred' || (status !== current.status && !allowedTransitions(current.status).includes(status))) {
    throw new IllegalTransitionError(current.status, status);
  }

  switch (status) {
    case 'queued':
      if (change.assigneeId) throw new AssigneeRuleError('A queued assignment has no assignee: releasing it clears the assignee.');
      return { status, assigneeId: null };
    case 'in_progress':
    case 'waiting': {
      if (change.assigneeId === null) throw new AssigneeRuleError(`An assignment that is ${status} needs an assignee; release it to the queue instead.`);
      const assigneeId = change.assigneeId ?? current.assigneeId ?? actorId;
      if (!assigneeId) throw new AssigneeRuleError(`Name the caseworker who works on it: an assignment that is ${status} needs an assignee.`);
      return { status, assigneeId };
    }
    case 'done':
      if (change.assigneeId !== undefined && change.assigneeId !== current.assigneeId) {
        throw new AssigneeRuleError('A done assignment keeps the assignee who finished it; reopen it to hand it to someone else.');
      }
      return { status, assigneeId: current.assigneeId };
    case 'transferred':
      throw new IllegalTransitionError(current.status, status);
  }
}

function targetStatus(current: AssignmentState, change: AssignmentChange): AssignmentStatus {
  if (change.status !== undefined) return change.status;
  if (change.assigneeId === undefined) return current.status;
  if (change.assigneeId !== null && current.status === 'queued') return 'in_progress';
  if (change.assigneeId === null && current.status !== 'queued' && current.status !== 'done') return 'queued';
  return current.status;
}

export interface AssignmentFacts {
  department: string;
  role: AssignmentRole;
  status: AssignmentStatus;
  dueDate: string;
}

/**
 * The status the enterprise sees: `resolved` when every department is done (or handed
 * over), `waiting_for_you` while any department waits for the enterprise, `in_progress`
 * once any department has started, `received` before that.
 */
export function deriveCaseStatus(statuses: readonly AssignmentStatus[]): CaseStatus {
  const active = statuses.filter(isActive);
  if (active.every((status) => status === 'done')) return 'resolved';
  if (active.includes('waiting')) return 'waiting_for_you';
  if (active.some((status) => status === 'in_progress' || status === 'done')) return 'in_progress';
  return 'received';
}

export interface CaseSummary {
  status: CaseStatus;
  /** The department leading the case and speaking to the enterprise. */
  leadDepartment: string;
  /** The next deadline: the earliest due date among open assignments, else the lead's. */
  dueDate: string;
}

/** Everything about a case that follows from its assignments. Every case has one active lead. */
export function summariseCase(assignments: readonly AssignmentFacts[]): CaseSummary {
  const lead = assignments.find((a) => a.role === 'lead' && isActive(a.status));
  if (!lead) throw new Error('A case must have an active lead assignment');
  const openDueDates = assignments.filter((a) => isOpen(a.status)).map((a) => a.dueDate);
  const dueDate = openDueDates.length ? openDueDates.reduce((a, b) => (b < a ? b : a)) : lead.dueDate;
  return { status: deriveCaseStatus(assignments.map((a) => a.status)), leadDepartment: lead.department, dueDate };
}
