import { createRequire } from 'node:module';
import type Holidays from 'date-holidays';

/** A calendar date as 'YYYY-MM-DD'. */
export type IsoDate = string;

// date-holidays carries the rules of every country (about 20 MiB in memory and a good
// part of a second to load): loaded when the first date needs them, not at start.
let danishHolidays: Holidays | undefined;
function holidayRules(): Holidays {
  danishHolidays ??= new (createRequire(import.meta.url)('date-holidays') as typeof Holidays)('DK');
  return danishHolidays;
}
const publicHolidayCache = new Map<number, Set<IsoDate>>();

function publicHolidays(year: number): Set<IsoDate> {
  let days = publicHolidayCache.get(year);
  if (!days) {
    days = new Set(
      holidayRules()
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
   * An `end` before `start` counts 0. Answered from per-year tables of running counts, as
   * the statistics snapshot asks this millions of times.
   */
  workingDaysBetween(start: IsoDate, end: IsoDate): number {
    if (end <= start) return 0;
    if (Number(start.slice(0, 4)) < FIRST_YEAR) return this.countDayByDay(start, end);
    return this.ordinal(end) - this.ordinal(start);
  }

  private countDayByDay(start: IsoDate, end: IsoDate): number {
    let date = start;
    let counted = 0;
    while (date < end) {
      date = nextDay(date);
      if (this.isWorkingDay(date)) counted += 1;
    }
    return counted;
  }

  /** Per year: the working days from 1 January up to and including each day of the year. */
  private readonly runningCounts = new Map<number, Int32Array>();
  /** Per year: the working days from FIRST_YEAR up to the year's 1 January, exclusive. */
  private readonly yearStarts = new Map<number, number>();

  private yearCounts(year: number): Int32Array {
    let counts = this.runningCounts.get(year);
    if (!counts) {
      const days = Math.round((Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / 86_400_000);
      counts = new Int32Array(days);
      let running = 0;
      for (let i = 0; i < days; i++) {
        if (this.isWorkingDay(new Date(Date.UTC(year, 0, 1 + i)).toISOString().slice(0, 10))) running += 1;
        counts[i] = running;
      }
      this.runningCounts.set(year, counts);
    }
    return counts;
  }

  private yearStart(year: number): number {
    if (year <= FIRST_YEAR) return 0;
    let start = this.yearStarts.get(year);
    if (start === undefined) {
      // Fill from the nearest year known, so no call recurses deeply.
      let known = year - 1;
      while (known > FIRST_YEAR && !this.yearStarts.has(known)) known -= 1;
      let running = known <= FIRST_YEAR ? 0 : (this.yearStarts.get(known) as number);
      for (let y = Math.max(known, FIRST_YEAR); y < year; y++) {
        running += this.yearCounts(y).at(-1) as number;
        this.yearStarts.set(y + 1, running);
      }
      start = running;
    }
    return start;
  }

  /** Working days from FIRST_YEAR's 1 January up to and including `date`. */
  private ordinal(date: IsoDate): number {
    const year = Number(date.slice(0, 4));
    const dayOfYear = Math.round((Date.UTC(year, Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) - Date.UTC(year, 0, 1)) / 86_400_000);
    return this.yearStart(year) + (this.yearCounts(year)[dayOfYear] as number);
  }
}

/** The first year the running counts start from; earlier dates are counted from its start. */
const FIRST_YEAR = 1990;
