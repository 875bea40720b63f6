import type { RoutingRule, RuleConditions } from '../../domain/routing.js';
import type { RoutingProblemKind } from '../../pages/messages.js';

// The routing editor's forms as text: a rule as the page shows it, read back from what the
// browser posted, and every problem with it named by the form and field it belongs to.
// Pure: the routes hand the result to the routing service, whose checks (the API's schema
// and validateRoutingTable) decide what is valid; this module only reads their answers.

/** The fields of a rule's form. */
export type RuleField = 'name' | 'topics' | 'keywords' | 'employees' | 'postcodes' | 'registeredSocialEnterprise' | 'department' | 'role';

/** The table's own fields, and the publish form's. */
type SettingsField = 'fallbackDepartment' | 'note';
type PublishField = 'reason';

/** A rule as its form shows it: everything as typed. */
export interface RuleFormValues {
  name: string;
  topics: readonly string[];
  keywords: string;
  employeesMin: string;
  employeesMax: string;
  postcodes: readonly { from: string; to: string }[];
  registeredSocialEnterprise: string;
  department: string;
  role: string;
}

/** Which form a problem belongs to: a rule's (by id), the new rule's, the table's settings, or publishing. */
export type FormTarget = { form: 'rule'; ruleId: string } | { form: 'new' } | { form: 'settings' } | { form: 'publish' };

export interface FormProblem {
  target: FormTarget;
  /** The field beside which the problem is shown; null when it is about no one field. */
  field: RuleField | SettingsField | PublishField | null;
  kind: RoutingProblemKind;
  detail: ProblemDetail;
}

export interface ProblemDetail {
  value?: string;
  max?: number;
  from?: string;
  to?: string;
}

// ---------------------------------------------------------------- rule ⇄ form

export function ruleToForm(rule: Pick<RoutingRule, 'name' | 'when' | 'then'>): RuleFormValues {
  const { when } = rule;
  return {
    name: rule.name,
    topics: when.topics?.anyOf ?? [],
    // One per line: a keyword may contain a space, and a line break is how a person lists.
    keywords: (when.keywords?.anyOf ?? []).join('\n'),
    employeesMin: when.employees?.min === undefined ? '' : String(when.employees.min),
    employeesMax: when.employees?.max === undefined ? '' : String(when.employees.max),
    postcodes: when.postcodes ?? [],
    registeredSocialEnterprise: when.registeredSocialEnterprise === undefined ? 'any' : when.registeredSocialEnterprise ? 'yes' : 'no',
    department: rule.then.department,
    role: rule.then.role,
  };
}

export function emptyRuleForm(): RuleFormValues {
  return { name: '', topics: [], keywords: '', employeesMin: '', employeesMax: '', postcodes: [], registeredSocialEnterprise: 'any', department: '', role: 'lead' };
}

/** What the browser posts for a rule: text fields, the topics' checkboxes, and the postcode ranges as two parallel lists. */
export interface PostedRule {
  name: string;
  topics: readonly string[];
  keywords: string;
  employeesMin: string;
  employeesMax: string;
  postcodeFrom: readonly string[];
  postcodeTo: readonly string[];
  registeredSocialEnterprise: string;
  department: string;
  role: string;
}

export function readRuleForm(posted: PostedRule): RuleFormValues {
  const ranges = Array.from({ length: Math.max(posted.postcodeFrom.length, posted.postcodeTo.length) }, (_, i) => ({
    from: (posted.postcodeFrom[i] ?? '').trim(),
    to: (posted.postcodeTo[i] ?? '').trim(),
  }));
  return {
    name: posted.name,
    topics: posted.topics,
    keywords: posted.keywords.replace(/\r\n?/g, '\n'),
    employeesMin: posted.employeesMin.trim(),
    employeesMax: posted.employeesMax.trim(),
    // The form always offers an empty range to fill in; one left empty is no range.
    postcodes: ranges.filter((range) => range.from !== '' || range.to !== ''),
    registeredSocialEnterprise: posted.registeredSocialEnterprise,
    department: posted.department,
    role: posted.role,
  };
}

/** The rule's input for the routing service, and what the form itself can already tell is wrong. */
export interface ReadRule {
  rule: { name: string; when: RuleConditions; then: { department: string; role: 'lead' | 'involve' } };
  problems: { field: RuleField; kind: RoutingProblemKind; detail: ProblemDetail }[];
}

/** Keywords are separated by line breaks or commas; blanks between separators are dropped. */
function splitKeywords(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((keyword) => keyword.trim())
    .filter((keyword) => keyword !== '');
}

const WHOLE_NUMBER = /^\d{1,9}$/;

/**
 * The rule a form describes. An empty list, an empty number or "any" leaves the condition
 * out; a range with one end typed is that one postcode. What the form cannot read (a
 * number that is not one, a role or a choice the form does not offer) is a problem here;
 * everything else is left to the routing service's checks.
 */
