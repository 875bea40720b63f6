import type { Role } from '../../src/db/schema.js';
import { createUser, issueToken } from '../../src/modules/users/users.service.js';
import type { TestContext } from './app.js';
import { validInquiry } from './fixtures.js';

export interface Person {
  id: string;
  name: string;
  token: string;
  /** `Authorization` header value. */
  auth: string;
}

let counter = 0;

/** A user with a fresh token, created through the same service the admin API uses. */
export async function createPerson(ctx: TestContext, role: Role, departments: string[] = [], name?: string): Promise<Person> {
  counter += 1;
  const label = name ?? `${role} ${departments.join('+')} ${counter}`.trim();
  const user = await createUser(ctx.db, {
    name: label,
    email: `${role}.${counter}.${Math.random().toString(36).slice(2, 8)}@kommune.example`,
    role,
    departments,
  });
  const { token } = await issueToken(ctx.db, user.id, { name: 'test' });
  return { id: user.id, name: label, token, auth: `Bearer ${token}` };
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
