import type { RoutingExplanation, RuleExplanation } from './routing-explain.js';

// How two routing tables treat the same inquiry, side by side: a draft being tested against
// the published table, say. Rules are paired by id, because a draft copied from a table
// keeps its rules' ids; a rule in only one table is shown on its own row.

/** One rule's row: what it did in each table, and whether that differs. */
export interface ComparedRule {
  id: string;
  /** As the first table names it, else as the second does. */
  name: string;
  /** null: the table has no rule with this id. */
  first: RuleExplanation | null;
  second: RuleExplanation | null;
  differs: boolean;
}

export interface RoutingComparison {
  leadDiffers: boolean;
  involvedDiffers: boolean;
  /** Whether the two tables decide differently (lead or involved departments). */
  differs: boolean;
  /** The first table's rules in its order, then the rules only the second table has, in its order. */
  rules: ComparedRule[];
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item) => b.includes(item));

/**
 * Whether a rule did something else for the inquiry in the two tables: it is in only one,
 * it matched in one only, it sends to another department or in another role, or its match
 * counted differently (it led in one and only involved in the other). Two rules that both
 * failed do not differ, whichever condition failed first.
 */
function ruleDiffers(first: RuleExplanation | null, second: RuleExplanation | null): boolean {
  if (first === null || second === null) return true;
  if (first.matched !== second.matched) return true;
  if (!first.matched) return false;
  return first.department !== second.department || first.role !== second.role || first.effect !== second.effect;
}

export function compareRouting(first: RoutingExplanation, second: RoutingExplanation): RoutingComparison {
  const secondById = new Map(second.rules.map((rule) => [rule.id, rule]));
  const firstIds = new Set(first.rules.map((rule) => rule.id));
  const rules: ComparedRule[] = [
    ...first.rules.map((rule) => {
      const other = secondById.get(rule.id) ?? null;
      return { id: rule.id, name: rule.name, first: rule, second: other, differs: ruleDiffers(rule, other) };
    }),
    ...second.rules.filter((rule) => !firstIds.has(rule.id)).map((rule) => ({ id: rule.id, name: rule.name, first: null, second: rule, differs: true })),
  ];
  const leadDiffers = first.decision.lead !== second.decision.lead;
  const involvedDiffers = !sameSet(first.decision.involved, second.decision.involved);
  return { leadDiffers, involvedDiffers, differs: leadDiffers || involvedDiffers, rules };
}
