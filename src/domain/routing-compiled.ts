import { IntervalIndex, type RuleInterval } from './interval-index.js';
import { KeywordAutomaton } from './keyword-automaton.js';
import { type RuleBitset, addTo, andInto, emptyBitset, forEachIndex, orInto } from './rule-bitset.js';
import {
  type RoutingDecision,
  type RoutingInput,
  type RoutingRule,
  type RoutingTableDefinition,
  decide,
  normaliseKeyword,
  searchableText,
} from './routing.js';

export interface CompiledRoutingTable {
  readonly definition: RoutingTableDefinition;
  route(input: RoutingInput): RoutingDecision;
}

/** Rule indexes grouped by a key (a topic, a keyword), as bitsets. */
class BitsetsByKey<K> {
  private readonly sets = new Map<K, RuleBitset>();
  constructor(private readonly size: number) {}

  add(key: K, rule: number): void {
    let set = this.sets.get(key);
    if (!set) this.sets.set(key, (set = emptyBitset(this.size)));
    addTo(set, rule);
  }

  get(key: K): RuleBitset | undefined {
    return this.sets.get(key);
  }
}

/**
 * Precompiles a table so that a decision costs about the same with 1,000 rules as with
 * 10. Every condition becomes an index that yields, for one inquiry, the set of rules
 * whose condition holds, as a bitset over the rules:
 *
 * - topics: one set per topic, plus the rules without a topic condition;
 * - keywords: one Aho–Corasick pass over the inquiry's text finds every keyword of every
 *   rule at once; each automaton state that ends keywords carries their rules' set;
 * - employees and postcodes: the bounds of all ranges are sorted once, so one binary
 *   search picks the precomputed set for the inquiry's value;
 * - registered social enterprise: one set per possible answer.
 *
 * The rules that match are the intersection of the five sets, read in table order and
 * handed to the same `decide()` the reference `route()` uses. The work per decision is
 * the text scan plus a few passes over n/32 words. Agrees with `route()` on every input
 * (property-tested).
 */
export function compileRoutingTable(definition: RoutingTableDefinition): CompiledRoutingTable {
  const rules = definition.rules;
  const size = rules.length;

  const topics = new BitsetsByKey<string>(size);
  const withoutTopics = emptyBitset(size);

  const keywordIds = new Map<string, number>();
  const keywordRules = new BitsetsByKey<number>(size);
  const keywordsAlwaysHold = emptyBitset(size);

  const employees: RuleInterval<number>[] = [];
  const withoutEmployees: number[] = [];
  const postcodes: RuleInterval<string>[] = [];
  const withoutPostcodes: number[] = [];

  const social = { true: emptyBitset(size), false: emptyBitset(size), missing: emptyBitset(size) };

  rules.forEach((rule, index) => {
    const when = rule.when;
    if (when.topics === undefined) addTo(withoutTopics, index);
    else for (const topic of when.topics.anyOf) topics.add(topic, index);

    if (when.keywords === undefined) addTo(keywordsAlwaysHold, index);
    else {
      for (const keyword of when.keywords.anyOf.map(normaliseKeyword)) {
        // An empty keyword is contained in every text (invalid in a saved table, but the
        // compiled form must still agree with the reference on it).
        if (keyword === '') {
          addTo(keywordsAlwaysHold, index);
          continue;
        }
        let id = keywordIds.get(keyword);
        if (id === undefined) keywordIds.set(keyword, (id = keywordIds.size));
        keywordRules.add(id, index);
      }
    }

    if (when.employees === undefined) withoutEmployees.push(index);
    else employees.push({ rule: index, from: when.employees.min, to: when.employees.max });

    if (when.postcodes === undefined) withoutPostcodes.push(index);
    else for (const range of when.postcodes) postcodes.push({ rule: index, from: range.from, to: range.to });

    const wanted = when.registeredSocialEnterprise;
    if (wanted === undefined || wanted === true) addTo(social.true, index);
    if (wanted === undefined || wanted === false) addTo(social.false, index);
    if (wanted === undefined) addTo(social.missing, index);
  });

  const employeeIndex = new IntervalIndex<number>(size, employees, withoutEmployees);
  const postcodeIndex = new IntervalIndex<string>(size, postcodes, withoutPostcodes);

  const automaton = new KeywordAutomaton([...keywordIds.keys()]);
  // Each state that ends keywords carries the union of their rules, so the scan does one
  // OR per distinct state reached instead of one per keyword occurrence.
  const rulesByState = new Map<number, RuleBitset>();
  for (let state = 0; state < automaton.stateCount; state++) {
    const ids = automaton.outputsOf(state);
    if (ids.length === 0) continue;
    const set = emptyBitset(size);
    for (const id of ids) orInto(set, keywordRules.get(id) as RuleBitset);
    rulesByState.set(state, set);
  }
  const hasKeywords = keywordIds.size > 0;

  // Scratch space reused by every decision: route() is synchronous, so nothing interleaves.
  const matched = emptyBitset(size);
  const scratch = emptyBitset(size);
  const seenStates = new Uint32Array(automaton.stateCount);
  let scanStamp = 0;
  const addStateRules = (state: number) => orInto(scratch, rulesByState.get(state) as RuleBitset);

  return {
    definition,
    route(input: RoutingInput): RoutingDecision {
      matched.set(withoutTopics);
      for (const topic of input.topics) {
        const set = topics.get(topic);
        if (set) orInto(matched, set);
      }

      scratch.set(keywordsAlwaysHold);
      if (hasKeywords) {
        scanStamp = (scanStamp + 1) >>> 0 || 1;
        if (scanStamp === 1) seenStates.fill(0);
        automaton.scan(searchableText(input), addStateRules, seenStates, scanStamp);
      }
      andInto(matched, scratch);

      andInto(matched, employeeIndex.holdsFor(input.employees));
      andInto(matched, postcodeIndex.holdsFor(input.postcode || null));
      const rse = input.registeredSocialEnterprise;
      andInto(matched, rse === true ? social.true : rse === false ? social.false : social.missing);

      const matchedRules: RoutingRule[] = [];
      forEachIndex(matched, (index) => matchedRules.push(rules[index] as RoutingRule));
      return decide(definition, matchedRules);
    },
  };
}
