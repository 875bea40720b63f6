import type { z } from 'zod';
import { ConflictError, type FieldError, UnprocessableError, ValidationError } from '../../errors.js';
import { inquiryInputSchema, type Receipt } from '../inquiries/inquiries.schemas.js';
import { type IntakeDeps, submitInquiry } from '../inquiries/inquiries.service.js';
import { type InquiryForm, toInquiryInput } from './form-input.js';

export type FormOutcome =
  | { kind: 'accepted'; receipt: Receipt; replayed: boolean }
  | { kind: 'invalid'; errors: FieldError[] }
  /** The form's key was already used for a different inquiry (back, edit, resubmit). */
  | { kind: 'alreadySent' }
  /** The first submission with this key is still being written. */
  | { kind: 'stillProcessing' };

/** Zod issues named the way the API names them (`body.enterprise.cvr`). */
function asFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => ({ path: ['body', ...issue.path.map(String)].join('.'), message: issue.message }));
}

/**
 * Submits the web form through exactly what `POST /v1/inquiries` uses: the same schema,
 * then the same intake service, anonymously (channel `web`) with the form's key.
 */
export async function submitInquiryForm(intake: IntakeDeps, form: InquiryForm): Promise<FormOutcome> {
  const parsed = inquiryInputSchema.safeParse(toInquiryInput(form));
  if (!parsed.success) return { kind: 'invalid', errors: asFieldErrors(parsed.error.issues) };
  try {
    const { receipt, replayed } = await submitInquiry(intake, parsed.data, { principal: null, idempotencyKey: form.idempotencyKey });
    return { kind: 'accepted', receipt, replayed };
  } catch (error) {
    if (error instanceof ValidationError) return { kind: 'invalid', errors: error.errors };
    if (error instanceof UnprocessableError && error.slug === 'idempotency-key-reused') return { kind: 'alreadySent' };
    if (error instanceof ConflictError) return { kind: 'stillProcessing' };
    throw error;
  }
}
