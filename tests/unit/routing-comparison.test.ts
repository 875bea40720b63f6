import { compareRouting } from '../../src/domain/routing-comparison.js';
import { explainRouting } from '../../src/domain/routing-explain.js';
import type { RoutingInput, RoutingRule, RoutingTableDefinition } from '../../src/domain/routing.js';

const rule = (id: string, when: RoutingRule['when'], department: string, role: 'lead' | 'involve' = 'lead'): RoutingRule => ({ id, name: `Rule ${id}`, when, then: { department, role } });
const table = (version: number, rules: RoutingRule[], fallbackDepartment = 'business-service'): RoutingTableDefinition => ({ version, fallbackDepartment, rules });
const inquiry: RoutingInput = { topics: ['hiring'], subject: 'Fleksjob', description: 'Vi vil ansætte en i fleksjob.', employees: 12, postcode: '6000', registeredSocialEnterprise: true };

const hiring = rule('hiring', { topics: { anyOf: ['hiring'] } }, 'jobcenter');
const social = rule('social', { topics: { anyOf: ['social-services'] } }, 'social');
const fleksjob = rule('fleksjob', { keywords: { anyOf: ['fleksjob'] } }, 'social');

test('two tables that decide alike, rule by rule alike, do not differ', () => {
  const published = table(1, [hiring, social]);
  const draft = table(2, [hiring, social]);
  const compared = compareRouting(explainRouting(draft, inquiry), explainRouting(published, inquiry));
  expect(compared).toMatchObject({ differs: false, leadDiffers: false, involvedDiffers: false });
  expect(compared.rules.map((r) => [r.id, r.differs])).toEqual([
    ['hiring', false],
    ['social', false],
  ]);
});

test('a new keyword rule ahead of the others changes the lead; its row and the rule it displaced differ', () => {
  const published = table(1, [hiring, social]);
  const draft = table(2, [fleksjob, hiring, social]);
  const compared = compareRouting(explainRouting(draft, inquiry), explainRouting(published, inquiry));
  expect(compared).toMatchObject({ differs: true, leadDiffers: true, involvedDiffers: true });
  const rows = new Map(compared.rules.map((r) => [r.id, r]));
  // Only in the draft: shown, with nothing for the published table.
  expect(rows.get('fleksjob')).toMatchObject({ name: 'Rule fleksjob', second: null, differs: true });
  expect(rows.get('fleksjob')?.first).toMatchObject({ matched: true, effect: 'lead', matchedKeywords: ['fleksjob'] });
  // Matched in both, but led only in the published table.
  expect(rows.get('hiring')).toMatchObject({ differs: true, first: { effect: 'involved' }, second: { effect: 'lead' } });
  // Failed in both: no difference.
  expect(rows.get('social')?.differs).toBe(false);
});

test("rules only the second table has come last, in that table's order", () => {
  const involveSocial = rule('fleksjob', { keywords: { anyOf: ['fleksjob'] } }, 'social', 'involve');
  const published = table(1, [social, involveSocial, hiring]);
  const draft = table(2, [hiring]);
  const compared = compareRouting(explainRouting(draft, inquiry), explainRouting(published, inquiry));
  expect(compared.rules.map((r) => [r.id, r.first === null, r.second === null])).toEqual([
    ['hiring', false, false],
    ['social', true, false],
    ['fleksjob', true, false],
  ]);
  // The published table's keyword rule only involves social, and the lead stays: the involved departments differ.
  expect(compared).toMatchObject({ leadDiffers: false, involvedDiffers: true, differs: true });
});

test('the same involved departments in another order are no difference', () => {
  const a = rule('a', {}, 'social', 'involve');
  const b = rule('b', {}, 'technical', 'involve');
  const compared = compareRouting(explainRouting(table(2, [a, b]), inquiry), explainRouting(table(1, [b, a]), inquiry));
  expect(compared.differs).toBe(false);
});
