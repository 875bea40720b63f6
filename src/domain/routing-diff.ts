import type { RoutingRule } from './routing.js';
import type { EditableTable } from './routing-validation.js';

export interface PlacedRule {
  /** Zero-based position in its table. */
  position: number;
  rule: RoutingRule;
}

export interface ChangedRule {
  id: string;
  /** The parts that differ: `name`, `when.topics` … `then.role`, and `position` when the rule moved. */
  fields: string[];
  before: PlacedRule;
  after: PlacedRule;
}

export interface TableDiff {
  fallbackDepartment: { before: string; after: string } | null;
  added: PlacedRule[];
  removed: PlacedRule[];
  changed: ChangedRule[];
}

const comparedFields: readonly [string, (rule: RoutingRule) => unknown][] = [
  ['name', (r) => r.name],
  ['when.topics', (r) => r.when.topics],
  ['when.keywords', (r) => r.when.keywords],
  ['when.employees', (r) => r.when.employees],
  ['when.postcodes', (r) => r.when.postcodes],
  ['when.registeredSocialEnterprise', (r) => r.when.registeredSocialEnterprise],
  ['then.department', (r) => r.then.department],
  ['then.role', (r) => r.then.role],
];

/**
 * Indexes (into `sequence`) of one longest strictly increasing subsequence: the rules
 * that kept their relative order. Patience sorting, O(n log n).
 */
function longestIncreasing(sequence: readonly number[]): Set<number> {
  const tails: number[] = [];
  const previous: number[] = new Array(sequence.length).fill(-1);
  sequence.forEach((value, index) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((sequence[tails[middle] as number] as number) < value) low = middle + 1;
      else high = middle;
    }
    if (low > 0) previous[index] = tails[low - 1] as number;
    tails[low] = index;
  });
  const kept = new Set<number>();
  for (let index = tails[tails.length - 1] ?? -1; index !== -1; index = previous[index] as number) kept.add(index);
  return kept;
}

/**
 * What changed from `before` to `after`, matching rules by id. Order matters in a routing
 * table, so a rule that moved relative to the others is reported with `position`; the
 * fewest rules that explain the new order are the ones reported as moved.
 */
export function diffRoutingTables(before: EditableTable, after: EditableTable): TableDiff {
  const beforeById = new Map(before.rules.map((rule, position) => [rule.id, { rule, position }]));
  const afterIds = new Set(after.rules.map((rule) => rule.id));

  const common = after.rules.flatMap((rule, position) => {
    const old = beforeById.get(rule.id);
    return old ? [{ before: old, after: { rule, position } }] : [];
  });
  const inOrder = longestIncreasing(common.map((pair) => pair.before.position));

  const changed = common.flatMap((pair, index): ChangedRule[] => {
    const fields = comparedFields
      .filter(([, read]) => JSON.stringify(read(pair.before.rule)) !== JSON.stringify(read(pair.after.rule)))
      .map(([name]) => name);
    if (!inOrder.has(index)) fields.push('position');
    return fields.length ? [{ id: pair.after.rule.id, fields, before: pair.before, after: pair.after }] : [];
  });

  return {
    fallbackDepartment:
      before.fallbackDepartment === after.fallbackDepartment ? null : { before: before.fallbackDepartment, after: after.fallbackDepartment },
    added: after.rules.flatMap((rule, position) => (beforeById.has(rule.id) ? [] : [{ rule, position }])),
    removed: before.rules.flatMap((rule, position) => (afterIds.has(rule.id) ? [] : [{ rule, position }])),
    changed,
  };
}
