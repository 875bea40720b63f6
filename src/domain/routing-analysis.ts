import { type RoutingRule, type RuleConditions, normaliseKeyword } from './routing.js';
import type { EditableTable, RoutingCatalogue } from './routing-validation.js';

export type RoutingWarningCode = 'unreachable-lead-rule' | 'topic-without-lead-rule' | 'department-not-routed' | 'duplicate-rule';

/** Something in a table that is allowed but probably not meant. */
export interface RoutingWarning {
  code: RoutingWarningCode;
  message: string;
  /** The rule the warning is about. */
  ruleId?: string;
  /** The rules that cause it (the earlier lead rules, the rule duplicated). */
  relatedRuleIds?: string[];
  topic?: string;
  department?: string;
}

/**
 * Looks for what a coordinator most likely did not mean: lead rules that can never decide
 * because earlier lead rules always match first, topics that only the fallback department
 * can lead, departments nothing routes to, and rules identical to an earlier one. The
 * checks are sound (a warning is always true) but not complete: a rule shadowed only by
 * a combination of keyword rules, say, is not reported.
 */
export function analyseRoutingTable(table: EditableTable, catalogue: RoutingCatalogue): RoutingWarning[] {
  const duplicates = duplicateRules(table.rules);
  const duplicateIds = new Set(duplicates.map((w) => w.ruleId));
  return [
    ...unreachableLeadRules(table.rules, catalogue).filter((w) => !duplicateIds.has(w.ruleId)),
    ...duplicates,
    ...topicsWithoutLeadRule(table, catalogue),
    ...departmentsNotRouted(table, catalogue),
  ];
}

function unreachableLeadRules(rules: readonly RoutingRule[], catalogue: RoutingCatalogue): RoutingWarning[] {
  const warnings: RoutingWarning[] = [];
  const earlierLeads: RoutingRule[] = [];
  for (const rule of rules) {
    if (rule.then.role !== 'lead') continue;
    // An inquiry this rule matches has at least one of these topics; the rule is
    // unreachable when, for each of them, some earlier lead rule matches every such inquiry.
    const topics = (rule.when.topics?.anyOf ?? catalogue.topics).filter((t) => catalogue.topics.includes(t));
    const shadowedBy = new Set<string>();
    const covered =
      topics.length > 0 &&
      topics.every((topic) => {
        const earlier = earlierLeads.find((candidate) => alwaysHoldsWhen(candidate.when, rule.when, topic));
        if (earlier) shadowedBy.add(earlier.id);
        return earlier !== undefined;
      });
    if (covered) {
      const ids = [...shadowedBy];
      warnings.push({
        code: 'unreachable-lead-rule',
        ruleId: rule.id,
        relatedRuleIds: ids,
        message: `Rule ${rule.id} can never choose the lead: every inquiry it matches is matched first by lead rule ${ids.join(', ')}. It only ever involves ${rule.then.department}.`,
      });
    }
    earlierLeads.push(rule);
  }
  return warnings;
}

/** Whether `general` holds for every inquiry that has `topic` and satisfies `specific`. */
export function alwaysHoldsWhen(general: RuleConditions, specific: RuleConditions, topic: string): boolean {
  if (general.topics !== undefined && !general.topics.anyOf.includes(topic)) return false;

  if (general.keywords !== undefined) {
    // Text containing a specific keyword contains every keyword that is part of it.
    const generalKeywords = general.keywords.anyOf.map(normaliseKeyword);
    const specificKeywords = specific.keywords?.anyOf.map(normaliseKeyword);
    if (!specificKeywords?.length || !specificKeywords.every((k) => generalKeywords.some((g) => k.includes(g)))) return false;
  }

  if (general.employees !== undefined) {
    const outer = general.employees;
    const inner = specific.employees;
    if (!inner) return false;
    if (outer.min !== undefined && (inner.min === undefined || inner.min < outer.min)) return false;
    if (outer.max !== undefined && (inner.max === undefined || inner.max > outer.max)) return false;
  }

  if (general.postcodes !== undefined) {
    if (!specific.postcodes?.length) return false;
    const outer = mergedPostcodeRanges(general.postcodes);
    const inside = (range: { from: string; to: string }) =>
      outer.some(([from, to]) => Number(range.from) >= from && Number(range.to) <= to);
    if (!specific.postcodes.every(inside)) return false;
  }

  if (general.registeredSocialEnterprise !== undefined && specific.registeredSocialEnterprise !== general.registeredSocialEnterprise) {
    return false;
  }
  return true;
}

/** Postcode ranges as numbers, with overlapping and adjacent ranges joined (6000–6099 and 6100–6199 cover 6050–6150). */
function mergedPostcodeRanges(ranges: readonly { from: string; to: string }[]): [number, number][] {
  const numeric = ranges
    .map((r) => [Number(r.from), Number(r.to)] as [number, number])
    .filter(([from, to]) => Number.isInteger(from) && Number.isInteger(to) && from <= to)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of numeric) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1] + 1) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

/** A rule's meaning without its id and name, with lists in a fixed order. */
function ruleSignature(rule: RoutingRule): string {
  const { when, then } = rule;
  const sorted = (items: readonly string[]) => [...new Set(items)].sort();
  return JSON.stringify([
    when.topics ? sorted(when.topics.anyOf) : null,
    when.keywords ? sorted(when.keywords.anyOf.map(normaliseKeyword)) : null,
    when.employees ? [when.employees.min ?? null, when.employees.max ?? null] : null,
    when.postcodes ? sorted(when.postcodes.map((r) => `${r.from}-${r.to}`)) : null,
    when.registeredSocialEnterprise ?? null,
    then.department,
    then.role,
  ]);
}

function duplicateRules(rules: readonly RoutingRule[]): RoutingWarning[] {
  const firstBySignature = new Map<string, RoutingRule>();
  const warnings: RoutingWarning[] = [];
  for (const rule of rules) {
    const signature = ruleSignature(rule);
    const first = firstBySignature.get(signature);
    if (!first) {
      firstBySignature.set(signature, rule);
      continue;
    }
    warnings.push({
      code: 'duplicate-rule',
      ruleId: rule.id,
      relatedRuleIds: [first.id],
      message: `Rule ${rule.id} is identical to rule ${first.id} and changes nothing.`,
    });
  }
  return warnings;
}

function topicsWithoutLeadRule(table: EditableTable, catalogue: RoutingCatalogue): RoutingWarning[] {
  const leadRules = table.rules.filter((rule) => rule.then.role === 'lead');
  return catalogue.topics
    .filter((topic) => !leadRules.some((rule) => rule.when.topics === undefined || rule.when.topics.anyOf.includes(topic)))
    .map((topic) => ({
      code: 'topic-without-lead-rule' as const,
      topic,
      message: `No lead rule can match an inquiry about only ${topic}: the fallback department ${table.fallbackDepartment} will lead it.`,
    }));
}

function departmentsNotRouted(table: EditableTable, catalogue: RoutingCatalogue): RoutingWarning[] {
  const routed = new Set([table.fallbackDepartment, ...table.rules.map((rule) => rule.then.department)]);
  return catalogue.departments
    .filter((department) => !routed.has(department))
    .map((department) => ({
      code: 'department-not-routed' as const,
      department,
      message: `No rule routes anything to ${department}; it only gets cases that are transferred or involved by hand.`,
    }));
}
