import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { contactTerms, ERASED_FIELDS, erasurePattern } from '../../domain/retention.js';
import { deleteCases, type ErasureTarget, eraseCaseTexts, type RetentionCase, type Tombstone } from '../cases/case-retention.repository.js';
import { deleteRecordsOfCases, forgetRequestsOfCases } from '../idempotency/idempotency.repository.js';
import { anonymiseInquiries, deleteInquiries, findContacts } from '../inquiries/inquiries.repository.js';
import { eraseMailRecords } from '../notifications/notifications.repository.js';
import { eraseDeliveryPayloads } from '../webhooks/webhooks.repository.js';

// The one place that knows everywhere the service keeps a contact's personal data. Each
// table is changed by the module that owns it, all inside the caller's transaction (which
// holds the cases' locks): a case is erased everywhere or, when anything fails, nowhere.

/** A term as it appears inside a JSON string (a quote or backslash in a name is escaped there). */
function asInJson(term: string): string {
  return JSON.stringify(term).slice(1, -1);
}

/**
 * Erases the personal data of locked cases: the contact and free text of the inquiry, the
 * notes (see `eraseCaseTexts`) and event payloads, the webhook deliveries kept for
 * redelivery, the mail records and outbox, and the idempotency records; appends a
 * tombstone event to each. Returns how many note texts were replaced per case.
 */
export async function eraseLockedCases(
  trx: Transaction<DB>,
  cases: readonly RetentionCase[],
  tombstone: Omit<Tombstone, 'fields'>,
): Promise<Map<string, number>> {
  if (cases.length === 0) return new Map();
  const contacts = new Map((await findContacts(trx, cases.map((c) => c.inquiryId))).map((contact) => [contact.inquiryId, contact]));
  const targets: ErasureTarget[] = cases.map((kase) => {
    const contact = contacts.get(kase.inquiryId);
    const terms = contact ? contactTerms(contact) : [];
    return { caseId: kase.id, pattern: erasurePattern(terms), jsonPattern: erasurePattern(terms.map(asInJson)) };
  });
  const fields = [...ERASED_FIELDS, 'notes'];
  // Everything that copies the contact's values is rewritten while the inquiry still has them to look for.
  const replaced = await eraseCaseTexts(trx, targets, { ...tombstone, fields });
  await eraseDeliveryPayloads(trx, targets);
  await eraseMailRecords(trx, targets);
  await forgetRequestsOfCases(
    trx,
    cases.map((c) => c.id),
  );
  await anonymiseInquiries(
    trx,
    cases.map((c) => c.inquiryId),
  );
  return replaced;
}

/** Deletes locked cases and everything stored of them, in every module. */
export async function deleteLockedCases(trx: Transaction<DB>, cases: readonly RetentionCase[]): Promise<void> {
  if (cases.length === 0) return;
  const ids = cases.map((c) => c.id);
  await deleteRecordsOfCases(trx, ids);
  await deleteCases(trx, ids);
  await deleteInquiries(
    trx,
    cases.map((c) => c.inquiryId),
  );
}
