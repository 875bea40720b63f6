import type { FieldError } from '../../errors.js';
import { type ErrorKind, FIELD_KEYS, type FieldKey, type FieldTexts, type Messages } from '../../pages/messages.js';

/** One problem to show on the form: beside its field (when it has one) and in the summary. */
export interface FormError {
  field: FieldKey | null;
  message: string;
}

const fieldKeys: ReadonlySet<string> = new Set(FIELD_KEYS);

/** `body.enterprise.cvr` → `enterprise.cvr`; `body.topics.2` → `topics`; anything else → null. */
export function fieldKeyOf(path: string): FieldKey | null {
  const segments = path.split('.');
  if (segments[0] === 'body') segments.shift();
  for (let length = segments.length; length > 0; length--) {
    const candidate = segments.slice(0, length).join('.');
    if (fieldKeys.has(candidate)) return candidate as FieldKey;
  }
  return null;
}

/**
 * What kind of problem the validation message describes. The schema and the intake
 * service speak English to API clients; the form translates by kind, so a reworded
 * schema message at worst falls back to the field's general text, never to English.
 */
export function errorKind(message: string): { kind: ErrorKind; limit?: number } {
  const limit = Number(/\d+/.exec(message)?.[0]);
  if (message === 'Required' || /^Choose at least/.test(message)) return { kind: 'required' };
  if (/^Choose at most/.test(message)) return { kind: 'tooMany', limit };
  if (/^At least \d+ characters/.test(message)) return { kind: 'tooShort', limit };
  if (/^At most \d+ characters/.test(message)) return { kind: 'tooLong', limit };
  if (/^Unknown topic/.test(message)) return { kind: 'unknown' };
  return { kind: 'invalid' };
}

function textFor(texts: FieldTexts, { kind, limit = 0 }: { kind: ErrorKind; limit?: number }): string {
  switch (kind) {
    case 'required':
      return texts.required ?? texts.invalid;
    case 'tooShort':
      return texts.tooShort?.(limit) ?? texts.invalid;
    case 'tooLong':
      return texts.tooLong?.(limit) ?? texts.invalid;
    case 'tooMany':
      return texts.tooMany?.(limit) ?? texts.invalid;
    case 'unknown':
      return texts.unknown ?? texts.invalid;
    case 'invalid':
      return texts.invalid;
  }
}

const pageOrder = (field: FieldKey | null) => (field === null ? -1 : FIELD_KEYS.indexOf(field));

/**
 * The API's field errors (`[{ path, message }]`) in the page's language: one per field
 * (the first problem reported for it), in the order the fields appear on the page. A
 * problem outside the form's fields (a tampered request) becomes one general message.
 * `isBlank` tells which fields were left empty, so they are asked for rather than called invalid.
 */
export function translateFieldErrors(
  errors: readonly FieldError[],
  m: Messages,
  isBlank: (field: FieldKey) => boolean = () => false,
): FormError[] {
  const byField = new Map<FieldKey | null, FormError>();
  for (const error of errors) {
    const field = fieldKeyOf(error.path);
    if (byField.has(field)) continue;
    if (field === null) {
      byField.set(null, { field, message: m.errors.badRequest.body });
      continue;
    }
    // Whatever the schema objects to in an empty field, the person has to fill it in.
    const kind = isBlank(field) ? { kind: 'required' as const } : errorKind(error.message);
    byField.set(field, { field, message: textFor(m.fields[field], kind) });
  }
  return [...byField.values()].sort((a, b) => pageOrder(a.field) - pageOrder(b.field));
}
