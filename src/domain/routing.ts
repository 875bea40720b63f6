// The routing engine: which department leads an inquiry and which are involved.
// Pure functions only (no SQL, no Fastify) so every rule can be unit-tested and simulated.

export type RuleRole = 'lead' | 'involve';

export interface RuleConditions {
  topics?: { anyOf: string[] };
  keywords?: { anyOf: string[] };
  employees?: { min?: number; max?: number };
  postcodes?: { from: string; to: string }[];
  registeredSocialEnterprise?: boolean;
}

export interface RoutingRule {
  id: string;
  name: string;
  when: RuleConditions;
  then: { department: string; role: RuleRole };
}

export interface RoutingTableDefinition {
  version: number;
  fallbackDepartment: string;
  rules: RoutingRule[];
}

/** The parts of an inquiry that routing may look at. */
export interface RoutingInput {
  topics: readonly string[];
  subject: string;
  description: string;
  employees?: number | null;
  postcode?: string | null;
  registeredSocialEnterprise?: boolean | null;
}

export interface RoutingDecision {
  version: number;
  lead: string;
  involved: string[];
  /** The rule that chose the lead, or null when the fallback department leads. */
  leadRuleId: string | null;
  /** Every rule that matched, in table order. */
  matchedRuleIds: string[];
}

export type ConditionName = keyof RuleConditions;

/** Conditions in the order they are checked; the first that fails is reported. */
export const conditionOrder: readonly ConditionName[] = [
  'topics',
  'registeredSocialEnterprise',
  'employees',
  'postcodes',
  'keywords',
];

export function searchableText(input: Pick<RoutingInput, 'subject' | 'description'>): string {
  return `${input.subject}\n${input.description}`.normalize('NFC').toLocaleLowerCase('da-DK');
}

export function normaliseKeyword(keyword: string): string {
  return keyword.trim().normalize('NFC').toLocaleLowerCase('da-DK');
}

/** Checks one condition of a rule; `text` is the inquiry's searchableText. */
export function conditionHolds(
  name: ConditionName,
  when: RuleConditions,
  input: RoutingInput,
  text: string,
): boolean {
  switch (name) {
    case 'topics':
      return when.topics === undefined || when.topics.anyOf.some((topic) => input.topics.includes(topic));
    case 'keywords':
      return (
        when.keywords === undefined || when.keywords.anyOf.some((keyword) => text.includes(normaliseKeyword(keyword)))
      );
    case 'employees': {
      if (when.employees === undefined) return true;
      if (input.employees === undefined || input.employees === null) return false;
      const { min, max } = when.employees;
      return (min === undefined || input.employees >= min) && (max === undefined || input.employees <= max);
    }
    case 'postcodes': {
      if (when.postcodes === undefined) return true;
      const postcode = input.postcode;
      if (!postcode) return false;
      return when.postcodes.some((range) => postcode >= range.from && postcode <= range.to);
    }
    case 'registeredSocialEnterprise':
      return (
        when.registeredSocialEnterprise === undefined ||
        (input.registeredSocialEnterprise ?? null) === when.registeredSocialEnterprise
      );
  }
}

/** The first condition of the rule that does not hold, or null when the rule matches. */
export function firstFailingCondition(rule: RoutingRule, input: RoutingInput, text = searchableText(input)): ConditionName | null {
  for (const name of conditionOrder) {
    if (rule.when[name] !== undefined && !conditionHolds(name, rule.when, input, text)) return name;
  }
  return null;
}

/**
 * Applies the table's semantics to the rules that matched, in table order: the first lead
 * rule leads, every other match involves its department, each department appears once,
 * and with no lead rule the fallback department leads.
 */
export function decide(table: RoutingTableDefinition, matched: readonly RoutingRule[]): RoutingDecision {
  const leadRule = matched.find((rule) => rule.then.role === 'lead') ?? null;
  const lead = leadRule ? leadRule.then.department : table.fallbackDepartment;
  const involved: string[] = [];
  for (const rule of matched) {
    if (rule === leadRule) continue;
    const department = rule.then.department;
    if (department !== lead && !involved.includes(department)) involved.push(department);
  }
  return {
    version: table.version,
    lead,
    involved,
    leadRuleId: leadRule?.id ?? null,
    matchedRuleIds: matched.map((rule) => rule.id),
  };
}

/** Straightforward evaluation of every rule in order: the reference the compiled form must agree with. */
export function route(table: RoutingTableDefinition, input: RoutingInput): RoutingDecision {
  const text = searchableText(input);
  return decide(
    table,
    table.rules.filter((rule) => firstFailingCondition(rule, input, text) === null),
  );
}
