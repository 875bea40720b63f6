import { z } from 'zod';
import type { Principal } from '../../domain/principal.js';
import { ValidationError } from '../../errors.js';
import { LANGUAGES } from '../../pages/messages.js';
import { routingInquirySchema, type RoutingInquiryInput, type StoredInquiry } from '../routing/routing.schemas.js';
import { createGoldenCase, type RoutingDeps } from '../routing/routing.service.js';

// The forms of the routing pages (simulation and golden cases) ask for an inquiry as
// routing reads it: topics, subject, description and three facts about the enterprise.
// Their fields arrive as text, are checked here against the API's own schema, and each
// problem is named by field and kind, so the page can say it beside the field in its
// language. The enterprise's name, CVR number and contact are not asked for: routing does
// not read them, and a golden case keeps no personal data.

export const INQUIRY_FIELDS = ['topics', 'subject', 'description', 'employees', 'postcode', 'registeredSocialEnterprise'] as const;
export type InquiryField = (typeof INQUIRY_FIELDS)[number];

/** A golden case's own fields, besides its inquiry. */
export const GOLDEN_FIELDS = ['name', 'lead', 'involved'] as const;
export type GoldenField = (typeof GOLDEN_FIELDS)[number];

export type FormField = InquiryField | GoldenField;
export type FieldProblem = 'required' | 'tooLong' | 'tooMany' | 'unknown' | 'invalid' | 'leadInvolved';
export type FieldErrors = Map<FormField, FieldProblem>;

/** The inquiry as typed into the form (or taken from a case): text, so it can be shown again as it was. */
export interface InquiryValues {
  topics: string[];
  subject: string;
  description: string;
  employees: string;
  postcode: string;
  /** `yes`, `no`, or empty for not given. */
  registeredSocialEnterprise: string;
}

export interface GoldenValues extends InquiryValues {
  name: string;
  lead: string;
  involved: string[];
}

export const EMPTY_INQUIRY: InquiryValues = { topics: [], subject: '', description: '', employees: '', postcode: '', registeredSocialEnterprise: '' };

export const SUBJECT_MAX = 200;
export const DESCRIPTION_MAX = 5000;
export const TOPICS_MAX = 5;
export const GOLDEN_NAME_MAX = 200;

const lang = z.enum(LANGUAGES).catch('da');
/** Wider than any field allows, so that a value too long comes back beside its field rather than as a refused request. */
const typed = z.string().max(20_000);
/** Checkboxes: none sent, one (a string), or several (an array). */
const checked = z
  .union([z.string().max(100), z.array(z.string().max(100)).max(100)])
  .optional()
  .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]));

/** The inquiry's fields in a query or a form; each left out reads as empty. */
export const inquiryFieldsSchema = {
  topics: checked,
  subject: typed.optional(),
  description: typed.optional(),
  employees: typed.optional(),
  postcode: typed.optional(),
  registeredSocialEnterprise: typed.optional(),
};

export const goldenFieldsSchema = { ...inquiryFieldsSchema, name: typed.default(''), lead: typed.default(''), involved: checked };

export const routingFormSchema = z.object({ _csrf: z.string().optional(), lang });

type InquiryFieldsInput = { topics: string[] } & Partial<Record<Exclude<InquiryField, 'topics'>, string>>;

export function inquiryValuesOf(input: InquiryFieldsInput): InquiryValues {
  return {
    topics: input.topics,
    subject: input.subject ?? '',
    // Browsers send a textarea's line breaks as CRLF; the inquiry keeps LF, as the enterprise's form does.
    description: (input.description ?? '').replace(/\r\n?/g, '\n'),
    employees: input.employees ?? '',
    postcode: input.postcode ?? '',
    registeredSocialEnterprise: input.registeredSocialEnterprise ?? '',
  };
}

/** Whether a query names any of the inquiry's fields (a form sent, not the page opened); no box ticked reads as no topics named. */
export function namesInquiry(fields: InquiryFieldsInput): boolean {
  return fields.topics.length > 0 || INQUIRY_FIELDS.some((field) => field !== 'topics' && fields[field] !== undefined);
}

/** The form's values of an inquiry as a case or a golden case holds it. */
export function valuesOfInquiry(inquiry: StoredInquiry): InquiryValues {
  const { employees, postcode, registeredSocialEnterprise } = inquiry.enterprise;
  return {
    topics: [...inquiry.topics],
    subject: inquiry.subject,
    description: inquiry.description,
    employees: employees === null ? '' : String(employees),
    postcode: postcode ?? '',
    registeredSocialEnterprise: registeredSocialEnterprise === null ? '' : registeredSocialEnterprise ? 'yes' : 'no',
  };
}

// PostgreSQL cannot keep a NUL in a JSON text, and nobody types control characters; a
// subject is one line, a description may have line breaks and tabs.
const CONTROL = /[\u0000-\u001f\u007f]/;
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function problemOfText(value: string, max: number, pattern: RegExp): FieldProblem | null {
  if (value.length > max) return 'tooLong';
  if (pattern.test(value)) return 'invalid';
  return null;
}

