import { CaseEventType } from '../../domain/case-events.js';
import type { Caller } from '../../domain/principal.js';
import { type ActiveAssignment, planReroute } from '../../domain/reroute.js';
import { ConflictError } from '../../errors.js';
import { changeCase } from '../cases/case-work.service.js';
import { findInquiry } from '../cases/cases.repository.js';
import type { CaseDeps } from '../cases/cases.service.js';
import type { RoutingDeps } from './routing.service.js';

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item, i) => item === b[i]);

/**
 * Routes an open case again with the table published now. Departments the new decision
 * adds get a queued assignment; departments it drops lose theirs only while nobody has
 * started on it; the case records the new lead, version and matched rules, and a
 * `rerouted` event keeps both decisions. Every change is made through the locked case
 * (`changeCase`), so the case's status, revision and history stay in step.
 */
export async function rerouteCase(deps: RoutingDeps & { casework: CaseDeps }, caseId: string, caller: Caller, reason?: string) {
  const table = await deps.routing.latest();
  const { result } = await changeCase(deps.casework, caller, caseId, undefined, async (locked) => {
    const { trx, kase, assignments } = locked;
    if (kase.status === 'resolved') throw new ConflictError('The case is resolved; reopen an assignment before re-routing it.');
    const inquiry = await findInquiry(trx, kase.inquiryId);

    const active = assignments.filter((a): a is typeof a & ActiveAssignment => a.status !== 'transferred');
    const before = {
      routingVersion: kase.routingVersion,
      lead: kase.leadDepartment,
      involved: active.filter((a) => a.role === 'involved').map((a) => a.department),
      matchedRuleIds: kase.matchedRuleIds,
    };
    const decision = table.route({
      topics: inquiry.topics,
      subject: inquiry.subject,
      description: inquiry.description,
      employees: inquiry.employees,
      postcode: inquiry.postcode,
      registeredSocialEnterprise: inquiry.registeredSocialEnterprise,
    });
    const after = { routingVersion: decision.version, lead: decision.lead, involved: decision.involved, matchedRuleIds: decision.matchedRuleIds };
    const plan = planReroute(active, decision);

    const changed =
      before.routingVersion !== after.routingVersion ||
      !sameList(before.matchedRuleIds, after.matchedRuleIds) ||
      plan.add.length + plan.transfer.length + plan.roleChanges.length > 0;
    if (changed) {
      const activeIn = (department: string) => active.find((a) => a.department === department);
      for (const department of plan.transfer) {
        const assignment = activeIn(department);
        if (assignment) locked.updateAssignment(assignment.id, { status: 'transferred' });
      }
      // In the plan's order: demotions before promotions.
      for (const change of plan.roleChanges) {
        const assignment = activeIn(change.department);
        if (assignment) await locked.changeRole(assignment.id, change.role);
      }
      // New departments answer by the date the enterprise was already promised.
      const promised = assignments.map((a) => a.dueDate).sort()[0] as string;
      await locked.addAssignments(plan.add.map((a) => ({ ...a, dueDate: promised })));
      locked.recordRouting({ routingVersion: decision.version, matchedRuleIds: decision.matchedRuleIds });
    }
    const outcome = { added: plan.add.map((a) => a.department), transferred: plan.transfer, kept: plan.kept };
    return {
      events: changed
        ? [
            {
              type: CaseEventType.rerouted,
              department: decision.lead,
              data: { before, after: { ...after, leadRuleId: decision.leadRuleId }, ...outcome, ...(reason ? { reason } : {}) },
            },
          ]
        : [],
      result: (saved) => ({
        caseId,
        changed,
        before,
        after,
        ...outcome,
        assignments: saved.assignments.map(({ department, role, status }) => ({ department, role, status })),
      }),
    };
  });
  return result;
}
