import type { Caller } from '../../domain/principal.js';
import { type ActiveAssignment, planReroute } from '../../domain/reroute.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import { changeCase } from '../cases/case-work.service.js';
import type { CaseDeps } from '../cases/cases.service.js';
import {
  insertQueuedAssignments,
  listAssignments,
  findCaseForReroute,
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
 * `rerouted` event keeps both decisions. It goes through the one path every case change
 * takes (`changeCase`), so the case's status, revision and history stay in step.
 */
export async function rerouteCase(deps: RoutingDeps & { casework: CaseDeps }, caseId: string, caller: Caller, reason?: string) {
  const table = await deps.routing.latest();
  const { result } = await changeCase(deps.casework, caller, caseId, undefined, async (locked) => {
    const { trx, kase } = locked;
    const found = await findCaseForReroute(trx, caseId);
    if (!found) throw new NotFoundError('No case with that id.');
    if (kase.status === 'resolved') throw new ConflictError('The case is resolved; reopen an assignment before re-routing it.');

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
      await updateCaseRouting(trx, caseId, { routingVersion: decision.version, matchedRuleIds: decision.matchedRuleIds });
      // Written by the statements above, not through `locked`: the case's status and lead follow from the new list.
      await locked.reloadAssignments();
    }
    const outcome = { added: plan.add.map((a) => a.department), transferred: plan.transfer, kept: plan.kept };
    return {
      events: changed
        ? [
            {
              type: 'rerouted',
              department: decision.lead,
              data: { before, after: { ...after, leadRuleId: decision.leadRuleId }, ...outcome, ...(reason ? { reason } : {}) },
            },
          ]
        : [],
      result: async () => {
        const now = await listAssignments(trx, caseId);
        return {
          caseId,
          changed,
          before,
          after,
          ...outcome,
          assignments: now.map(({ department, role, status }) => ({ department, role, status })),
        };
      },
    };
  });
  return result;
}
