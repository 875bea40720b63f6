import { formatDuration, parseDuration, parseDurationList } from '../../src/domain/durations.js';
import { loadConfig } from '../../src/config.js';

describe('durations', () => {
  test.each([
    ['100ms', 100],
    ['5s', 5000],
    ['30m', 1_800_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    [' 1.5s ', 1500],
  ])('%s is %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  test.each(['', '5', 's', '-5s', '0s', '5 s', '5w', '1e3ms'])('%j is not a duration', (text) => expect(parseDuration(text)).toBeNull());

  test('a list names its first bad entry', () => {
    expect(parseDurationList('5s,5m')).toEqual({ ok: true, value: [5000, 300_000] });
    expect(parseDurationList('5s,,5m')).toEqual({ ok: false, error: expect.stringContaining('entry 2') });
  });

  test('formats for people', () => {
    expect(formatDuration(400)).toBe('400ms');
    expect(formatDuration(3 * 86_400_000 + 14 * 3_600_000 + 35 * 60_000)).toBe('3d 14h 35m');
  });
});

describe('webhook retry schedule setting', () => {
  test('the default retries for more than three days', () => {
    const schedule = loadConfig({}).WEBHOOK_RETRY_SCHEDULE;
    expect(schedule.reduce((sum, ms) => sum + ms, 0)).toBeGreaterThan(3 * 86_400_000);
  });

  test('a bad schedule stops start-up naming the variable and the entry', () => {
    expect(() => loadConfig({ WEBHOOK_RETRY_SCHEDULE: '5s,soon' })).toThrow(/WEBHOOK_RETRY_SCHEDULE: entry 2/);
  });
});
