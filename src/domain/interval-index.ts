import { type RuleBitset, addTo, emptyBitset, orInto } from './rule-bitset.js';

export interface RuleInterval<T> {
  rule: number;
  /** Inclusive bounds; undefined is unbounded on that side. */
  from?: T | undefined;
  to?: T | undefined;
}

/**
 * Answers "which rules' range conditions hold for this value" with one binary search.
 * The sorted bounds of all intervals cut the line into segments (each bound is a
 * segment of its own, and so is each gap between two bounds); every segment carries the
 * precomputed set of rules whose condition holds there. Values compare with `<` like the
 * reference engine does, so numbers and postcode strings both work.
 */
export class IntervalIndex<T extends number | string> {
  private readonly bounds: T[];
  private readonly segments: RuleBitset[];
  /** Rules that hold when the inquiry has no value: those without this condition. */
  readonly whenMissing: RuleBitset;

  constructor(size: number, intervals: readonly RuleInterval<T>[], withoutCondition: readonly number[]) {
    this.bounds = [...new Set(intervals.flatMap((i) => [i.from, i.to]).filter((b): b is T => b !== undefined))].sort((a, b) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    this.whenMissing = emptyBitset(size);
    for (const rule of withoutCondition) addTo(this.whenMissing, rule);
    this.segments = Array.from({ length: 2 * this.bounds.length + 1 }, () => {
      const segment = emptyBitset(size);
      orInto(segment, this.whenMissing);
      return segment;
    });
    for (const { rule, from, to } of intervals) {
      if (from !== undefined && to !== undefined && from > to) continue;
      const first = from === undefined ? 0 : this.segmentOf(from);
      const last = to === undefined ? this.segments.length - 1 : this.segmentOf(to);
      for (let segment = first; segment <= last; segment++) addTo(this.segments[segment] as RuleBitset, rule);
    }
  }

  /** The rules whose condition holds for the value (null or undefined: missing). */
  holdsFor(value: T | null | undefined): RuleBitset {
    return value === null || value === undefined ? this.whenMissing : (this.segments[this.segmentOf(value)] as RuleBitset);
  }

  private segmentOf(value: T): number {
    let low = 0;
    let high = this.bounds.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.bounds[middle] as T) < value) low = middle + 1;
      else high = middle;
    }
    return low < this.bounds.length && this.bounds[low] === value ? 2 * low + 1 : 2 * low;
  }
}
