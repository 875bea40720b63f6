import { type ActiveAssignment, planReroute } from '../../domain/reroute.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import type { Principal } from '../../plugins/auth.js';
import { appendEvents } from '../cases/events.repository.js';
import {
  insertQueuedAssignments,
  listAssignments,
  lockCaseForReroute,
  setAssignmentRole,
  transferQueuedAssignments,
  updateCaseRouting,
} from './reroute.repository.js';
import type { RoutingDeps } from './routing.service.js';

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item, i) => item === b[i]);

/**
 * Routes an open case again with the table published now. Departments the new decision
 * adds get a queued assignment; departments it drops lose theirs only while nobody has
 * started on it; the case records the new lead, version and matched rules, and a
 * `rerouted` event keeps both decisions.
 */
export async function rerouteCase(deps: RoutingDeps, caseId: string, principal: Principal, reason?: string) {
  const table = await deps.routing.latest();
  return deps.db.transaction().execute(async (trx) => {
    const found = await lockCaseForReroute(trx, caseId);
    if (!found) throw new NotFoundError('No case with that id.');
    if (found.status === 'resolved') throw new ConflictError('The case is resolved; reopen an assignment before re-routing it.');

    const assignments = await listAssignments(trx, caseId);
    const active = assignments.filter((a): a is typeof a & ActiveAssignment => a.status !== 'transferred');
    const before = {
      routingVersion: found.routingVersion,
      lead: found.leadDepartment,
      involved: active.filter((a) => a.role === 'involved').map((a) => a.department),
      matchedRuleIds: found.matchedRuleIds,
    };
    const decision = table.route(found.input);
    const after = { routingVersion: decision.version, lead: decision.lead, involved: decision.involved, matchedRuleIds: decision.matchedRuleIds };
    const plan = planReroute(active, decision);

    const changed =
      before.routingVersion !== after.routingVersion ||
      !sameList(before.matchedRuleIds, after.matchedRuleIds) ||
      plan.add.length + plan.transfer.length + plan.roleChanges.length > 0;
    if (changed) {
      await transferQueuedAssignments(trx, caseId, plan.transfer);
      for (const change of plan.roleChanges) await setAssignmentRole(trx, caseId, change.department, change.role);
      // New departments answer by the date the enterprise was already promised.
      const promised = assignments.map((a) => a.dueDate).sort()[0] as string;
      await insertQueuedAssignments(trx, caseId, plan.add, promised);
      await updateCaseRouting(trx, caseId, { leadDepartment: decision.lead, routingVersion: decision.version, matchedRuleIds: decision.matchedRuleIds });
      await appendEvents(trx, [
        {
          caseId,
          type: 'rerouted',
          actorId: principal.userId,
          actorRole: principal.role,
          department: decision.lead,
          data: {
            before,
            after: { ...after, leadRuleId: decision.leadRuleId },
            added: plan.add.map((a) => a.department),
            transferred: plan.transfer,
            kept: plan.kept,
            ...(reason ? { reason } : {}),
          },
        },
      ]);
    }
    const now = await listAssignments(trx, caseId);
    return {
      caseId,
      changed,
      before,
      after,
      added: plan.add.map((a) => a.department),
      transferred: plan.transfer,
      kept: plan.kept,
      assignments: now.map(({ department, role, status }) => ({ department, role, status })),
    };
  });
}
