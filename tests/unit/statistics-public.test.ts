import fc from 'fast-check';
import { ALL, PublicFiguresBuilder, suppressionPattern } from '../../src/domain/statistics-public.js';

// Mostly small counts, where suppression has work to do, and some zeros and large ones.
const countArb = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 40 }));
const gridArb = fc.integer({ min: 1, max: 6 }).chain((columns) => fc.array(fc.array(countArb, { minLength: columns, maxLength: columns }), { minLength: 1, maxLength: 8 }));

/** The table with its totals: the last row and column. */
function withTotals(interior: number[][]): number[][] {
  const rows = interior.map((row) => [...row, row.reduce((a, b) => a + b, 0)]);
  const totals = (rows[0] ?? []).map((_, c) => rows.reduce((sum, row) => sum + (row[c] ?? 0), 0));
  return [...rows, totals];
}

/**
 * What a reader can work out from the published table: any row or column (its total
 * included) with one unknown gives it away by subtraction, and what is found may open
 * another line. Returns the cells known at the end.
 */
function recoverBySubtraction(hidden: boolean[][]): boolean[][] {
  const known = hidden.map((row) => row.map((h) => !h));
  const rows = known.length;
  const columns = known[0]?.length ?? 0;
  const lines = [
    ...Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => [r, c] as const)),
    ...Array.from({ length: columns }, (_, c) => Array.from({ length: rows }, (_, r) => [r, c] as const)),
  ];
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      const unknown = line.filter(([r, c]) => !known[r]?.[c]);
      if (unknown.length === 1) {
        const [r, c] = unknown[0] as readonly [number, number];
        (known[r] as boolean[])[c] = true;
        changed = true;
      }
    }
  }
  return known;
}

describe('public figures: suppression', () => {
  test('every count from 1 to 4 is suppressed, totals included', () => {
    fc.assert(
      fc.property(gridArb, (interior) => {
        const hidden = suppressionPattern(interior);
        withTotals(interior).forEach((row, r) =>
          row.forEach((value, c) => {
            if (value > 0 && value < 5) expect(hidden[r]?.[c]).toBe(true);
          }),
        );
      }),
      { numRuns: 1000 },
    );
  });

  test('no suppressed cell can be worked out by subtracting from row or column totals, however often', () => {
    fc.assert(
      fc.property(gridArb, (interior) => {
        const hidden = suppressionPattern(interior);
        const known = recoverBySubtraction(hidden);
        hidden.forEach((row, r) => row.forEach((h, c) => h && expect(known[r]?.[c]).toBe(false)));
      }),
      { numRuns: 1000 },
    );
  });

  test('a table with nothing small suppresses nothing', () => {
    expect(suppressionPattern([[5, 0], [7, 12]]).flat().some(Boolean)).toBe(false);
  });

  test('a lone small cell takes its row and column neighbours with it', () => {
    const hidden = suppressionPattern([
      [3, 10, 20],
      [8, 9, 30],
    ]);
    expect(hidden[0]?.[0]).toBe(true);
    expect(hidden.flat().filter(Boolean).length).toBeGreaterThanOrEqual(4);
  });
});

const TOPICS = [
  { code: 'hiring', name: { da: 'Ansættelse', en: 'Hiring' } },
  { code: 'premises', name: { da: 'Lokaler', en: 'Premises' } },
];

const factsArb = fc
  .record({
    receivedOn: fc.constantFrom('2026-01-15', '2026-02-10', '2026-03-03'),
    resolvedOn: fc.constantFrom(null, '2026-02-20', '2026-03-20'),
    topics: fc.subarray(['hiring', 'premises', 'secret-topic'], { minLength: 1 }),
    firstAnswerDays: fc.option(fc.integer({ min: 0, max: 15 })),
    withinTarget: fc.option(fc.boolean()),
  })
  .map((f) => ({ ...f, resolvedOn: f.resolvedOn !== null && f.resolvedOn < f.receivedOn ? null : f.resolvedOn }));

describe('public figures: the table', () => {
  test('shows no count from 1 to 4, no topic that is not public, and true counts where it shows one', () => {
    fc.assert(
      fc.property(fc.array(factsArb, { maxLength: 60 }), (facts) => {
        const builder = new PublicFiguresBuilder(TOPICS);
        facts.forEach((f) => builder.add(f));
        const figures = builder.build(new Date('2026-03-31T12:00:00Z'), '2026-03');
        for (const cell of figures.cells) {
          expect(['hiring', 'premises', ALL]).toContain(cell.topic);
          for (const count of [cell.received, cell.resolved]) if (count !== null) expect(count === 0 || count >= 5).toBe(true);
          const topics = cell.topic === ALL ? ['hiring', 'premises'] : [cell.topic];
          const mentions = (monthOf: (f: (typeof facts)[number]) => string | null) =>
            facts.reduce((sum, f) => {
              const month = monthOf(f);
              if (month === null || (cell.month !== ALL && month !== cell.month)) return sum;
              return sum + f.topics.filter((t) => topics.includes(t)).length;
            }, 0);
          if (cell.received !== null) expect(cell.received).toBe(mentions((f) => f.receivedOn.slice(0, 7)));
          if (cell.resolved !== null) expect(cell.resolved).toBe(mentions((f) => f.resolvedOn?.slice(0, 7) ?? null));
          if (cell.received === null) {
            expect(cell.medianFirstAnswerDays).toBeNull();
            expect(cell.withinTarget).toBeNull();
          }
        }
        // A month-by-topic table with its totals, every month in it.
        expect(figures.cells).toHaveLength(figures.months.length === 0 ? 1 + TOPICS.length : (figures.months.length + 1) * (TOPICS.length + 1));
      }),
      { numRuns: 300 },
    );
  });

  test('a share within target is withheld when the cases within or outside it are a small count', () => {
    const builder = new PublicFiguresBuilder(TOPICS);
    for (let i = 0; i < 20; i++) builder.add({ receivedOn: '2026-03-02', resolvedOn: null, topics: ['hiring'], firstAnswerDays: 2, withinTarget: i >= 3 });
    const cell = builder.build(new Date('2026-03-31T12:00:00Z'), '2026-03').cells.find((c) => c.month === '2026-03' && c.topic === 'hiring');
    expect(cell).toEqual({ month: '2026-03', topic: 'hiring', received: 20, resolved: 0, medianFirstAnswerDays: 2, withinTarget: null });
  });
});
