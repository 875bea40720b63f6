/**
 * Who gets a department's next assignment under its assignment policy. Pure: the service
 * runs the same choice in PostgreSQL, under the department's lock, so that several
 * processes share one order (see `chooseCaseworker` in the assignment module); this is
 * the reference model it is tested against and what a simulation replays.
 *
 * - `pull`: nobody is chosen; caseworkers claim from the queue.
 * - `round-robin`: the caseworker whose turn came longest ago (or never) goes next.
 * - `least-loaded`: the fewest open assignments in the department; ties by longest since
 *   the last turn.
 *
 * Every active caseworker of the department holds a place in the order (a slot). An
 * available one receives on their turn; an absent one with an available cover who is a
 * member too hands their turn to the cover (the event says whom it covered for); an absent
 * one without a cover is passed over. A receiver at the cap of open assignments is passed
 * over. Ties that remain are broken by user id, so the order never depends on a plan.
 */

export const ASSIGNMENT_MODES = ['pull', 'round-robin', 'least-loaded'] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

/** What made an assignment that a policy hands out: the work it was created or freed by. */
export const ASSIGNMENT_TRIGGERS = ['intake', 'transfer', 'involve', 'release', 'timeout', 'queue'] as const;
export type AssignmentTrigger = (typeof ASSIGNMENT_TRIGGERS)[number];

export interface AssignmentPolicy {
  mode: AssignmentMode;
  maxOpenPerCaseworker: number | null;
  noAnswerHours: number | null;
}

export const PULL_POLICY: AssignmentPolicy = { mode: 'pull', maxOpenPerCaseworker: null, noAnswerHours: null };

export interface Availability {
  available: boolean;
  /** When the setting ends (back to available); null: until changed. */
  until: Date | null;
  coverUserId: string | null;
}

/** Whether someone is available now: no setting, an available one, or an absence that has ended. */
export function isAvailable(availability: Availability | null | undefined, now: Date): boolean {
  if (!availability) return true;
  if (availability.available) return true;
  return availability.until !== null && availability.until.getTime() <= now.getTime();
}

/** A caseworker of the department as the choice sees them. */
export interface Member {
  userId: string;
  availability: Availability | null;
  /** The turn number of their last turn in this department; null when they never had one. */
  lastTurn: number | null;
  /** Their open (queued to them, in progress, waiting) assignments in this department. */
  open: number;
}

export interface Choice {
  /** Who receives the assignment. */
  assigneeId: string;
  /** Whose turn it was (the receiver, or the absent caseworker they cover for). */
  slotUserId: string;
  coverFor: string | null;
  /** The receiver's open assignments in the department before this one. */
  openBefore: number;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The next caseworker under the policy among the department's active caseworkers, or null
 * when nobody is eligible (or the department pulls). `exclude` is never chosen (whoever
 * just released or left the assignment unanswered).
 */
export function chooseCaseworker(policy: AssignmentPolicy, members: readonly Member[], now: Date, exclude: string | null = null): Choice | null {
  if (policy.mode === 'pull') return null;
  const byId = new Map(members.map((m) => [m.userId, m]));
  const candidates: Array<Choice & { lastTurn: number | null }> = [];
  for (const member of members) {
    let receiver: Member | undefined = member;
    let coverFor: string | null = null;
    if (!isAvailable(member.availability, now)) {
      const cover = member.availability?.coverUserId ? byId.get(member.availability.coverUserId) : undefined;
      receiver = cover && isAvailable(cover.availability, now) ? cover : undefined;
      coverFor = member.userId;
    }
    if (!receiver || receiver.userId === exclude) continue;
    if (policy.maxOpenPerCaseworker !== null && receiver.open >= policy.maxOpenPerCaseworker) continue;
    candidates.push({ assigneeId: receiver.userId, slotUserId: member.userId, coverFor, openBefore: receiver.open, lastTurn: member.lastTurn });
  }
  candidates.sort(
    (a, b) =>
      (policy.mode === 'least-loaded' ? a.openBefore - b.openBefore : 0) ||
      (a.lastTurn ?? -Infinity) - (b.lastTurn ?? -Infinity) ||
      compareIds(a.slotUserId, b.slotUserId),
  );
  const best = candidates[0];
  if (!best) return null;
  const { lastTurn: _lastTurn, ...choice } = best;
  return choice;
}

/** One of the department's past assignments, replayed by a simulation. */
export interface PastAssignment {
  assignmentId: string;
  caseId: string;
  queuedAt: Date;
  /** When it stopped being open in the department (done or transferred); null while open. */
  closedAt: Date | null;
  /** Who actually had it. */
  assigneeId: string | null;
}

export interface SimulatedAssignment extends PastAssignment {
  /** Who the policy would have given it to; null when nobody was eligible (it would wait in the queue). */
  simulatedAssigneeId: string | null;
  coverFor: string | null;
}

/**
 * Replays past assignments, oldest first, under a policy with today's caseworkers and
 * their availability now: each is given to the choice of the moment, counted as open until
 * it really closed. Everyone starts with the same load and no turn, so the result shows
 * the policy, not the history it would replace.
 */
export function simulatePolicy(
  policy: AssignmentPolicy,
  members: ReadonlyArray<Pick<Member, 'userId' | 'availability'>>,
  past: readonly PastAssignment[],
  now: Date,
): SimulatedAssignment[] {
  const state = new Map<string, Member>(members.map((m) => [m.userId, { ...m, lastTurn: null, open: 0 }]));
  const openUntil: Array<{ userId: string; closedAt: Date | null }> = [];
  let turn = 0;
  const ordered = [...past].sort((a, b) => a.queuedAt.getTime() - b.queuedAt.getTime() || compareIds(a.assignmentId, b.assignmentId));
  return ordered.map((assignment) => {
    // What had closed by the time this one arrived no longer counts.
    for (let i = openUntil.length - 1; i >= 0; i -= 1) {
      const entry = openUntil[i];
      if (entry?.closedAt && entry.closedAt.getTime() <= assignment.queuedAt.getTime()) {
        const member = state.get(entry.userId);
        if (member) member.open -= 1;
        openUntil.splice(i, 1);
      }
    }
    const choice = chooseCaseworker(policy, [...state.values()], now);
    if (choice) {
      turn += 1;
      const slot = state.get(choice.slotUserId);
      if (slot) slot.lastTurn = turn;
      const receiver = state.get(choice.assigneeId);
      if (receiver) receiver.open += 1;
      openUntil.push({ userId: choice.assigneeId, closedAt: assignment.closedAt });
    }
    return { ...assignment, simulatedAssigneeId: choice?.assigneeId ?? null, coverFor: choice?.coverFor ?? null };
  });
}
