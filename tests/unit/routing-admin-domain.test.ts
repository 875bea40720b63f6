import { analyseRoutingTable } from '../../src/domain/routing-analysis.js';
import { diffRoutingTables } from '../../src/domain/routing-diff.js';
import { explainRouting } from '../../src/domain/routing-explain.js';
import { type RoutingRule, type RoutingTableDefinition, route } from '../../src/domain/routing.js';
import { validateRoutingTable } from '../../src/domain/routing-validation.js';

const catalogue = {
  topics: ['hiring', 'flex-jobs', 'social-services', 'premises-permits', 'other'],
  departments: ['jobcenter', 'business-service', 'social', 'technical'],
};

const rule = (id: string, when: RoutingRule['when'], department: string, role: 'lead' | 'involve' = 'lead'): RoutingRule => ({
  id,
  name: id,
  when,
  then: { department, role },
});

const table = (rules: RoutingRule[], fallbackDepartment = 'business-service'): RoutingTableDefinition => ({ version: 3, fallbackDepartment, rules });

describe('validating a table', () => {
  test('a sound table has no issues', () => {
    expect(validateRoutingTable(table([rule('a', { topics: { anyOf: ['hiring'] }, postcodes: [{ from: '6000', to: '6099' }] }, 'jobcenter')]), catalogue)).toEqual([]);
  });

  test('each problem names its rule and field', () => {
    const issues = validateRoutingTable(
      table(
        [
          rule('a', { topics: { anyOf: ['hiring', 'knitting'] } }, 'jobcenter'),
          rule('a', { keywords: { anyOf: ['fleksjob', '  '] }, employees: { min: 50, max: 10 } }, 'library'),
          rule('c', { postcodes: [{ from: '6000', to: '60' }, { from: '7000', to: '6000' }], topics: { anyOf: [] } }, 'social'),
          rule('d', { employees: {}, keywords: { anyOf: [] }, postcodes: [] }, 'social'),
        ],
        'nowhere',
      ),
      catalogue,
    );
    expect(issues).toEqual([
      { path: 'fallbackDepartment', message: 'Unknown department: nowhere' },
      { path: 'rules.0.when.topics.anyOf.1', message: 'Unknown topic: knitting' },
      { path: 'rules.1.id', message: 'Duplicate rule id a (also rule 0)' },
      { path: 'rules.1.then.department', message: 'Unknown department: library' },
      { path: 'rules.1.when.keywords.anyOf.1', message: 'A keyword must not be empty' },
      { path: 'rules.1.when.employees.min', message: 'min (50) is greater than max (10)' },
      { path: 'rules.2.when.topics.anyOf', message: 'List at least one topic, or leave out the condition' },
      { path: 'rules.2.when.postcodes.0.to', message: 'Not a Danish postcode (4 digits): 60' },
      { path: 'rules.2.when.postcodes.1.from', message: 'from (7000) is after to (6000)' },
      { path: 'rules.3.when.keywords.anyOf', message: 'List at least one keyword, or leave out the condition' },
      { path: 'rules.3.when.employees', message: 'Give min, max or both, or leave out the condition' },
      { path: 'rules.3.when.postcodes', message: 'List at least one postcode range, or leave out the condition' },
    ]);
  });

  test('a missing fallback department is reported', () => {
    expect(validateRoutingTable(table([], ''), catalogue)).toEqual([{ path: 'fallbackDepartment', message: 'A fallback department is required' }]);
  });
});

