import { defaultStatisticsQuery, isOftenOverruled, readStatisticsQuery } from '../../src/domain/statistics-query.js';

// The statistics page's form: what it shows when nothing is chosen, and each problem named by its field.

test('with nothing chosen: the last twelve months, by month', () => {
  expect(defaultStatisticsQuery('2026-11-29')).toEqual({ from: '2025-12-01', to: '2026-11-29', groupBy: 'month' });
  expect(defaultStatisticsQuery('2026-01-05')).toEqual({ from: '2025-02-01', to: '2026-01-05', groupBy: 'month' });
  expect(readStatisticsQuery({ from: '', to: ' ', groupBy: undefined }, '2026-11-29')).toEqual({ ok: true, query: { from: '2025-12-01', to: '2026-11-29', groupBy: 'month' } });
});

test.each([
  [{ from: '2026-02-30' }, { from: 'invalidDate' }],
  [{ to: '26-01-01' }, { to: 'invalidDate' }],
  [{ from: '0000-01-01' }, { from: 'invalidDate' }],
  [{ from: '2026-05-02', to: '2026-05-01' }, { from: 'fromAfterTo' }],
  [{ from: '2020-01-01', to: '2025-01-02' }, { to: 'tooLong' }],
  [{ groupBy: 'week', from: 'x' }, { from: 'invalidDate', groupBy: 'unknownGroupBy' }],
])('%j is refused: %j', (raw, problems) => {
  expect(readStatisticsQuery(raw, '2026-11-29')).toEqual({ ok: false, problems });
});

test('five years exactly is allowed', () => {
  expect(readStatisticsQuery({ from: '2020-01-01', to: '2025-01-01', groupBy: 'topic' }, '2026-11-29').ok).toBe(true);
});

test('a rule is overruled often when at least two and a quarter of its cases were handed away', () => {
  expect(isOftenOverruled({ led: 8, transferredAway: 2 })).toBe(true);
  expect(isOftenOverruled({ led: 9, transferredAway: 2 })).toBe(false);
  expect(isOftenOverruled({ led: 1, transferredAway: 1 })).toBe(false);
  expect(isOftenOverruled({ led: 0, transferredAway: 0 })).toBe(false);
});
