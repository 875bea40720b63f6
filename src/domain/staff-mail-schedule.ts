import { danishDate, type IsoDate, type WorkingDayCalendar } from './working-days.js';

// When caseworkers get their daily mail (the digest of new assignments, the overdue
// reminder): at a configured hour of the Danish clock, on the municipality's working days.
// The job queue wakes the task every hour, on the hour; the task acts in the one hour that
// is the digest hour in Copenhagen, so summer and winter time need no care of their own.

const copenhagenClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Copenhagen',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** How far Copenhagen's clock is ahead of UTC at that instant, in milliseconds. */
function copenhagenOffsetMs(instant: Date): number {
  const parts = Object.fromEntries(copenhagenClock.formatToParts(instant).map((part) => [part.type, part.value]));
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return wall - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant it is `hour`:00 in Copenhagen on that date. */
export function danishHour(date: IsoDate, hour: number): Date {
  const wall = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), hour);
  // The offset at the guess, then at the corrected instant: right on either side of a clock change.
  const first = wall - copenhagenOffsetMs(new Date(wall));
  return new Date(wall - copenhagenOffsetMs(new Date(first)));
}

/** The hour of Copenhagen's clock at that instant (0–23). */
export function danishHourOf(instant: Date): number {
  return Number(copenhagenClock.formatToParts(instant).find((part) => part.type === 'hour')?.value);
}

function previousDay(date: IsoDate): IsoDate {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** One working day's daily mail: its date, and the span since the previous working day's. */
export interface StaffMailDay {
  day: IsoDate;
  /** The previous working day's digest hour: new assignments from here… */
  from: Date;
  /** …until this day's digest hour. */
  to: Date;
}

/**
 * The daily mail that is due at `at`, if `at` falls in the digest hour of a working day:
 * a digest on Monday covers from Friday's, so nothing falls between two digests.
 */
export function staffMailDayAt(at: Date, hour: number, calendar: WorkingDayCalendar): StaffMailDay | null {
  const day = danishDate(at);
  if (danishHourOf(at) !== hour || !calendar.isWorkingDay(day)) return null;
  let previous = previousDay(day);
  while (!calendar.isWorkingDay(previous)) previous = previousDay(previous);
  return { day, from: danishHour(previous, hour), to: danishHour(day, hour) };
}
