import { danishHour, danishHourOf, staffMailDayAt } from '../../src/domain/staff-mail-schedule.js';
import { WorkingDayCalendar } from '../../src/domain/working-days.js';

const calendar = new WorkingDayCalendar(['12-24']);

describe('the hour of the Danish clock', () => {
  test('is an hour ahead of UTC in winter and two in summer', () => {
    expect(danishHour('2026-12-01', 7).toISOString()).toBe('2026-12-01T06:00:00.000Z');
    expect(danishHour('2026-06-15', 7).toISOString()).toBe('2026-06-15T05:00:00.000Z');
  });

  test('is right on the days the clock changes', () => {
    // Summer time began 29 March 2026 at 02:00, and ends 25 October 2026 at 03:00.
    expect(danishHour('2026-03-29', 7).toISOString()).toBe('2026-03-29T05:00:00.000Z');
    expect(danishHour('2026-10-25', 7).toISOString()).toBe('2026-10-25T06:00:00.000Z');
    expect(danishHourOf(new Date('2026-10-25T06:30:00Z'))).toBe(7);
  });
});

describe('the daily mail', () => {
  test('is due in the digest hour of a working day, and covers the time since the day before', () => {
    expect(staffMailDayAt(new Date('2026-12-01T06:00:00Z'), 7, calendar)).toEqual({
      day: '2026-12-01',
      from: new Date('2026-11-30T06:00:00Z'),
      to: new Date('2026-12-01T06:00:00Z'),
    });
    expect(staffMailDayAt(new Date('2026-12-01T06:59:59Z'), 7, calendar)?.day).toBe('2026-12-01');
  });

  test('is not due in any other hour', () => {
    expect(staffMailDayAt(new Date('2026-12-01T05:59:59Z'), 7, calendar)).toBeNull();
    expect(staffMailDayAt(new Date('2026-12-01T07:00:00Z'), 7, calendar)).toBeNull();
  });

  test('skips weekends and closing days: Monday covers from Friday, and the day after a closing day from the day before it', () => {
    expect(staffMailDayAt(new Date('2026-11-28T06:00:00Z'), 7, calendar)).toBeNull();
    const monday = staffMailDayAt(new Date('2026-11-30T06:00:00Z'), 7, calendar);
    expect(monday?.from).toEqual(new Date('2026-11-27T06:00:00Z'));
    expect(staffMailDayAt(new Date('2026-12-24T06:00:00Z'), 7, calendar)).toBeNull();
    expect(staffMailDayAt(new Date('2026-12-28T06:00:00Z'), 7, calendar)?.from).toEqual(new Date('2026-12-23T06:00:00Z'));
  });
});
