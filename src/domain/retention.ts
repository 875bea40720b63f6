/**
 * The rules of retention and erasure, without SQL: what a schedule may say, which resolved
 * cases it makes due on a given day, and what an erasure leaves in place of the personal
 * data it removes.
 */

/** What stands where erased text stood (a note, the subject, a name in a payload). */
export const ERASED_TEXT = '[erased]';

/** An erased contact has no address: nothing is mailed to it. */
export const ERASED_EMAIL = '';

/** Thirty years of days (with leap days): the longest period a schedule may name. */
export const MAX_RETENTION_DAYS = 10958;

export interface RetentionPeriods {
  /** Days after resolution until the contact is anonymised; null: never. */
  anonymiseContactAfterDays: number | null;
  /** Days after resolution until the case is deleted; null: never. */
  deleteCaseAfterDays: number | null;
}

export interface PeriodError {
  field: keyof RetentionPeriods;
  message: string;
}

/**
 * What is wrong with a schedule, field by field: a period is a whole number of days from
 * 0 to thirty years, and anonymising cannot come after deleting (there would be nothing
 * left to anonymise, and the contact would live as long as the case).
 */
export function periodErrors(periods: RetentionPeriods): PeriodError[] {
  const errors: PeriodError[] = [];
  for (const field of ['anonymiseContactAfterDays', 'deleteCaseAfterDays'] as const) {
    const days = periods[field];
    if (days === null) continue;
    if (!Number.isInteger(days)) errors.push({ field, message: 'A whole number of days' });
    else if (days < 0) errors.push({ field, message: 'Cannot be negative' });
    else if (days > MAX_RETENTION_DAYS) errors.push({ field, message: `At most ${MAX_RETENTION_DAYS} days (30 years)` });
  }
  const { anonymiseContactAfterDays: anonymise, deleteCaseAfterDays: remove } = periods;
  if (errors.length === 0 && anonymise !== null && remove !== null && anonymise > remove) {
    errors.push({ field: 'anonymiseContactAfterDays', message: `Cannot come after the deletion (${remove} days): the contact would be deleted with the case first` });
  }
  return errors;
}

/** The resolution times at or before which a case is due, per action; null: the action is off. */
export interface DueCutoffs {
  anonymiseResolvedBefore: Date | null;
  deleteResolvedBefore: Date | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The cutoffs of a schedule on `asOf`: a case resolved `days` days ago or longer is due.
 * Days are counted as 24 hours from the moment of resolution, so a run at any hour of the
 * night finds the same cases a dry run a moment before found.
 */
export function dueCutoffs(periods: RetentionPeriods, asOf: Date): DueCutoffs {
  const before = (days: number | null) => (days === null ? null : new Date(asOf.getTime() - days * DAY_MS));
  return { anonymiseResolvedBefore: before(periods.anonymiseContactAfterDays), deleteResolvedBefore: before(periods.deleteCaseAfterDays) };
}

export type RetentionAction = 'delete' | 'anonymise' | 'none';

/**
 * What the schedule does to one case: deletion wins over anonymisation (a case due for
 * both is deleted, its contact with it); a held case, an open case and an anonymised one
 * not yet due for deletion are left alone.
 */
export function actionFor(
  kase: { closedAt: Date | null; held: boolean; erased: boolean },
  cutoffs: DueCutoffs,
): RetentionAction {
  if (kase.held || kase.closedAt === null) return 'none';
  if (cutoffs.deleteResolvedBefore && kase.closedAt <= cutoffs.deleteResolvedBefore) return 'delete';
  if (!kase.erased && cutoffs.anonymiseResolvedBefore && kase.closedAt <= cutoffs.anonymiseResolvedBefore) return 'anonymise';
  return 'none';
}

/** The inquiry fields an erasure removes, as the tombstone names them. */
export const ERASED_FIELDS = ['contact.name', 'contact.email', 'contact.phone', 'subject', 'description'] as const;

/** Which notes an erasure replaces in full: those written to the enterprise (the default), or all. */
export type NoteScope = 'enterprise' | 'all';

/** Shorter fragments would match inside ordinary words. */
const MIN_TERM_LENGTH = 3;

/**
 * The contact's values as they may appear inside other text (a note quoting the phone
 * number, a mail server's refusal naming the address): the name, the address and the
 * number as stored, and the number without its country code.
 */
export function contactTerms(contact: { name: string; email: string; phone: string | null }): string[] {
  const terms = [contact.name, contact.email];
  if (contact.phone) {
    terms.push(contact.phone);
    const national = contact.phone.replace(/^\+45/, '');
    if (national !== contact.phone) terms.push(national);
  }
  return [...new Set(terms.map((term) => term.trim()).filter((term) => term.length >= MIN_TERM_LENGTH && term !== ERASED_TEXT))];
}

/**
 * A PostgreSQL regular expression matching any of the terms (longest first, so a name
 * inside an address does not leave the rest of the address), to replace them
 * case-insensitively wherever they appear; null when there is nothing to look for.
 */
export function erasurePattern(terms: readonly string[]): string | null {
  if (terms.length === 0) return null;
  const escaped = [...terms].sort((a, b) => b.length - a.length).map((term) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return escaped.join('|');
}

/** Replaces every term in a text, as the database does with `erasurePattern`. */
export function scrubText(text: string, pattern: string | null): string {
  return pattern === null ? text : text.replace(new RegExp(pattern, 'gi'), ERASED_TEXT);
}
