import { z } from 'zod';

// The rules for what people type, shared by every module's request schemas. Control
// characters have no place in it; line breaks are allowed only in free text.
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
const CONTROL_EXCEPT_LINE_BREAKS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

const lengthBetween = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min, min === 1 ? 'Required' : `At least ${min} characters`)
    .max(max, `At most ${max} characters`);

/** A name, subject or title: trimmed, on one line. */
export const singleLine = (min: number, max: number) =>
  lengthBetween(min, max).refine((value) => !CONTROL.test(value), 'Must not contain control characters or line breaks');

/** A description, note or reason: trimmed, line breaks allowed. */
export const freeText = (min: number, max: number) =>
  lengthBetween(min, max).refine((value) => !CONTROL_EXCEPT_LINE_BREAKS.test(value), 'Must not contain control characters');