export function ruleFromForm(values: RuleFormValues): ReadRule {
  const problems: ReadRule['problems'] = [];
  const when: RuleConditions = {};
  if (values.topics.length > 0) when.topics = { anyOf: [...new Set(values.topics)] };
  const keywords = splitKeywords(values.keywords);
  if (keywords.length > 0) when.keywords = { anyOf: keywords };

  const number = (typed: string): number | undefined => {
    if (typed === '') return undefined;
    if (WHOLE_NUMBER.test(typed)) return Number(typed);
    problems.push({ field: 'employees', kind: 'notWholeNumber', detail: { value: typed } });
    return undefined;
  };
  const min = number(values.employeesMin);
  const max = number(values.employeesMax);
  if (min !== undefined || max !== undefined) when.employees = { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };

  if (values.postcodes.length > 0) when.postcodes = values.postcodes.map(({ from, to }) => ({ from: from || to, to: to || from }));

  if (values.registeredSocialEnterprise === 'yes') when.registeredSocialEnterprise = true;
  else if (values.registeredSocialEnterprise === 'no') when.registeredSocialEnterprise = false;
  else if (values.registeredSocialEnterprise !== 'any') problems.push({ field: 'registeredSocialEnterprise', kind: 'choose', detail: {} });

  const role = values.role === 'lead' || values.role === 'involve' ? values.role : undefined;
  if (!role) problems.push({ field: 'role', kind: 'choose', detail: {} });
  if (values.department === '') problems.push({ field: 'department', kind: 'choose', detail: {} });

  return { rule: { name: values.name.trim(), when, then: { department: values.department, role: role ?? 'lead' } }, problems };
}

// ---------------------------------------------------------------- the service's answers

/** One problem the API's schema or the routing service reported: a path within the table and what is wrong. */
export interface ReportedIssue {
  path: string;
  message: string;
  /** From the schema: the kind of problem and its limit, which say more than its English message. */
  code?: string | undefined;
  maximum?: number | undefined;
  value?: unknown;
}

function ruleFieldOf(rest: string): RuleField | null {
  if (rest === 'name') return 'name';
  if (rest === 'then.department') return 'department';
  if (rest === 'then.role') return 'role';
  const condition = /^when\.(topics|keywords|employees|postcodes|registeredSocialEnterprise)(\.|$)/.exec(rest)?.[1];
  return (condition as RuleField | undefined) ?? null;
}

/** What kind of problem an issue is, by the schema's code where it has one, else by the routing service's wording. */
function kindOf(issue: ReportedIssue, field: string | null): { kind: RoutingProblemKind; detail: ProblemDetail } {
  const { message } = issue;
  const typed = typeof issue.value === 'string' ? issue.value : undefined;
  const max = issue.maximum;
  if (issue.code === 'too_small') return { kind: 'required', detail: {} };
  if (issue.code === 'too_big' && max !== undefined) {
    // An array that is too long has too many items; a string, too many characters.
    if (Array.isArray(issue.value)) return { kind: 'tooMany', detail: { max } };
    if (field === 'postcodes') return { kind: 'postcodeInvalid', detail: { value: typed ?? '' } };
    if (field === 'department' || field === 'fallbackDepartment') return { kind: 'unknownDepartment', detail: { value: typed ?? '' } };
    return { kind: 'tooLong', detail: { max, ...(typed === undefined ? {} : { value: typed }) } };
  }
  let match = /^Unknown topic: (.*)$/.exec(message);
  if (match) return { kind: 'unknownTopic', detail: { value: match[1] ?? '' } };
  match = /^Unknown department: (.*)$/.exec(message);
  if (match) return { kind: 'unknownDepartment', detail: { value: match[1] ?? '' } };
  match = /^Not a Danish postcode \(4 digits\): (.*)$/.exec(message);
  if (match) return { kind: 'postcodeInvalid', detail: { value: match[1] ?? '' } };
  match = /^from \((.*)\) is after to \((.*)\)$/.exec(message);
  if (match) return { kind: 'postcodeInverted', detail: { from: match[1] ?? '', to: match[2] ?? '' } };
  match = /^min \((\d+)\) is greater than max \((\d+)\)$/.exec(message);
  if (match) return { kind: 'employeesInverted', detail: { from: match[1] ?? '', to: match[2] ?? '' } };
  if (message === 'Required' || /required/i.test(message)) return { kind: 'required', detail: {} };
  return { kind: 'invalid', detail: {} };
}

/**
 * Places each reported issue beside its form and field. `targetOfRule` names the form of
 * the rule at a position of the table that was checked: the rule being edited or added
 * came from the form posted, the others from the saved table.
 */
export function locateIssues(issues: readonly ReportedIssue[], targetOfRule: (index: number) => FormTarget): FormProblem[] {
  return issues.map((issue) => {
    const path = issue.path.replace(/^body\./, '');
    const rule = /^rules\.(\d+)(?:\.(.*))?$/.exec(path);
    if (rule) {
      const field = ruleFieldOf(rule[2] ?? '');
      return { target: targetOfRule(Number(rule[1])), field, ...kindOf(issue, field) };
    }
    const settings = path === 'fallbackDepartment' || path === 'note' ? path : null;
    return { target: { form: 'settings' }, field: settings, ...kindOf(issue, settings) };
  });
}

/** A zod issue of the table's schema as a reported issue, with the value it was about. */
export function issueOfSchema(issue: { path: readonly PropertyKey[]; message: string; code: string; maximum?: unknown }, input: unknown): ReportedIssue {
  let value: unknown = input;
  for (const key of issue.path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return {
    path: issue.path.map(String).join('.'),
    message: issue.message,
    code: issue.code,
    maximum: typeof issue.maximum === 'number' ? issue.maximum : typeof issue.maximum === 'bigint' ? Number(issue.maximum) : undefined,
    value,
  };
}

export function sameTarget(a: FormTarget, b: FormTarget): boolean {
  return a.form === b.form && (a.form !== 'rule' || (b.form === 'rule' && a.ruleId === b.ruleId));
}
