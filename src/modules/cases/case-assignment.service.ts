import type { Transaction } from 'kysely';
import { summariseCase } from '../../domain/case-state.js';
import { type CaseEvent, CaseEventType } from '../../domain/case-events.js';
import type { Principal } from '../../domain/principal.js';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { findAutoDepartments } from '../assignment/assignment-choice.repository.js';
import { autoAssign } from './case-auto-assign.js';
import { findUnanswered } from './case-auto-assign.repository.js';
import { saveCaseChange } from './case-change.repository.js';
import { LockedCase } from './case-work.service.js';
import { type LockedCaseRow, lockNextQueued, lockVisibleCase } from './cases.repository.js';

// The work the service does by itself under the departments' assignment policies: handing
// out queued assignments once someone is eligible, and taking back those left unanswered.
// Each assignment is its own transaction, locking the case first and then the policy, as
// every change does; the events are the service's own (actor role `system`).

/** Reach for locking any case; never an actor (the events name none). */
const SERVICE: Principal = { userId: '00000000-0000-0000-0000-000000000000', tokenId: null, name: 'service', role: 'coordinator', departments: [] };

// One run hands out at most this many per department, so that a large queue cannot hold a
// job for long; the next run (or the next change of availability) goes on.
const HAND_OUT_LIMIT = 500;
const UNANSWERED_LIMIT = 500;

/** Saves a change the service makes to a locked case: false when `work` named no events (nothing changed). */
async function saveServiceChange(trx: Transaction<DB>, row: LockedCaseRow, work: (locked: LockedCase) => Promise<CaseEvent[]>): Promise<boolean> {
  const locked = await LockedCase.lock(trx, row);
  const events = await work(locked);
  if (events.length === 0) return false;
  const { kase } = row;
  const summary = summariseCase(locked.assignments);
  if (summary.status !== kase.status) events.push({ type: CaseEventType.case_status_changed, data: { before: kase.status, after: summary.status } });
  await saveCaseChange(trx, {
    kase,
    assignmentUpdates: locked.takePending(),
    summary,
    routing: null,
    events: events.map((event) => ({ caseId: kase.id, actorId: null, actorRole: 'system', ...event })),
    read: null,
  });
  return true;
}

/**
 * Hands out the queued assignments of departments that hand out work (those among
 * `departments`, or all), oldest in claim order first, until each queue is empty or nobody
 * there is eligible. Returns how many were handed out.
 */
export async function handOutQueued(db: Database, departments: readonly string[] | null = null, now: Date = new Date()): Promise<number> {
  const auto = await findAutoDepartments(db);
  let handed = 0;
  for (const department of auto.filter((d) => departments === null || departments.includes(d))) {
    for (let i = 0; i < HAND_OUT_LIMIT; i += 1) {
      const outcome = await db.transaction().execute(async (trx) => {
        const candidate = await lockNextQueued(trx, department);
        if (!candidate) return 'empty' as const;
        const seen: { result: 'handed' | 'nobody' | 'raced' } = { result: 'raced' };
        await saveServiceChange(trx, candidate, async (locked) => {
          const assignment = locked.assignments.find((a) => a.id === candidate.assignmentId);
          // Claimed or handed out after the candidate was read: look again.
          if (assignment?.status !== 'queued' || assignment.assigneeId !== null) return [];
          const assigned = await autoAssign(locked, assignment.id, department, 'queue', null, now);
          seen.result = assigned ? 'handed' : 'nobody';
          return assigned ? [assigned] : [];
        });
        return seen.result;
      });
      if (outcome === 'handed') handed += 1;
      else if (outcome !== 'raced') break;
    }
  }
  return handed;
}

/**
 * Takes back assignments handed out and not started within the department's
 * `noAnswerHours` (or given to someone who has since left the department or been
 * deactivated), and hands each to the next eligible caseworker other than the one who did
 * not answer; with nobody else eligible it goes back to the queue. Returns how many were
 * taken back.
 */
export async function reassignUnanswered(db: Database, now: Date = new Date()): Promise<number> {
  let taken = 0;
  for (const unanswered of await findUnanswered(db, now, UNANSWERED_LIMIT)) {
    const changed = await db.transaction().execute(async (trx) => {
      const row = await lockVisibleCase(trx, SERVICE, unanswered.caseId);
      if (!row) return false;
      return saveServiceChange(trx, row, async (locked) => {
        const current = locked.assignments.find((a) => a.id === unanswered.assignmentId);
        // Started, or given again, since it was found: it has its answer.
        if (current?.status !== 'queued' || current.assigneeId !== unanswered.assigneeId || current.updatedAt.getTime() !== unanswered.updatedAt.getTime()) {
          return [];
        }
        const assigned = await autoAssign(locked, current.id, current.department, 'timeout', current.assigneeId, now);
        if (assigned) return [assigned];
        const before = { status: current.status, assigneeId: current.assigneeId, priority: current.priority };
        const after = { ...before, assigneeId: null };
        locked.updateAssignment(current.id, { assigneeId: null });
        return [{ type: CaseEventType.assignee_changed, department: current.department, data: { assignmentId: current.id, before, after } }];
      });
    });
    if (changed) taken += 1;
  }
  return taken;
}
