import type { Kysely } from 'kysely';
import { type AssignmentPolicy, isAvailable, PULL_POLICY, simulatePolicy } from '../../domain/assignment-policy.js';
import type { Principal } from '../../domain/principal.js';
import type { DB } from '../../db/schema.js';
import { ForbiddenError, NotFoundError, UnprocessableError } from '../../errors.js';
import {
  departmentExists,
  findAvailability,
  findDepartmentMembers,
  findPolicy,
  findRecentAssignments,
  findUserMemberships,
  upsertAvailability,
  upsertPolicy,
} from './assignment.repository.js';
import type { AvailabilityInput, AvailabilityView, PolicyInput, PolicyView, SimulationView } from './assignment.schemas.js';

/** Hands out a department's queued assignments to whoever is eligible now (the cases module does it; wired in app.ts). */
export type HandOut = (departments: readonly string[]) => Promise<number>;

const SIMULATED_ASSIGNMENTS = 100;

async function assertDepartment(db: Kysely<DB>, department: string): Promise<void> {
  if (!(await departmentExists(db, department))) throw new NotFoundError(`There is no department ${department}.`);
}

function policyOf(input: PolicyInput): AssignmentPolicy {
  return { mode: input.mode, maxOpenPerCaseworker: input.maxOpenPerCaseworker ?? null, noAnswerHours: input.noAnswerHours ?? null };
}

export async function getPolicy(db: Kysely<DB>, department: string): Promise<PolicyView> {
  await assertDepartment(db, department);
  const row = await findPolicy(db, department);
  if (!row) return { department, ...PULL_POLICY, revision: 0, updatedAt: null };
  return { ...row, updatedAt: row.updatedAt?.toISOString() ?? null };
}

/** Sets the department's policy; work already queued is handed out at once when it now hands out work. */
export async function putPolicy(db: Kysely<DB>, handOut: HandOut, principal: Principal, department: string, input: PolicyInput): Promise<PolicyView> {
  await assertDepartment(db, department);
  await upsertPolicy(db, department, policyOf(input), principal.userId);
  if (input.mode !== 'pull') await handOut([department]);
  return getPolicy(db, department);
}

function availabilityView(userId: string, row: Awaited<ReturnType<typeof findAvailability>>, now: Date): AvailabilityView {
  return {
    userId,
    available: row?.available ?? true,
    until: row?.until?.toISOString() ?? null,
    coverUserId: row?.coverUserId ?? null,
    availableNow: isAvailable(row, now),
    updatedAt: row?.updatedAt?.toISOString() ?? null,
  };
}

/**
 * Sets a user's availability: the user themselves or an admin. A cover must be an active
 * caseworker of every department of the user's. Someone who becomes available is handed
 * the work waiting in their departments' queues at once.
 */
export async function setAvailability(db: Kysely<DB>, handOut: HandOut, principal: Principal, userId: string, input: AvailabilityInput): Promise<AvailabilityView> {
  if (principal.userId !== userId && principal.role !== 'admin') throw new ForbiddenError("Only the user themselves or an admin can set a user's availability.");
  const user = await findUserMemberships(db, userId);
  if (!user) throw new NotFoundError('No such user.');
  const coverUserId = input.coverUserId ?? null;
  if (coverUserId !== null) {
    const cover = coverUserId === userId ? null : await findUserMemberships(db, coverUserId);
    const missing = cover ? user.departments.filter((d) => !cover.departments.includes(d)) : user.departments;
    if (!cover || !cover.active || cover.role !== 'caseworker' || missing.length > 0) {
      const message = !cover
        ? 'Not another user'
        : !cover.active || cover.role !== 'caseworker'
          ? 'Not an active caseworker'
          : `Not a member of ${missing.join(', ')}`;
      throw new UnprocessableError('cover-not-eligible', 'Cover not eligible', 'The cover must be another active caseworker of every department of the user.', {
        errors: [{ path: 'body.coverUserId', message }],
      });
    }
  }
  await upsertAvailability(db, userId, { available: input.available, until: input.until ? new Date(input.until) : null, coverUserId }, principal.userId);
  const now = new Date();
  const row = await findAvailability(db, userId);
  // Becoming available (or naming an available cover) may make someone eligible.
  if (user.departments.length > 0) await handOut(user.departments);
  return availabilityView(userId, row, now);
}

export async function getAvailability(db: Kysely<DB>, principal: Principal, userId: string): Promise<AvailabilityView> {
  if (principal.userId !== userId && principal.role !== 'admin' && principal.role !== 'coordinator') throw new ForbiddenError();
  if (!(await findUserMemberships(db, userId))) throw new NotFoundError('No such user.');
  return availabilityView(userId, await findAvailability(db, userId), new Date());
}

/** Who would have received the department's last 100 assignments under `input` (see `simulatePolicy`). */
export async function simulate(db: Kysely<DB>, department: string, input: PolicyInput): Promise<SimulationView> {
  await assertDepartment(db, department);
  const policy = policyOf(input);
  const now = new Date();
  const [members, recent] = await Promise.all([findDepartmentMembers(db, department), findRecentAssignments(db, department, SIMULATED_ASSIGNMENTS)]);
  const simulated = simulatePolicy(policy, members, recent, now);
  const references = new Map(recent.map((a) => [a.assignmentId, a.reference]));
  const names = new Map<string, string>(members.map((m) => [m.userId, m.name]));
  for (const a of recent) if (a.assigneeId && a.assigneeName) names.set(a.assigneeId, a.assigneeName);
  const counts = new Map<string, { actual: number; simulated: number }>();
  const countOf = (userId: string) => counts.get(userId) ?? counts.set(userId, { actual: 0, simulated: 0 }).get(userId) ?? { actual: 0, simulated: 0 };
  for (const member of members) countOf(member.userId);
  for (const a of simulated) {
    if (a.assigneeId) countOf(a.assigneeId).actual += 1;
    if (a.simulatedAssigneeId) countOf(a.simulatedAssigneeId).simulated += 1;
  }
  return {
    department,
    policy,
    assignments: simulated.map((a) => ({
      assignmentId: a.assignmentId,
      caseId: a.caseId,
      reference: references.get(a.assignmentId) ?? '',
      queuedAt: a.queuedAt.toISOString(),
      actualAssigneeId: a.assigneeId,
      simulatedAssigneeId: a.simulatedAssigneeId,
      coverFor: a.coverFor,
    })),
    perCaseworker: [...counts].map(([userId, c]) => ({ userId, name: names.get(userId) ?? '', ...c })),
    unassigned: simulated.filter((a) => a.simulatedAssigneeId === null).length,
  };
}