/**
 * The inquiry the form describes, checked as `POST /v1/routing/simulate` checks it (its
 * schema), with topics from the catalogue (`topicCodes`); or null, with the problem of each
 * field in `errors`.
 */
export function checkInquiry(values: InquiryValues, topicCodes: readonly string[], errors: FieldErrors): RoutingInquiryInput | null {
  const topics = [...new Set(values.topics)];
  if (topics.length === 0) errors.set('topics', 'required');
  else if (topics.length > TOPICS_MAX) errors.set('topics', 'tooMany');
  else if (topics.some((code) => !topicCodes.includes(code))) errors.set('topics', 'unknown');

  const subject = values.subject.trim();
  const subjectProblem = problemOfText(subject, SUBJECT_MAX, CONTROL);
  if (subjectProblem) errors.set('subject', subjectProblem);
  const description = values.description.trim();
  const descriptionProblem = problemOfText(description, DESCRIPTION_MAX, CONTROL_BUT_LINES);
  if (descriptionProblem) errors.set('description', descriptionProblem);

  const employeesText = values.employees.trim();
  const employees = employeesText === '' ? null : /^\d{1,7}$/.test(employeesText) ? Number(employeesText) : undefined;
  if (employees === undefined) errors.set('employees', 'invalid');

  const postcodeText = values.postcode.trim();
  const postcode = postcodeText === '' ? null : postcodeText;
  const rse = values.registeredSocialEnterprise;
  const registeredSocialEnterprise = rse === 'yes' ? true : rse === 'no' ? false : rse === '' ? null : undefined;
  if (registeredSocialEnterprise === undefined) errors.set('registeredSocialEnterprise', 'invalid');

  const parsed = routingInquirySchema.safeParse({ topics, subject, description, enterprise: { postcode, employees, registeredSocialEnterprise } });
  if (!parsed.success) {
    // The postcode's form, and anything the checks above did not foresee, by the API's own schema.
    for (const issue of parsed.error.issues) {
      const field = fieldOfPath(issue.path.map(String));
      if (field && !errors.has(field)) errors.set(field, 'invalid');
    }
  }
  return errors.size === 0 && parsed.success ? parsed.data : null;
}

function fieldOfPath(path: readonly string[]): InquiryField | null {
  const [first, second] = path;
  if (first === 'enterprise') return INQUIRY_FIELDS.find((field) => field === second) ?? null;
  return INQUIRY_FIELDS.find((field) => field === first) ?? null;
}

/** A golden case's name and expected routing, checked against the active departments. */
function checkExpected(values: GoldenValues, departmentCodes: readonly string[], errors: FieldErrors): { name: string; lead: string; involved: string[] } | null {
  const name = values.name.trim();
  if (name === '') errors.set('name', 'required');
  else {
    const problem = problemOfText(name, GOLDEN_NAME_MAX, CONTROL);
    if (problem) errors.set('name', problem);
  }
  const lead = values.lead.trim();
  if (lead === '') errors.set('lead', 'required');
  else if (!departmentCodes.includes(lead)) errors.set('lead', 'unknown');
  const involved = [...new Set(values.involved)];
  if (involved.some((code) => !departmentCodes.includes(code))) errors.set('involved', 'unknown');
  else if (involved.includes(lead)) errors.set('involved', 'leadInvolved');
  return errors.size === 0 ? { name, lead, involved } : null;
}

/** 422 when a field names a topic or department that does not exist, else 400. */
export function statusOfErrors(errors: FieldErrors): 400 | 422 {
  return [...errors.values()].includes('unknown') ? 422 : 400;
}

export interface Catalogue {
  topicCodes: readonly string[];
  /** The active departments, the only ones a golden case may expect. */
  departmentCodes: readonly string[];
}

export type SavedGoldenCase = { kind: 'saved'; id: string } | { kind: 'invalid'; errors: FieldErrors };

/**
 * Saves a golden case through the routing service (as `POST /v1/routing/golden-cases`),
 * or names the problem of each field and saves nothing. The service checks again: a topic
 * or department that went away meanwhile comes back beside its field as well.
 */
export async function saveGoldenCase(deps: RoutingDeps, values: GoldenValues, catalogue: Catalogue, principal: Principal): Promise<SavedGoldenCase> {
  const errors: FieldErrors = new Map();
  const inquiry = checkInquiry(values, catalogue.topicCodes, errors);
  const expected = checkExpected(values, catalogue.departmentCodes, errors);
  if (!inquiry || !expected) return { kind: 'invalid', errors };
  try {
    const saved = await createGoldenCase(deps, { name: expected.name, inquiry, expected: { lead: expected.lead, involved: expected.involved } }, principal);
    return { kind: 'saved', id: saved.id };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    for (const { path } of error.errors) {
      if (path.startsWith('body.inquiry.topics')) errors.set('topics', 'unknown');
      else if (path === 'body.expected.lead') errors.set('lead', 'unknown');
      else if (path === 'body.expected.involved') errors.set('involved', 'leadInvolved');
      else if (path.startsWith('body.expected.involved.')) errors.set('involved', 'unknown');
    }
    if (errors.size === 0) throw error;
    return { kind: 'invalid', errors };
  }
}
