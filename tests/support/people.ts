import type { Role } from '../../src/db/schema.js';
import type { TestContext } from './app.js';
import { validInquiry } from './fixtures.js';
import { createUserWithToken, type TestUser } from './users.js';

export type Person = TestUser;

/** A user with a fresh token (see createUserWithToken). */
export function createPerson(ctx: TestContext, role: Role, departments: string[] = [], name?: string): Promise<Person> {
  return createUserWithToken(ctx.db, role, departments, name);
}

export interface SubmittedCase {
  caseId: string;
  reference: string;
  trackingToken: string;
  statusUrl: string;
  expectedResponseBy: string;
}

/**
 * Submits an inquiry over HTTP (as an integrator when given) and returns its receipt. The
 * default inquiry is about hiring and business development: the jobcenter leads and the
 * business service is involved.
 */
export async function submitCase(ctx: TestContext, overrides: Record<string, unknown> = {}, integrator?: Person): Promise<SubmittedCase> {
  let request = ctx.http().post('/v1/inquiries');
  if (integrator) request = request.set('authorization', integrator.auth);
  const res = await request.send(validInquiry(overrides));
  if (res.status !== 201) throw new Error(`submitting an inquiry failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as SubmittedCase;
}

/** The ETag of the case as the person sees it now. */
export async function etagOf(ctx: TestContext, person: Person, caseId: string): Promise<string> {
  const res = await ctx.http().get(`/v1/cases/${caseId}`).set('authorization', person.auth);
  if (res.status !== 200) throw new Error(`reading case ${caseId} failed: ${res.status}`);
  return res.headers.etag as string;
}
