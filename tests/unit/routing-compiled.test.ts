import fc from 'fast-check';
import { KeywordAutomaton } from '../../src/domain/keyword-automaton.js';
import { compileRoutingTable } from '../../src/domain/routing-compiled.js';
import { type RoutingInput, type RoutingRule, type RoutingTableDefinition, route } from '../../src/domain/routing.js';

// Small vocabularies on purpose: overlapping keywords, shared bounds and repeated topics
// are where an index can disagree with the straightforward evaluation.
const topicCodes = ['hiring', 'flex-jobs', 'social-services', 'premises-permits', 'other'];
const departments = ['jobcenter', 'business-service', 'social', 'technical'];
const words = ['løn', 'løntilskud', 'tilskud', 'fleksjob', 'JOB', 'ÆBLE', 'æble', 'lokale', 'lokaler', 'ab', 'aba', 'bab', 'udsat'];
const postcodes = ['0800', '5000', '6000', '6050', '6099', '6100', '9990'];

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const ruleArb: fc.Arbitrary<Omit<RoutingRule, 'id'>> = fc.record({
  name: fc.constant('rule'),
  when: fc.record(
    {
      topics: fc.record({ anyOf: fc.uniqueArray(fc.constantFrom(...topicCodes), { maxLength: 3 }) }),
      keywords: fc.record({ anyOf: fc.array(fc.constantFrom(...words), { maxLength: 3 }) }),
      employees: fc.record({ min: maybe(fc.integer({ min: 0, max: 60 })), max: maybe(fc.integer({ min: 0, max: 60 })) }),
      postcodes: fc.array(fc.record({ from: fc.constantFrom(...postcodes), to: fc.constantFrom(...postcodes) }), { maxLength: 2 }),
      registeredSocialEnterprise: fc.boolean(),
    },
    { requiredKeys: [] },
  ),
  then: fc.record({ department: fc.constantFrom(...departments), role: fc.constantFrom('lead' as const, 'involve' as const) }),
});

const tableArb: fc.Arbitrary<RoutingTableDefinition> = fc
  .record({ rules: fc.array(ruleArb, { maxLength: 40 }), fallbackDepartment: fc.constantFrom(...departments) })
  .map(({ rules, fallbackDepartment }) => ({
    version: 7,
    fallbackDepartment,
    rules: rules.map((rule, index) => ({ ...rule, id: `r${index}` })),
  }));

const textArb = fc.array(fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 4 })), { maxLength: 8 }).map((parts) => parts.join(' '));

const inputArb: fc.Arbitrary<RoutingInput> = fc.record({
  topics: fc.uniqueArray(fc.constantFrom(...topicCodes), { minLength: 1, maxLength: 3 }),
  subject: textArb,
  description: textArb,
  employees: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
  postcode: fc.oneof(fc.constant(null), fc.constant(''), fc.constantFrom(...postcodes)),
  registeredSocialEnterprise: fc.oneof(fc.constant(null), fc.constant(undefined), fc.boolean()),
});

test('the compiled table decides every inquiry exactly like the reference evaluation', () => {
  fc.assert(
    fc.property(tableArb, fc.array(inputArb, { minLength: 1, maxLength: 20 }), (table, inputs) => {
      const compiled = compileRoutingTable(table);
      for (const input of inputs) expect(compiled.route(input)).toEqual(route(table, input));
    }),
    { numRuns: 400 },
  );
});

test('a compiled table can be used for many decisions in a row without carrying state between them', () => {
  const table: RoutingTableDefinition = {
    version: 1,
    fallbackDepartment: 'business-service',
    rules: [
      { id: 'flex', name: 'flex', when: { keywords: { anyOf: ['fleksjob'] } }, then: { department: 'jobcenter', role: 'lead' } },
    ],
  };
  const compiled = compileRoutingTable(table);
  const withKeyword = { topics: ['other'], subject: 'Fleksjob', description: 'om fleksjob' };
  const without = { topics: ['other'], subject: 'Lokaler', description: 'om lokaler' };
  for (let i = 0; i < 5; i++) {
    expect(compiled.route(withKeyword).lead).toBe('jobcenter');
    expect(compiled.route(without).lead).toBe('business-service');
  }
});

test('the keyword automaton finds every keyword a text contains, overlapping ones included', () => {
  fc.assert(
    fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4, unit: fc.constantFrom('a', 'b', 'æ') }), { maxLength: 12 }), fc.string({ maxLength: 30, unit: fc.constantFrom('a', 'b', 'æ', ' ') }), (keywords, text) => {
      const automaton = new KeywordAutomaton(keywords);
      const expected = keywords.flatMap((keyword, id) => (text.includes(keyword) ? [id] : []));
      expect([...automaton.findAll(text)].sort((a, b) => a - b)).toEqual(expected);
    }),
    { numRuns: 500 },
  );
});
