import fc from 'fast-check';
import { type CaseFacts, GROUP_BY, routingRows, statisticsRows } from '../../src/domain/statistics.js';
import { aggregateFacts, aggregateRouting, deleteAllFacts, insertFacts, readFacts } from '../../src/modules/statistics/statistics.repository.js';
import { startTestApp, type TestContext } from '../support/app.js';

// The figures are defined once, in the domain (statisticsRows, routingRows, property-tested
// against a plain reference); requests have PostgreSQL aggregate the snapshot's facts
// instead, so that years of cases never pass through the process. Here the two must agree
// on random facts written to the snapshot table, for random periods and every grouping.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(async () => ctx.close());

const DEPARTMENTS = ['jobcenter', 'social', 'technical'];
const dateArb = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2026, 11, 31) }).map((ms) => new Date(ms).toISOString().slice(0, 10));
const daysArb = fc.option(fc.integer({ min: 0, max: 30 }), { nil: null });

const factsArb: fc.Arbitrary<CaseFacts> = fc
  .record({
    caseId: fc.uuid({ version: 4 }),
    receivedOn: dateArb,
    resolvedOn: fc.option(dateArb, { nil: null }),
    lead: fc.constantFrom(...DEPARTMENTS),
    topics: fc.subarray(['hiring', 'premises', 'flex-jobs'], { minLength: 1 }),
    pickUpDays: daysArb,
    firstAnswerDays: daysArb,
    resolutionDays: daysArb,
    withinTarget: fc.option(fc.boolean(), { nil: null }),
    departments: fc.integer({ min: 1, max: 3 }),
    transfers: fc.nat(2),
    involvements: fc.nat(2),
    leadRuleId: fc.constantFrom('hiring-rule', 'premises-rule', null),
    away: fc.option(fc.constantFrom(...DEPARTMENTS), { nil: null }),
  })
  .map((f) => ({
    caseId: f.caseId,
    receivedOn: f.receivedOn,
    expectedResponseBy: f.receivedOn,
    leadDepartment: f.lead,
    topics: f.topics,
    pickUpDays: f.pickUpDays,
    firstAnsweredOn: null,
    firstAnswerDays: f.firstAnswerDays,
    resolvedOn: f.resolvedOn !== null && f.resolvedOn < f.receivedOn ? f.receivedOn : f.resolvedOn,
    resolutionDays: f.resolutionDays,
    withinTarget: f.withinTarget,
    departments: f.departments,
    transfers: f.transfers,
    involvements: f.involvements,
    routedLead: f.lead,
    leadRuleId: f.leadRuleId,
    routingVersion: 1,
    transferredAwayTo: f.away === f.lead ? null : f.away,
  }));

const periodArb = fc.tuple(dateArb, fc.integer({ min: 0, max: 400 })).map(([from, days]) => ({
  from,
  to: new Date(Date.parse(`${from}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10),
}));

test('the database aggregates the facts exactly as the domain defines the figures', async () => {
  await fc.assert(
    fc.asyncProperty(fc.uniqueArray(factsArb, { maxLength: 40, selector: (f) => f.caseId }), fc.array(periodArb, { minLength: 1, maxLength: 3 }), async (facts, periods) => {
      await ctx.db.transaction().execute(async (trx) => {
        await deleteAllFacts(trx);
        await insertFacts(trx, facts, new Map([['hiring-rule', 'Hiring']]));
      });
      for (const period of periods) {
        const stored = await readFacts(ctx.db, period);
        for (const groupBy of GROUP_BY) expect(await aggregateFacts(ctx.db, period, groupBy)).toEqual(statisticsRows(stored, period, groupBy));
        const routing = await aggregateRouting(ctx.db, period);
        expect(routing.map(({ ruleName: _, ...row }) => row)).toEqual(routingRows(facts, period));
        for (const row of routing) expect(row.ruleName).toBe(row.ruleId === 'hiring-rule' ? 'Hiring' : null);
      }
    }),
    { numRuns: 25 },
  );
});
