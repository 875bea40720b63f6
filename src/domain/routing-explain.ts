import {
  type ConditionName,
  type RoutingDecision,
  type RoutingInput,
  type RoutingRule,
  type RoutingTableDefinition,
  type RuleRole,
  decide,
  firstFailingCondition,
  normaliseKeyword,
  searchableText,
} from './routing.js';

/** What a rule did for one inquiry. */
export type RuleEffect = 'lead' | 'involved' | 'already-routed' | 'none';

export interface RuleExplanation {
  id: string;
  name: string;
  department: string;
  role: RuleRole;
  matched: boolean;
  /** The first condition that did not hold, in the order the engine checks them. */
  failedCondition: ConditionName | null;
  effect: RuleEffect;
  /** One sentence a coordinator can read. */
  reason: string;
  /** For a matched keyword condition: the keywords found in the subject or description. */
  matchedKeywords?: string[];
}

export interface RoutingExplanation {
  decision: RoutingDecision;
  /** True when no lead rule matched and the fallback department leads. */
  fallback: boolean;
  rules: RuleExplanation[];
}

const list = (items: readonly string[]) => (items.length ? items.join(', ') : 'none');

function range(min: number | string | undefined, max: number | string | undefined): string {
  if (min !== undefined && max !== undefined) return `${min}–${max}`;
  return min !== undefined ? `${min} or more` : `at most ${max}`;
}

function failureReason(name: ConditionName, rule: RoutingRule, input: RoutingInput): string {
  const when = rule.when;
  switch (name) {
    case 'topics':
      return `None of the inquiry's topics (${list(input.topics)}) is one of ${list(when.topics?.anyOf ?? [])}.`;
    case 'keywords':
      return `The subject and description mention none of ${list(when.keywords?.anyOf ?? [])}.`;
    case 'employees':
      return input.employees === null || input.employees === undefined
        ? 'The inquiry does not give a number of employees.'
        : `${input.employees} employees is outside ${range(when.employees?.min, when.employees?.max)}.`;
    case 'postcodes':
      return input.postcode
        ? `Postcode ${input.postcode} is outside ${list((when.postcodes ?? []).map((r) => range(r.from, r.to)))}.`
        : 'The inquiry does not give a postcode.';
    case 'registeredSocialEnterprise':
      return `The rule needs a registered social enterprise answer of ${when.registeredSocialEnterprise ? 'yes' : 'no'}; the inquiry says ${
        input.registeredSocialEnterprise === true ? 'yes' : input.registeredSocialEnterprise === false ? 'no' : 'nothing'
      }.`;
  }
}

function effectOf(rule: RoutingRule, decision: RoutingDecision, seen: Set<string>): Exclude<RuleEffect, 'none'> {
  const department = rule.then.department;
  if (decision.leadRuleId === rule.id) return 'lead';
  if (seen.has(department) || department === decision.lead) return 'already-routed';
  return 'involved';
}

const effectReasons: Record<Exclude<RuleEffect, 'none'>, (department: string) => string> = {
  lead: (department) => `All conditions hold, and it is the first matching lead rule: ${department} leads.`,
  involved: (department) => `All conditions hold: ${department} is involved.`,
  'already-routed': (department) => `All conditions hold, but ${department} is already on the case (it leads, or an earlier rule involves it).`,
};

/**
 * Evaluates the table rule by rule with the reference engine and says, for each rule,
 * whether it matched, which condition failed first, and what it contributed. The decision
 * is the one `route()` gives.
 */
export function explainRouting(table: RoutingTableDefinition, input: RoutingInput): RoutingExplanation {
  const text = searchableText(input);
  const failures = table.rules.map((rule) => firstFailingCondition(rule, input, text));
  const decision = decide(
    table,
    table.rules.filter((_, index) => failures[index] === null),
  );
  const routed = new Set<string>();
  const rules = table.rules.map((rule, index): RuleExplanation => {
    const failed = failures[index] ?? null;
    const base = { id: rule.id, name: rule.name, department: rule.then.department, role: rule.then.role, failedCondition: failed };
    if (failed !== null) return { ...base, matched: false, effect: 'none', reason: failureReason(failed, rule, input) };
    const effect = effectOf(rule, decision, routed);
    if (effect !== 'already-routed') routed.add(rule.then.department);
    const keywords = rule.when.keywords?.anyOf.filter((keyword) => text.includes(normaliseKeyword(keyword)));
    const mentions = keywords?.length ? ` The inquiry mentions ${keywords.join(', ')}.` : '';
    return {
      ...base,
      matched: true,
      effect,
      reason: `${effectReasons[effect](rule.then.department)}${mentions}`,
      ...(keywords ? { matchedKeywords: keywords } : {}),
    };
  });
  return { decision, fallback: decision.leadRuleId === null, rules };
}
