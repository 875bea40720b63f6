import type { TestContext } from './app.js';
import { createPerson, etagOf, type Person } from './people.js';

// Case work as the municipality does it, over the API: tests that need a case's history
// to hold events make them happen through the same path as the service's users.

const DEPARTMENTS = ['jobcenter', 'business-service', 'social', 'technical'];

async function expectStatus(res: { status: number; body: unknown }, status: number, what: string) {
  if (res.status !== status) throw new Error(`${what} failed: ${res.status} ${JSON.stringify(res.body)}`);
}

/** A coordinator, who may do any case work, and a caseworker in every department. */
export async function caseworkTeam(ctx: TestContext): Promise<{ coordinator: Person; caseworker: Person }> {
  return {
    coordinator: await createPerson(ctx, 'coordinator'),
    caseworker: await createPerson(ctx, 'caseworker', DEPARTMENTS),
  };
}

/** Changes a department's assignment (status, assignee, priority) with the case's current ETag. */
export async function changeAssignment(ctx: TestContext, person: Person, caseId: string, department: string, patch: Record<string, unknown>) {
  const res = await ctx
    .http()
    .patch(`/v1/cases/${caseId}/assignments/${department}`)
    .set('authorization', person.auth)
    .set('if-match', await etagOf(ctx, person, caseId))
    .send(patch);
  await expectStatus(res, 200, `changing the ${department} assignment`);
}

export async function transfer(ctx: TestContext, person: Person, caseId: string, from: string, to: string, reason: string) {
  const res = await ctx.http().post(`/v1/cases/${caseId}/transfer`).set('authorization', person.auth).send({ from, to, reason });
  await expectStatus(res, 200, 'the transfer');
}

export async function involve(ctx: TestContext, person: Person, caseId: string, department: string, reason: string) {
  const res = await ctx.http().post(`/v1/cases/${caseId}/involve`).set('authorization', person.auth).send({ department, reason });
  await expectStatus(res, 200, 'involving a department');
}

export async function addNote(
  ctx: TestContext,
  person: Person,
  caseId: string,
  note: { body: string; visibility: 'department' | 'case' | 'enterprise'; department?: string },
) {
  const res = await ctx.http().post(`/v1/cases/${caseId}/notes`).set('authorization', person.auth).send(note);
  await expectStatus(res, 201, 'adding a note');
}

/** Takes every unfinished assignment of the case and marks it done, so the case is resolved. */
export async function resolveCase(ctx: TestContext, caseworker: Person, caseId: string) {
  const res = await ctx.http().get(`/v1/cases/${caseId}`).set('authorization', caseworker.auth);
  await expectStatus(res, 200, 'reading the case');
  const open = (res.body.assignments as { department: string; status: string }[]).filter((a) => a.status !== 'done' && a.status !== 'transferred');
  for (const assignment of open) {
    if (assignment.status === 'queued') await changeAssignment(ctx, caseworker, caseId, assignment.department, { status: 'in_progress', assignee: 'me' });
    await changeAssignment(ctx, caseworker, caseId, assignment.department, { status: 'done' });
  }
}
