import { randomBytes } from 'node:crypto';
import { idempotencyKeyHeaderSchema } from '../inquiries/inquiries.schemas.js';
import { FIELD_KEYS, type FieldKey, type Lang } from '../../pages/messages.js';

/** The form's fields are named by their path in the inquiry: `enterprise.cvr`, `topics`, … */
export type TextFieldKey = Exclude<FieldKey, 'topics'>;

/** What the person entered, kept as typed so the page can show it again next to any errors. */
export interface InquiryForm {
  values: Record<TextFieldKey, string>;
  topics: string[];
  language: Lang;
  idempotencyKey: string | undefined;
}

export type UrlEncodedBody = Record<string, string | string[] | undefined>;

/** A fresh key per rendering of the form: submitting the same page twice is one inquiry. */
export function newIdempotencyKey(): string {
  return randomBytes(16).toString('base64url');
}

const TEXT_FIELDS = FIELD_KEYS.filter((key): key is TextFieldKey => key !== 'topics');

export function emptyForm(language: Lang): InquiryForm {
  const values = Object.fromEntries(TEXT_FIELDS.map((key) => [key, ''])) as Record<TextFieldKey, string>;
  return { values, topics: [], language, idempotencyKey: newIdempotencyKey() };
}

// A field sent twice (only by a hand-made request) counts once.
const single = (value: string | string[] | undefined): string => (Array.isArray(value) ? (value[0] ?? '') : (value ?? ''));
const list = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

const keySchema = idempotencyKeyHeaderSchema.shape['idempotency-key'];

export function readInquiryForm(body: UrlEncodedBody): InquiryForm {
  const values = Object.fromEntries(TEXT_FIELDS.map((key) => [key, single(body[key])])) as Record<TextFieldKey, string>;
  // Browsers send a textarea's line breaks as CRLF; its value (and the live counter) uses LF.
  values.description = values.description.replace(/\r\n?/g, '\n');
  const key = keySchema.safeParse(single(body.idempotencyKey));
  return {
    values,
    topics: list(body.topics),
    language: single(body.language) === 'en' ? 'en' : 'da',
    idempotencyKey: key.success ? key.data : undefined,
  };
}

const isBlank = (value: string) => value.trim() === '';

/** Whether the person left a field empty. */
export function isFieldBlank(form: InquiryForm, field: FieldKey): boolean {
  return field === 'topics' ? form.topics.length === 0 : isBlank(form.values[field]);
}
/** A required field left empty reads as missing, so the schema says "Required" rather than "invalid". */
const required = (value: string) => (isBlank(value) ? undefined : value);
const optional = (value: string) => (isBlank(value) ? null : value.trim());

/** "12", "1.200" and "1 200" are numbers; anything else is passed on for the schema to reject. */
function employees(value: string): number | string | null {
  if (isBlank(value)) return null;
  const digits = value.trim();
  return /^\d{1,3}([. ]\d{3})+$|^\d+$/.test(digits) ? Number(digits.replace(/[. ]/g, '')) : digits;
}

function yesNo(value: string): boolean | string | null {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value === '' || value === 'unknown' ? null : value;
}

/** The form as the same object the JSON API takes, for the same schema to validate. */
export function toInquiryInput(form: InquiryForm): Record<string, unknown> {
  const v = form.values;
  return {
    enterprise: {
      cvr: required(v['enterprise.cvr']),
      name: required(v['enterprise.name']),
      postcode: optional(v['enterprise.postcode']),
      employees: employees(v['enterprise.employees']),
      registeredSocialEnterprise: yesNo(v['enterprise.registeredSocialEnterprise']),
    },
    contact: {
      name: required(v['contact.name']),
      email: required(v['contact.email'])?.trim(),
      phone: optional(v['contact.phone']),
    },
    topics: form.topics,
    subject: required(v.subject),
    description: required(v.description),
    language: form.language,
    consent: v.consent === 'true',
  };
}