describe('analysing a table', () => {
  const codes = (rules: RoutingRule[], fallback?: string) => analyseRoutingTable(table(rules, fallback), catalogue);

  test('a lead rule after a broader lead rule is unreachable', () => {
    const warnings = codes([
      rule('broad', { topics: { anyOf: ['hiring', 'flex-jobs'] } }, 'jobcenter'),
      rule('narrow', { topics: { anyOf: ['hiring'] }, keywords: { anyOf: ['fleksjob'] } }, 'social'),
    ]);
    expect(warnings.find((w) => w.code === 'unreachable-lead-rule')).toMatchObject({ ruleId: 'narrow', relatedRuleIds: ['broad'] });
  });

  test('several earlier lead rules together can make a rule unreachable, one topic each', () => {
    const warnings = codes([
      rule('hiring', { topics: { anyOf: ['hiring'] } }, 'jobcenter'),
      rule('flex', { topics: { anyOf: ['flex-jobs'] }, employees: { max: 100 } }, 'jobcenter'),
      rule('both', { topics: { anyOf: ['hiring', 'flex-jobs'] }, employees: { min: 5, max: 50 } }, 'social'),
    ]);
    expect(warnings.filter((w) => w.code === 'unreachable-lead-rule')).toEqual([
      expect.objectContaining({ ruleId: 'both', relatedRuleIds: ['hiring', 'flex'] }),
    ]);
  });

  test('a narrower earlier rule does not make a broader later rule unreachable', () => {
    const warnings = codes([
      rule('district', { topics: { anyOf: ['hiring'] }, postcodes: [{ from: '6000', to: '6099' }] }, 'social'),
      rule('all-hiring', { topics: { anyOf: ['hiring'] } }, 'jobcenter'),
      rule('keyword', { keywords: { anyOf: ['løn'] }, topics: { anyOf: ['other'] } }, 'jobcenter'),
      rule('compound', { keywords: { anyOf: ['løntilskud'] }, topics: { anyOf: ['flex-jobs'] } }, 'jobcenter'),
    ]);
    expect(warnings.filter((w) => w.code === 'unreachable-lead-rule')).toEqual([]);
  });

  test('keywords, postcode ranges and the social enterprise flag are compared by what they cover', () => {
    const warnings = codes([
      rule('wide', { keywords: { anyOf: ['løn'] }, postcodes: [{ from: '6000', to: '6099' }, { from: '6100', to: '6199' }], registeredSocialEnterprise: true }, 'jobcenter'),
      rule('inside', { keywords: { anyOf: ['løntilskud', 'lønstøtte'] }, postcodes: [{ from: '6050', to: '6150' }], registeredSocialEnterprise: true }, 'social'),
      rule('other-flag', { keywords: { anyOf: ['løntilskud'] }, postcodes: [{ from: '6050', to: '6150' }], registeredSocialEnterprise: false }, 'social'),
    ]);
    expect(warnings.filter((w) => w.code === 'unreachable-lead-rule').map((w) => w.ruleId)).toEqual(['inside']);
  });

  test('topics no lead rule can match go to the fallback; departments nothing routes to are named', () => {
    const warnings = codes([
      rule('hiring', { topics: { anyOf: ['hiring', 'flex-jobs'] } }, 'jobcenter'),
      rule('social', { topics: { anyOf: ['social-services'] } }, 'social'),
      rule('premises', { topics: { anyOf: ['premises-permits'] } }, 'business-service', 'involve'),
    ]);
    expect(warnings.filter((w) => w.code === 'topic-without-lead-rule').map((w) => w.topic)).toEqual(['premises-permits', 'other']);
    expect(warnings.filter((w) => w.code === 'department-not-routed').map((w) => w.department)).toEqual(['technical']);
  });

  test('a rule identical to an earlier one is a duplicate, however its lists are ordered', () => {
    const warnings = codes([
      rule('first', { topics: { anyOf: ['hiring', 'other'] }, keywords: { anyOf: ['Fleksjob'] } }, 'jobcenter', 'involve'),
      rule('second', { keywords: { anyOf: ['fleksjob'] }, topics: { anyOf: ['other', 'hiring'] } }, 'jobcenter', 'involve'),
    ]);
    expect(warnings.filter((w) => w.code === 'duplicate-rule')).toEqual([expect.objectContaining({ ruleId: 'second', relatedRuleIds: ['first'] })]);
  });
});

describe('explaining a decision', () => {
  const explained = table([
    rule('hiring', { topics: { anyOf: ['hiring'] } }, 'jobcenter'),
    rule('flex', { keywords: { anyOf: ['fleksjob', 'skånejob'] } }, 'jobcenter', 'involve'),
    rule('district', { postcodes: [{ from: '7000', to: '7099' }] }, 'technical', 'involve'),
    rule('social', { keywords: { anyOf: ['mentor'] } }, 'social', 'lead'),
  ]);
  const input = { topics: ['hiring'], subject: 'Fleksjob', description: 'En mentor til vores nye kollega', postcode: '6000', employees: 3 };

  test('every rule says whether it matched, which condition failed and what it did', () => {
    const result = explainRouting(explained, input);
    expect(result.decision).toEqual(route(explained, input));
    expect(result.fallback).toBe(false);
    expect(result.rules.map(({ id, matched, failedCondition, effect }) => ({ id, matched, failedCondition, effect }))).toEqual([
      { id: 'hiring', matched: true, failedCondition: null, effect: 'lead' },
      { id: 'flex', matched: true, failedCondition: null, effect: 'already-routed' },
      { id: 'district', matched: false, failedCondition: 'postcodes', effect: 'none' },
      { id: 'social', matched: true, failedCondition: null, effect: 'involved' },
    ]);
    expect(result.rules[1]?.matchedKeywords).toEqual(['fleksjob']);
    expect(result.rules[2]?.reason).toBe('Postcode 6000 is outside 7000–7099.');
  });

  test('without a matching lead rule the fallback leads', () => {
    const result = explainRouting(explained, { topics: ['other'], subject: 'Lokaler', description: 'Vi søger lokaler' });
    expect(result.fallback).toBe(true);
    expect(result.decision.lead).toBe('business-service');
    expect(result.rules[0]?.reason).toBe("None of the inquiry's topics (other) is one of hiring.");
  });
});

describe('comparing two tables', () => {
  const a = rule('a', { topics: { anyOf: ['hiring'] } }, 'jobcenter');
  const b = rule('b', { topics: { anyOf: ['other'] } }, 'business-service');
  const c = rule('c', { keywords: { anyOf: ['mentor'] } }, 'social', 'involve');

  test('lists added, removed and changed rules and a new fallback', () => {
    const diff = diffRoutingTables(table([a, b]), table([{ ...a, then: { department: 'social', role: 'lead' } }, c], 'jobcenter'));
    expect(diff.fallbackDepartment).toEqual({ before: 'business-service', after: 'jobcenter' });
    expect(diff.added).toEqual([{ position: 1, rule: c }]);
    expect(diff.removed).toEqual([{ position: 1, rule: b }]);
    expect(diff.changed).toEqual([expect.objectContaining({ id: 'a', fields: ['then.department'] })]);
  });

  test('a rule moved to the top is the one reported as moved', () => {
    const diff = diffRoutingTables(table([a, b, c]), table([c, a, b]));
    expect(diff.changed.map((change) => [change.id, change.fields])).toEqual([['c', ['position']]]);
  });

  test('identical tables have no differences', () => {
    expect(diffRoutingTables(table([a, b]), table([a, b]))).toEqual({ fallbackDepartment: null, added: [], removed: [], changed: [] });
  });
});
