import { compileRoutingTable } from '../../src/domain/routing-compiled.js';
import { type RoutingInput, type RoutingRule, type RoutingTableDefinition, firstFailingCondition, route } from '../../src/domain/routing.js';

const rule = (id: string, when: RoutingRule['when'], department: string, role: 'lead' | 'involve' = 'lead'): RoutingRule => ({
  id,
  name: id,
  when,
  then: { department, role },
});

const input = (overrides: Partial<RoutingInput> = {}): RoutingInput => ({
  topics: ['hiring'],
  subject: 'Ansættelse',
  description: 'Vi vil ansætte en medarbejder.',
  employees: 12,
  postcode: '6000',
  registeredSocialEnterprise: true,
  ...overrides,
});

const table = (rules: RoutingRule[], fallbackDepartment = 'business-service'): RoutingTableDefinition => ({
  version: 7,
  fallbackDepartment,
  rules,
});

describe('routing engine', () => {
  test('the first matching lead rule decides the lead', () => {
    const t = table([rule('a', { topics: { anyOf: ['hiring'] } }, 'jobcenter'), rule('b', {}, 'social')]);
    expect(route(t, input())).toMatchObject({ lead: 'jobcenter', involved: ['social'], leadRuleId: 'a', matchedRuleIds: ['a', 'b'] });
  });

  test('a later matching lead rule involves its department', () => {
    const t = table([rule('a', {}, 'jobcenter'), rule('b', {}, 'technical')]);
    expect(route(t, input())).toMatchObject({ lead: 'jobcenter', involved: ['technical'] });
  });

  test('with no lead rule matching, the fallback department leads', () => {
    const t = table([rule('a', { topics: { anyOf: ['flex-jobs'] } }, 'jobcenter'), rule('b', {}, 'social', 'involve')]);
    expect(route(t, input())).toMatchObject({ lead: 'business-service', involved: ['social'], leadRuleId: null });
  });

  test('a department appears once, and never both as lead and involved', () => {
    const t = table([
      rule('a', {}, 'jobcenter'),
      rule('b', {}, 'jobcenter', 'involve'),
      rule('c', {}, 'social', 'involve'),
      rule('d', {}, 'social', 'involve'),
    ]);
    expect(route(t, input())).toMatchObject({ lead: 'jobcenter', involved: ['social'] });
  });

  test('an empty when matches everything', () => {
    expect(firstFailingCondition(rule('a', {}, 'x'), input())).toBeNull();
  });

  test('keywords match case-insensitively inside words, in subject or description', () => {
    const r = rule('k', { keywords: { anyOf: ['FLEKSJOB'] } }, 'jobcenter');
    expect(firstFailingCondition(r, input({ description: 'Vi har to fleksjobbere.' }))).toBeNull();
    expect(firstFailingCondition(r, input({ subject: 'Fleksjob?', description: 'x' }))).toBeNull();
    expect(firstFailingCondition(r, input({ subject: 'Lokaler', description: 'Vi søger lokaler.' }))).toBe('keywords');
  });

  test('employee ranges are inclusive and unknown counts do not match', () => {
    const r = rule('e', { employees: { min: 1, max: 50 } }, 'jobcenter');
    expect(firstFailingCondition(r, input({ employees: 1 }))).toBeNull();
    expect(firstFailingCondition(r, input({ employees: 50 }))).toBeNull();
    expect(firstFailingCondition(r, input({ employees: 51 }))).toBe('employees');
    expect(firstFailingCondition(r, input({ employees: null }))).toBe('employees');
  });

  test('postcode ranges match inclusively and a missing postcode does not match', () => {
    const r = rule('p', { postcodes: [{ from: '6000', to: '6099' }, { from: '7100', to: '7100' }] }, 'technical');
    expect(firstFailingCondition(r, input({ postcode: '6099' }))).toBeNull();
    expect(firstFailingCondition(r, input({ postcode: '7100' }))).toBeNull();
    expect(firstFailingCondition(r, input({ postcode: '6100' }))).toBe('postcodes');
    expect(firstFailingCondition(r, input({ postcode: null }))).toBe('postcodes');
  });

  test('registered social enterprise must equal the condition', () => {
    const r = rule('s', { registeredSocialEnterprise: true }, 'business-service');
    expect(firstFailingCondition(r, input({ registeredSocialEnterprise: true }))).toBeNull();
    expect(firstFailingCondition(r, input({ registeredSocialEnterprise: false }))).toBe('registeredSocialEnterprise');
    expect(firstFailingCondition(r, input({ registeredSocialEnterprise: null }))).toBe('registeredSocialEnterprise');
  });

  test('every present condition must hold; the first failing one is reported', () => {
    const r = rule('all', { topics: { anyOf: ['hiring'] }, employees: { max: 5 }, keywords: { anyOf: ['café'] } }, 'jobcenter');
    expect(firstFailingCondition(r, input({ employees: 3, description: 'Vores café' }))).toBeNull();
    expect(firstFailingCondition(r, input({ employees: 30, description: 'Vores café' }))).toBe('employees');
    expect(firstFailingCondition(r, input({ topics: ['other'] }))).toBe('topics');
  });

  test('the decision carries the table version', () => {
    expect(route(table([]), input()).version).toBe(7);
  });
});

describe('compiled routing table', () => {
  const departments = ['jobcenter', 'business-service', 'social', 'technical'];
  const topics = ['hiring', 'flex-jobs', 'business-development', 'premises-permits', 'social-services', 'other'];
  const words = ['fleksjob', 'løntilskud', 'lokale', 'affald', 'mentor', 'café'];

  // A small deterministic generator, so a failure can be replayed.
  function generator(seed: number) {
    let state = seed;
    const next = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
    const some = <T>(items: readonly T[]): T[] => items.filter(() => next() < 0.3);
    return { next, pick, some };
  }

  test('agrees with the reference evaluation on generated tables and inquiries', () => {
    const g = generator(42);
    for (let t = 0; t < 200; t += 1) {
      const rules: RoutingRule[] = Array.from({ length: 1 + Math.floor(g.next() * 15) }, (_, i) => {
        const when: RoutingRule['when'] = {};
        if (g.next() < 0.6) when.topics = { anyOf: [g.pick(topics), ...g.some(topics)] };
        if (g.next() < 0.3) when.keywords = { anyOf: [g.pick(words)] };
        if (g.next() < 0.2) when.employees = { min: Math.floor(g.next() * 10), max: 10 + Math.floor(g.next() * 50) };
        if (g.next() < 0.2) when.postcodes = [{ from: '6000', to: '6999' }];
        if (g.next() < 0.2) when.registeredSocialEnterprise = g.next() < 0.5;
        return rule(`r${i}`, when, g.pick(departments), g.next() < 0.5 ? 'lead' : 'involve');
      });
      const definition = table(rules);
      const compiled = compileRoutingTable(definition);
      for (let i = 0; i < 20; i += 1) {
        const inquiry = input({
          topics: [g.pick(topics), ...g.some(topics)],
          description: `Tekst om ${g.pick(words)} og ${g.pick(words)}`,
          employees: g.next() < 0.2 ? null : Math.floor(g.next() * 70),
          postcode: g.next() < 0.2 ? null : String(5000 + Math.floor(g.next() * 3000)),
          registeredSocialEnterprise: g.next() < 0.2 ? null : g.next() < 0.5,
        });
        expect(compiled.route(inquiry)).toEqual(route(definition, inquiry));
      }
    }
  });
});
