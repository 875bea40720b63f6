import { WorkingDayCalendar, danishDate } from '../../src/domain/working-days.js';

const calendar = new WorkingDayCalendar();

describe('working days', () => {
  test('weekends are not working days', () => {
    expect(calendar.isWorkingDay('2026-11-28')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2026-11-29')).toBe(false); // Sunday
    expect(calendar.isWorkingDay('2026-11-30')).toBe(true);
  });

  test('Danish public holidays are not working days', () => {
    for (const holiday of ['2026-01-01', '2026-04-02', '2026-04-03', '2026-04-06', '2026-05-14', '2026-05-25', '2026-12-25']) {
      expect(calendar.isWorkingDay(holiday)).toBe(false);
    }
  });

  test('Store Bededag is a working day since its abolition in 2024', () => {
    expect(calendar.isWorkingDay('2026-05-01')).toBe(true); // would have been the fourth Friday after Easter
  });

  test('the day of receipt does not count', () => {
    expect(calendar.addWorkingDays('2026-11-26', 1)).toBe('2026-11-27'); // Thursday → Friday
    expect(calendar.addWorkingDays('2026-11-27', 1)).toBe('2026-11-30'); // Friday → Monday
  });

  test('five working days skip a weekend', () => {
    expect(calendar.addWorkingDays('2026-11-26', 5)).toBe('2026-12-03');
  });

  test('an inquiry on a Saturday counts from Monday', () => {
    expect(calendar.addWorkingDays('2026-11-28', 1)).toBe('2026-11-30');
  });

  test('Easter is skipped', () => {
    // Wednesday 1 April 2026; Thursday to Monday are holidays or weekend.
    expect(calendar.addWorkingDays('2026-04-01', 1)).toBe('2026-04-07');
  });

  test('extra closing days configured by the municipality are skipped', () => {
    const municipal = WorkingDayCalendar.fromSetting('06-05, 12-24,12-31');
    expect(municipal.isWorkingDay('2026-06-05')).toBe(false);
    expect(calendar.isWorkingDay('2026-06-05')).toBe(true);
    // 23 Dec 2026 (Wed) + 1: 24th closed, 25th/26th holidays, 27th Sunday → Monday 28th.
    expect(municipal.addWorkingDays('2026-12-23', 1)).toBe('2026-12-28');
  });

  test('danishDate uses Copenhagen time, not UTC', () => {
    expect(danishDate(new Date('2026-11-26T23:30:00Z'))).toBe('2026-11-27');
    expect(danishDate(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
    expect(danishDate(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
  });
});
