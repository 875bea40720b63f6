// Only the Danish validator: the package's index loads every country's (about 0.3 s at start).
import * as cvr from 'stdnum/lib/cjs/dk/cvr.js';

/**
 * Normalises a CVR number as people type it ("DK 13 74 81 36", "13748136") to its eight
 * digits, or returns null when it is not a valid CVR (eight digits, modulus-11 check).
 */
export function normaliseCvr(input: string): string | null {
  const trimmed = input.trim().replace(/^dk[\s-]*/i, '');
  if (!/^[\d\s-]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/[\s-]/g, '');
  if (!/^\d{8}$/.test(digits)) return null;
  const result = cvr.validate(digits);
  return result.isValid ? digits : null;
}
