import {
  type RoutingDecision,
  type RoutingInput,
  type RoutingRule,
  type RoutingTableDefinition,
  conditionOrder,
  conditionHolds,
  decide,
  searchableText,
} from './routing.js';

export interface CompiledRoutingTable {
  readonly definition: RoutingTableDefinition;
  route(input: RoutingInput): RoutingDecision;
}

/**
 * Prepares a table for fast decisions: rules with a topic condition are indexed by topic,
 * so an inquiry only looks at the rules its topics can match plus the rules without a
 * topic condition. Agrees with `route()` on every input (tested).
 */
export function compileRoutingTable(definition: RoutingTableDefinition): CompiledRoutingTable {
  const byTopic = new Map<string, number[]>();
  const withoutTopic: number[] = [];
  definition.rules.forEach((rule, index) => {
    if (rule.when.topics === undefined) {
      withoutTopic.push(index);
      return;
    }
    for (const topic of new Set(rule.when.topics.anyOf)) {
      const list = byTopic.get(topic);
      if (list) list.push(index);
      else byTopic.set(topic, [index]);
    }
  });
  const remainingConditions = conditionOrder.filter((name) => name !== 'topics');

  return {
    definition,
    route(input: RoutingInput): RoutingDecision {
      const candidates = new Set<number>(withoutTopic);
      for (const topic of input.topics) for (const index of byTopic.get(topic) ?? []) candidates.add(index);
      const ordered = [...candidates].sort((a, b) => a - b);
      let text: string | undefined;
      const matched: RoutingRule[] = [];
      for (const index of ordered) {
        const rule = definition.rules[index] as RoutingRule;
        let holds = true;
        for (const name of remainingConditions) {
          if (rule.when[name] === undefined) continue;
          text ??= searchableText(input);
          if (!conditionHolds(name, rule.when, input, text)) {
            holds = false;
            break;
          }
        }
        if (holds) matched.push(rule);
      }
      return decide(definition, matched);
    },
  };
}
