import Holidays from 'date-holidays';

/** A calendar date as 'YYYY-MM-DD'. */
export type IsoDate = string;

const danishHolidays = new Holidays('DK');
const publicHolidayCache = new Map<number, Set<IsoDate>>();

function publicHolidays(year: number): Set<IsoDate> {
  let days = publicHolidayCache.get(year);
  if (!days) {
    days = new Set(
      danishHolidays
        .getHolidays(year)
        .filter((holiday) => holiday.type === 'public')
        .map((holiday) => holiday.date.slice(0, 10)),
    );
    publicHolidayCache.set(year, days);
  }
  return days;
}

const copenhagenDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Copenhagen',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The date it is in Denmark at that instant. */
export function danishDate(instant: Date): IsoDate {
  return copenhagenDate.format(instant);
}

function nextDay(date: IsoDate): IsoDate {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export class WorkingDayCalendar {
  private readonly extraClosingDays: Set<string>;

  /** @param extraClosingDays 'MM-DD' days the municipality is closed every year (e.g. 06-05, 12-24) */
  constructor(extraClosingDays: readonly string[] = []) {
    this.extraClosingDays = new Set(extraClosingDays);
  }

  static fromSetting(setting: string): WorkingDayCalendar {
    return new WorkingDayCalendar(
      setting
        .split(',')
        .map((day) => day.trim())
        .filter(Boolean),
    );
  }

  isWorkingDay(date: IsoDate): boolean {
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) return false;
    if (this.extraClosingDays.has(date.slice(5))) return false;
    return !publicHolidays(Number(date.slice(0, 4))).has(date);
  }

  /**
   * The date `days` working days after `start`. The day of receipt does not count, so an
   * inquiry received on a Friday with a target of one day is due the next working day.
   */
  addWorkingDays(start: IsoDate, days: number): IsoDate {
    let date = start;
    let counted = 0;
    while (counted < days) {
      date = nextDay(date);
      if (this.isWorkingDay(date)) counted += 1;
    }
    return date;
  }

  /**
   * Working days from `start` to `end`, counted as the due date is: the working days after
   * `start` up to and including `end`, so the same day is 0 and Friday to Monday is 1.
   * An `end` before `start` counts 0.
   */
  workingDaysBetween(start: IsoDate, end: IsoDate): number {
    let date = start;
    let counted = 0;
    while (date < end) {
      date = nextDay(date);
      if (this.isWorkingDay(date)) counted += 1;
    }
    return counted;
  }
}
