import type { RoutingRule } from './routing.js';

/** A problem with one field of a table; `path` is relative to the table (`rules.3.when.topics.anyOf.0`). */
export interface TableIssue {
  path: string;
  message: string;
}

/** What a table may refer to: the active topic and department codes. */
export interface RoutingCatalogue {
  topics: readonly string[];
  departments: readonly string[];
}

export interface EditableTable {
  fallbackDepartment: string;
  rules: readonly RoutingRule[];
}

const POSTCODE = /^\d{4}$/;

/**
 * Checks a table before it is saved or published: every reference exists, every range
 * is the right way round, every postcode is four digits, no keyword or list is empty and
 * rule ids are unique. Returns every problem, each naming its rule and field.
 */
export function validateRoutingTable(table: EditableTable, catalogue: RoutingCatalogue): TableIssue[] {
  const topics = new Set(catalogue.topics);
  const departments = new Set(catalogue.departments);
  const issues: TableIssue[] = [];
  const report = (path: string, message: string) => issues.push({ path, message });

  if (table.fallbackDepartment.trim() === '') report('fallbackDepartment', 'A fallback department is required');
  else if (!departments.has(table.fallbackDepartment)) report('fallbackDepartment', `Unknown department: ${table.fallbackDepartment}`);

  const firstIndexOfId = new Map<string, number>();
  table.rules.forEach((rule, index) => {
    const at = `rules.${index}`;
    const earlier = firstIndexOfId.get(rule.id);
    if (earlier === undefined) firstIndexOfId.set(rule.id, index);
    else report(`${at}.id`, `Duplicate rule id ${rule.id} (also rule ${earlier})`);

    if (!departments.has(rule.then.department)) report(`${at}.then.department`, `Unknown department: ${rule.then.department}`);

    const when = rule.when;
    if (when.topics !== undefined) {
      if (when.topics.anyOf.length === 0) report(`${at}.when.topics.anyOf`, 'List at least one topic, or leave out the condition');
      when.topics.anyOf.forEach((topic, i) => {
        if (!topics.has(topic)) report(`${at}.when.topics.anyOf.${i}`, `Unknown topic: ${topic}`);
      });
    }
    if (when.keywords !== undefined) {
      if (when.keywords.anyOf.length === 0) report(`${at}.when.keywords.anyOf`, 'List at least one keyword, or leave out the condition');
      when.keywords.anyOf.forEach((keyword, i) => {
        if (keyword.trim() === '') report(`${at}.when.keywords.anyOf.${i}`, 'A keyword must not be empty');
      });
    }
    if (when.employees !== undefined) {
      const { min, max } = when.employees;
      if (min === undefined && max === undefined) report(`${at}.when.employees`, 'Give min, max or both, or leave out the condition');
      if (min !== undefined && max !== undefined && min > max) report(`${at}.when.employees.min`, `min (${min}) is greater than max (${max})`);
    }
    if (when.postcodes !== undefined) {
      if (when.postcodes.length === 0) report(`${at}.when.postcodes`, 'List at least one postcode range, or leave out the condition');
      when.postcodes.forEach((range, i) => {
        const wellFormed = (['from', 'to'] as const).filter((end) => {
          if (POSTCODE.test(range[end])) return true;
          report(`${at}.when.postcodes.${i}.${end}`, `Not a Danish postcode (4 digits): ${range[end]}`);
          return false;
        });
        if (wellFormed.length === 2 && range.from > range.to) {
          report(`${at}.when.postcodes.${i}.from`, `from (${range.from}) is after to (${range.to})`);
        }
      });
    }
  });
  return issues;
}
