import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Database } from '../../db/database.js';
import type { KeyRing } from '../../domain/key-ring.js';
import { danishDate, type WorkingDayCalendar } from '../../domain/working-days.js';
import { ValidationError } from '../../errors.js';
import type { Principal } from '../../domain/principal.js';
import { hashSecret } from '../auth/tokens.js';
import { type CaseOpening, type OpenCaseResult, openCase, openCaseAlone } from '../cases/case-open.service.js';
import { findNotes } from '../cases/notes.repository.js';
import { runIdempotent } from '../idempotency/idempotency.service.js';
import type { PublishedRoutingTable } from '../routing/published-table.js';
import type { TopicCatalogue } from '../topics/topic-catalogue.js';
import type { EnterpriseStatus, InquiryInput, Receipt } from './inquiries.schemas.js';
import { findCaseForEnterprise, insertInquiry } from './inquiries.repository.js';

export interface IntakeDeps {
  db: Database;
  routing: PublishedRoutingTable;
  calendar: WorkingDayCalendar;
  referencePrefix: string;
  topics: TopicCatalogue;
  /** Seals the tracking token for the receipt mail's job (the case keeps only its hash). */
  keys: KeyRing;
}

export interface SubmitContext {
  principal: Principal | null;
  idempotencyKey?: string | undefined;
}

export interface SubmitResult {
  receipt: Receipt;
  replayed: boolean;
}

export function statusUrl(reference: string, token: string): string {
  return `/v1/inquiries/${encodeURIComponent(reference)}/status?token=${encodeURIComponent(token)}`;
}

/**
 * Takes in one inquiry: checks its topics against the catalogue, routes it by the
 * published table, and writes inquiry, case, assignments and events in one transaction.
 */
export async function submitInquiry(deps: IntakeDeps, input: InquiryInput, context: SubmitContext): Promise<SubmitResult> {
  const { principal } = context;
  const idempotency =
    context.idempotencyKey === undefined
      ? null
      : { scope: principal ? `user:${principal.userId}` : 'public', key: context.idempotencyKey, request: input };

  // Both are read through the pool when they are cold: read them before the transaction
  // takes a connection, or concurrent intakes holding every connection would all wait for
  // a read that needs one more.
  const catalogue = await deps.topics.active();
  // The in-memory table: no query per intake; the case records the version that decided.
  const table = await deps.routing.current();

  const topics = input.topics.flatMap((code) => catalogue.get(code) ?? []);
  const unknown = input.topics.flatMap((code, index) =>
    catalogue.has(code) ? [] : [{ path: `body.topics.${index}`, message: `Unknown topic: ${code}` }],
  );
  if (unknown.length > 0) throw new ValidationError(unknown);

  const decision = table.route({
    topics: input.topics,
    subject: input.subject,
    description: input.description,
    employees: input.enterprise.employees ?? null,
    postcode: input.enterprise.postcode ?? null,
    registeredSocialEnterprise: input.enterprise.registeredSocialEnterprise ?? null,
  });

  const receivedAt = new Date();
  const receivedOn = danishDate(receivedAt);
  // The fastest promise among the chosen topics is the one the enterprise is given.
  const responseDays = Math.min(...topics.map((t) => t.response_days));
  const dueDate = deps.calendar.addWorkingDays(receivedOn, responseDays);
  const trackingToken = randomBytes(24).toString('base64url');
  const channel = principal ? ('api' as const) : ('web' as const);
  const opening: CaseOpening = {
    insertInquiry: insertInquiry(
      {
        channel,
        submitted_by: principal?.userId ?? null,
        cvr: input.enterprise.cvr,
        enterprise_name: input.enterprise.name,
        postcode: input.enterprise.postcode ?? null,
        employees: input.enterprise.employees ?? null,
        registered_social_enterprise: input.enterprise.registeredSocialEnterprise ?? null,
        contact_name: input.contact.name,
        contact_email: input.contact.email,
        contact_phone: input.contact.phone ?? null,
        topics: input.topics,
        subject: input.subject,
        description: input.description,
        language: input.language,
        consent: input.consent,
      },
      receivedAt,
    ),
    channel,
    actor: principal,
    topics: input.topics,
    decision,
    receivedAt,
    referencePrefix: deps.referencePrefix,
    referenceYear: Number(receivedOn.slice(0, 4)),
    trackingTokenHash: hashSecret(trackingToken),
    sealedTrackingToken: deps.keys.seal(trackingToken),
    dueDate,
  };
  const answer = ({ caseId, reference }: OpenCaseResult) => ({
    status: 201,
    secret: trackingToken,
    body: {
      caseId,
      reference,
      status: 'received' as const,
      receivedAt: receivedAt.toISOString(),
      expectedResponseBy: dueDate,
      routing: { lead: decision.lead, involved: decision.involved },
    },
  });

  // Without an Idempotency-Key there is usually one statement to run, and it needs no
  // transaction around it; when webhooks or an assignment policy need more, it wrote
  // nothing and the transaction below does it all.
  const alone = idempotency === null ? await openCaseAlone(deps.db, opening) : null;
  const result = alone
    ? { ...answer(alone), replayed: false }
    : await runIdempotent<Omit<Receipt, 'trackingToken' | 'statusUrl'>>(deps.db, idempotency, async (trx) => answer(await openCase(trx, opening)));

  // A replay answers with the token of the first request, which the store kept.
  const token = result.secret ?? '';
  return {
    receipt: { ...result.body, trackingToken: token, statusUrl: statusUrl(result.body.reference, token) },
    replayed: result.replayed,
  };
}

/**
 * The enterprise's view of its case: the status derived from the assignments, the lead
 * department and its due date, and the notes written for the enterprise. Null when the
 * reference or token is wrong (indistinguishably).
 */
export async function enterpriseStatus(db: Database, reference: string, token: string | undefined): Promise<EnterpriseStatus | null> {
  const found = await findCaseForEnterprise(db, reference);
  // Hash even when nothing was found, so timing does not tell a wrong reference from a wrong token.
  const presented = hashSecret(token ?? '');
  if (!found || !token || !timingSafeEqual(presented, found.trackingTokenHash)) return null;
  const notes = await findNotes(db, found.caseId, 'enterprise');
  return {
    reference: found.reference,
    status: found.status,
    subject: found.subject,
    receivedAt: found.receivedAt.toISOString(),
    leadDepartment: { code: found.leadDepartment, name: { da: found.leadNameDa, en: found.leadNameEn } },
    expectedResponseBy: found.leadDueDate ?? '',
    notes: notes.map((note) => ({ createdAt: note.createdAt.toISOString(), body: note.body })),
  };
}
