// What re-routing a case changes in its assignments. Pure, so the rules below are tested
// without a database: work that has started is never taken away from a department.

export type AssignmentRole = 'lead' | 'involved';
export type ActiveAssignmentStatus = 'queued' | 'in_progress' | 'waiting' | 'done';

export interface ActiveAssignment {
  department: string;
  role: AssignmentRole;
  status: ActiveAssignmentStatus;
}

export interface ReroutePlan {
  /** Departments the new decision routes to that have no assignment yet: queued. */
  add: { department: string; role: AssignmentRole }[];
  /** Departments no longer routed to whose assignment is still queued: marked transferred. */
  transfer: string[];
  /** Departments no longer routed to whose work has started: they stay, as involved. */
  kept: string[];
  /** Assignments that stay but change role; demotions come first, so there is never a moment with two leads. */
  roleChanges: { department: string; role: AssignmentRole }[];
}

export function planReroute(current: readonly ActiveAssignment[], decision: { lead: string; involved: readonly string[] }): ReroutePlan {
  const roleOf = (department: string): AssignmentRole | null =>
    department === decision.lead ? 'lead' : decision.involved.includes(department) ? 'involved' : null;
  const plan: ReroutePlan = { add: [], transfer: [], kept: [], roleChanges: [] };
  const promotions: ReroutePlan['roleChanges'] = [];
  for (const assignment of current) {
    const wanted = roleOf(assignment.department);
    if (wanted === null) {
      if (assignment.status === 'queued') {
        plan.transfer.push(assignment.department);
        continue;
      }
      plan.kept.push(assignment.department);
      if (assignment.role === 'lead') plan.roleChanges.push({ department: assignment.department, role: 'involved' });
    } else if (wanted !== assignment.role) {
      (wanted === 'lead' ? promotions : plan.roleChanges).push({ department: assignment.department, role: wanted });
    }
  }
  plan.roleChanges.push(...promotions);
  const present = new Set(current.map((a) => a.department));
  for (const department of [decision.lead, ...decision.involved]) {
    if (!present.has(department)) plan.add.push({ department, role: roleOf(department) as AssignmentRole });
  }
  return plan;
}
