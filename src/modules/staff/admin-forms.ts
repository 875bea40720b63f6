import { danishHour } from '../../domain/staff-mail-schedule.js';
import { AppError } from '../../errors.js';
import type { Messages } from '../../pages/messages.js';
import { singleLine } from '../../schemas/text.js';
import { newUserSchema } from '../users/users.schemas.js';
import { ADMIN_ROLES } from './views/admin-pages.js';

// The checks of the administration forms' fields, by the API's own schemas, each giving
// its message in the page's language beside the field it concerns.

type AdminTexts = Messages['staff']['admin'];

/** What the route found wrong with a form, and the status to answer with: 400 for a malformed field, 422 for a choice that does not exist, 409 for a clash. */
export interface Checked {
  errors: Map<string, string>;
  status: 400 | 409 | 422;
}

export function newCheck(): Checked {
  return { errors: new Map(), status: 400 };
}

/** One line of text by the API's rule (trimmed, no control characters), at most `max` characters. */
export function checkLine(checked: Checked, field: string, value: string, max: number, t: AdminTexts, required = t.errors.nameRequired): string {
  const parsed = singleLine(1, max).safeParse(value);
  if (parsed.success) return parsed.data;
  if (value.trim() === '') checked.errors.set(field, required);
  else if (value.trim().length > max) checked.errors.set(field, t.errors.tooLong(max));
  else checked.errors.set(field, t.errors.invalidText);
  return '';
}

/** A name by the API's rule (one line, trimmed). */
export function checkName(checked: Checked, value: string, max: number, t: AdminTexts, field = 'name'): string {
  return checkLine(checked, field, value, max, t);
}

/** An email by the API's own schema. */
export function checkEmail(checked: Checked, value: string, t: AdminTexts): string {
  const parsed = newUserSchema.shape.email.safeParse(value.trim());
  if (parsed.success) return parsed.data;
  checked.errors.set('email', t.errors.invalidEmail);
  return '';
}

export function checkRole(checked: Checked, value: string, t: AdminTexts) {
  const role = ADMIN_ROLES.find((r) => r === value);
  if (!role) {
    checked.errors.set('role', t.errors.chooseRole);
    checked.status = 422;
  }
  return role;
}

/**
 * The expiry date typed (YYYY-MM-DD): the token works to the end of that day on the
 * Danish clock. A date already over is refused here, with the message beside the field.
 */
export function checkExpiry(checked: Checked, value: string, t: AdminTexts): Date | undefined {
  const typed = value.trim();
  if (typed === '') return undefined;
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(typed) && new Date(`${typed}T12:00:00Z`).toISOString().startsWith(typed);
  if (!valid) {
    checked.errors.set('expiresOn', t.errors.invalidExpiry);
    return undefined;
  }
  const endOfDay = danishHour(typed, 24);
  if (endOfDay <= new Date()) {
    checked.errors.set('expiresOn', t.errors.pastExpiry);
    checked.status = 422;
    return undefined;
  }
  return endOfDay;
}

/**
 * The users service's refusals that are about a field, beside that field: an email in use
 * (409), a department that does not exist (422), or departments that do not fit the role (400).
 */
export function serviceFieldErrors(error: unknown, t: AdminTexts, role: string): Checked | null {
  if (!(error instanceof AppError)) return null;
  const listed = (error.extensions.errors as { path: string }[] | undefined) ?? [];
  if (listed.some(({ path }) => path === 'body.email')) return { errors: new Map([['email', t.errors.emailInUse]]), status: 409 };
  if (listed.some(({ path }) => /^body\.departments\.\d+$/.test(path))) return { errors: new Map([['departments', t.errors.unknownDepartment]]), status: 422 };
  if (listed.some(({ path }) => path === 'body.departments')) {
    return { errors: new Map([['departments', role === 'caseworker' ? t.errors.needDepartment : t.errors.onlyCaseworkers]]), status: 400 };
  }
  return null;
}
