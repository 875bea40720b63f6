import fc from 'fast-check';
import { sql } from 'kysely';
import { type AssignmentPolicy, type Availability, chooseCaseworker, type Member } from '../../src/domain/assignment-policy.js';
import { startTestApp, type TestContext } from '../support/app.js';
import { createPerson, type Person, submitCase } from '../support/people.js';

// The choice the service makes in PostgreSQL, under random sequences of intakes,
// finished assignments and changes of availability, against the reference model in
// src/domain/assignment-policy.ts: after every step, the same caseworker (or nobody).

let ctx: TestContext;
let admin: Person;
let coordinator: Person;

beforeAll(async () => {
  ctx = await startTestApp();
  admin = await createPerson(ctx, 'admin');
  coordinator = await createPerson(ctx, 'coordinator');
});
afterAll(async () => ctx.close());

const DEPARTMENT = 'social';
const PLAIN = 'Vi har et spørgsmål til kommunen om vores virksomhed.';

type Step =
  | { kind: 'intake' }
  | { kind: 'finish'; pick: number }
  | { kind: 'availability'; who: number; available: boolean; cover: number | null };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.constant<Step>({ kind: 'intake' }) },
  { weight: 2, arbitrary: fc.nat(20).map<Step>((pick) => ({ kind: 'finish', pick })) },
  {
    weight: 2,
    arbitrary: fc.record({ who: fc.nat(3), available: fc.boolean(), cover: fc.option(fc.nat(3), { nil: null }) }).map<Step>((s) => ({ kind: 'availability', ...s })),
  },
);

const policy: fc.Arbitrary<AssignmentPolicy> = fc.record({
  mode: fc.constantFrom('round-robin' as const, 'least-loaded' as const),
  maxOpenPerCaseworker: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
  noAnswerHours: fc.constant(null),
});

/** The department's state as the model sees it. */
class Model {
  readonly members = new Map<string, Member>();
  /** Assignments given out and not finished: [assignment id, assignee]. */
  readonly given: Array<[string, string]> = [];
  /** Cases whose assignment waits in the queue, oldest first. */
  readonly waiting: string[] = [];
  #turn = 0;

  constructor(
    readonly policy: AssignmentPolicy,
    people: Person[],
  ) {
    for (const p of people) this.members.set(p.id, { userId: p.id, availability: null, lastTurn: null, open: 0 });
  }

  choose(): string | null {
    const choice = chooseCaseworker(this.policy, [...this.members.values()], new Date());
    if (!choice) return null;
    this.#turn += 1;
    (this.members.get(choice.slotUserId) as Member).lastTurn = this.#turn;
    (this.members.get(choice.assigneeId) as Member).open += 1;
    return choice.assigneeId;
  }
}

async function assignmentOf(caseId: string) {
  return ctx.db
    .selectFrom('assignments')
    .select(['id', 'assignee_id'])
    .where('case_id', '=', caseId)
    .where('department_code', '=', DEPARTMENT)
    .executeTakeFirstOrThrow();
}

test('the database chooses as the reference model does', async () => {
  await fc.assert(
    fc.asyncProperty(policy, fc.integer({ min: 2, max: 4 }), fc.array(step, { minLength: 1, maxLength: 12 }), async (chosenPolicy, size, steps) => {
      // A clean department: earlier runs' caseworkers leave, their work is finished.
      await sql`UPDATE users SET active = false WHERE role = 'caseworker'`.execute(ctx.db);
      await sql`UPDATE assignments SET status = 'done' WHERE department_code = ${DEPARTMENT} AND status <> 'transferred'`.execute(ctx.db);
      const people: Person[] = [];
      for (let i = 0; i < size; i += 1) people.push(await createPerson(ctx, 'caseworker', [DEPARTMENT]));
      await ctx.http().put(`/v1/departments/${DEPARTMENT}/assignment-policy`).set('authorization', coordinator.auth).send(chosenPolicy).expect(200);
      const model = new Model(chosenPolicy, people);

      for (const s of steps) {
        if (s.kind === 'intake') {
          const { caseId } = await submitCase(ctx, { topics: ['social-services'], subject: 'Et spørgsmål', description: PLAIN });
          const row = await assignmentOf(caseId);
          const expected = model.choose();
          expect(row.assignee_id).toBe(expected);
          if (expected) model.given.push([row.id, expected]);
          else model.waiting.push(caseId);
        } else if (s.kind === 'finish') {
          if (model.given.length === 0) continue;
          const [[assignmentId, assigneeId]] = model.given.splice(s.pick % model.given.length, 1) as [[string, string]];
          await sql`UPDATE assignments SET status = 'done' WHERE id = ${assignmentId}`.execute(ctx.db);
          (model.members.get(assigneeId) as Member).open -= 1;
        } else {
          const who = people[s.who % size] as Person;
          const cover = s.cover === null ? null : (people[s.cover % size] as Person);
          const res = await ctx
            .http()
            .put(`/v1/users/${who.id}/availability`)
            .set('authorization', admin.auth)
            .send({ available: s.available, coverUserId: cover?.id ?? null });
          if (cover?.id === who.id) {
            expect(res.status).toBe(422);
            continue;
          }
          expect(res.status).toBe(200);
          const availability: Availability = { available: s.available, until: null, coverUserId: cover?.id ?? null };
          (model.members.get(who.id) as Member).availability = availability;
          // The change hands out what waits, oldest first, while anyone is eligible.
          while (model.waiting.length > 0) {
            const expected = model.choose();
            if (!expected) break;
            const caseId = model.waiting.shift() as string;
            const row = await assignmentOf(caseId);
            expect(row.assignee_id).toBe(expected);
            model.given.push([row.id, expected]);
          }
          for (const caseId of model.waiting) expect((await assignmentOf(caseId)).assignee_id).toBeNull();
        }
      }
    }),
    { numRuns: 15 },
  );
});
