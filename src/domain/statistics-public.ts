import { type CaseFacts, quantile, share } from './statistics.js';

/**
 * The public transparency figures: per month and per public topic, the cases received and
 * resolved, the median days to the first answer and the share answered within target.
 * Pure, like the statistics they come from. Small counts are suppressed (primary
 * suppression) and further cells with them (secondary suppression), so that no suppressed
 * count can be worked out by subtracting the published cells from a published total. The
 * method is written out in docs/statistics.md.
 */

/** Counts from 1 up to this (exclusive) are never published. Zero is. */
export const SUPPRESSION_THRESHOLD = 5;

/** The key of a total: every month, or every public topic. */
export const ALL = 'all';

export interface PublicCell {
  /** YYYY-MM, or `all` for the total over the months. */
  month: string;
  /** A public topic's code, or `all` for the total over the public topics. */
  topic: string;
  /** Null when suppressed. */
  received: number | null;
  resolved: number | null;
  medianFirstAnswerDays: number | null;
  withinTarget: number | null;
}

export interface PublicTopic {
  code: string;
  name: { da: string; en: string };
}

export interface PublicFigures {
  generatedAt: string | null;
  suppressionThreshold: number;
  months: string[];
  topics: PublicTopic[];
  /** Month by topic, each month's total over the topics after its topics, the totals per topic (month `all`) last. */
  cells: PublicCell[];
}

/** A count that must not be published on its own. */
export const isSmall = (count: number) => count > 0 && count < SUPPRESSION_THRESHOLD;

/**
 * Which cells of a table with its totals to suppress. `interior` is rows × columns; the
 * answer is (rows + 1) × (columns + 1), the last row and column being the totals. Small
 * counts are suppressed, then, until nothing changes, any row or column (its total
 * included) with exactly one suppressed entry gets a second: its smallest non-zero
 * interior cell, else a zero cell, else its total. A line with two or more unknowns
 * cannot be solved by subtraction, and since no line is left with exactly one, no chain
 * of subtractions can start.
 */
export function suppressionPattern(interior: readonly (readonly number[])[]): boolean[][] {
  const rows = interior.length;
  const columns = rows === 0 ? 0 : (interior[0]?.length ?? 0);
  const value = (r: number, c: number): number => {
    if (r < rows && c < columns) return interior[r]?.[c] ?? 0;
    if (r < rows) return (interior[r] ?? []).reduce((a, b) => a + b, 0);
    if (c < columns) return interior.reduce((sum, row) => sum + (row[c] ?? 0), 0);
    return interior.reduce((sum, row) => sum + row.reduce((a, b) => a + b, 0), 0);
  };
  const suppressed = Array.from({ length: rows + 1 }, (_, r) => Array.from({ length: columns + 1 }, (_, c) => isSmall(value(r, c))));
  const lines: [number, number][][] = [
    ...Array.from({ length: rows + 1 }, (_, r) => Array.from({ length: columns + 1 }, (_, c): [number, number] => [r, c])),
    ...Array.from({ length: columns + 1 }, (_, c) => Array.from({ length: rows + 1 }, (_, r): [number, number] => [r, c])),
  ];
  const isSuppressed = ([r, c]: [number, number]) => suppressed[r]?.[c] === true;
  const rank = ([r, c]: [number, number]): [number, number] => {
    const margin = r === rows || c === columns ? 2 : 0;
    const v = value(r, c);
    return [margin + (v === 0 ? 1 : 0), v];
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      if (line.filter(isSuppressed).length !== 1) continue;
      const candidates = line.filter((cell) => !isSuppressed(cell));
      candidates.sort((a, b) => {
        const [ka, va] = rank(a);
        const [kb, vb] = rank(b);
        return ka - kb || va - vb;
      });
      const chosen = candidates[0];
      if (!chosen) continue;
      const row = suppressed[chosen[0]];
      if (row) row[chosen[1]] = true;
      changed = true;
    }
  }
  return suppressed;
}

interface Pool {
  received: number;
  resolved: number;
  firstAnswerDays: number[];
  withinTarget: (boolean | null)[];
}

const emptyPool = (): Pool => ({ received: 0, resolved: 0, firstAnswerDays: [], withinTarget: [] });

function merge(pools: Pool[]): Pool {
  return {
    received: pools.reduce((sum, pool) => sum + pool.received, 0),
    resolved: pools.reduce((sum, pool) => sum + pool.resolved, 0),
    firstAnswerDays: pools.flatMap((pool) => pool.firstAnswerDays),
    withinTarget: pools.flatMap((pool) => pool.withinTarget),
  };
}

/** The median first-answer days, only when at least the threshold of answered cases stand behind it. */
function publicMedian(pool: Pool): number | null {
  if (pool.firstAnswerDays.length < SUPPRESSION_THRESHOLD) return null;
  const median = quantile(pool.firstAnswerDays, 0.5);
  return median === null ? null : Math.round(median * 10) / 10;
}

/**
 * The share within target, only when neither the cases within nor those outside are a
 * small count: a share of a known number of cases would otherwise give that count away.
 */
function publicShare(pool: Pool): number | null {
  const inside = pool.withinTarget.filter((v) => v === true).length;
  const outside = pool.withinTarget.filter((v) => v === false).length;
  if (inside + outside < SUPPRESSION_THRESHOLD || isSmall(inside) || isSmall(outside)) return null;
  return share(pool.withinTarget);
}

/** Collects the facts of a snapshot, one at a time, into the public figures. */
export class PublicFiguresBuilder {
  private readonly pools = new Map<string, Pool>();
  private firstMonth: string | null = null;

  constructor(private readonly topics: readonly PublicTopic[]) {}

  private pool(month: string, topic: string): Pool {
    const key = `${month} ${topic}`;
    let pool = this.pools.get(key);
    if (!pool) {
      pool = emptyPool();
      this.pools.set(key, pool);
    }
    return pool;
  }

  add(facts: Pick<CaseFacts, 'receivedOn' | 'resolvedOn' | 'topics' | 'firstAnswerDays' | 'withinTarget'>): void {
    const codes = new Set(this.topics.map((topic) => topic.code));
    const topics = facts.topics.filter((topic) => codes.has(topic));
    if (topics.length === 0) return;
    const received = facts.receivedOn.slice(0, 7);
    if (this.firstMonth === null || received < this.firstMonth) this.firstMonth = received;
    for (const topic of topics) {
      const pool = this.pool(received, topic);
      pool.received += 1;
      if (facts.firstAnswerDays !== null) pool.firstAnswerDays.push(facts.firstAnswerDays);
      pool.withinTarget.push(facts.withinTarget);
      if (facts.resolvedOn !== null) this.pool(facts.resolvedOn.slice(0, 7), topic).resolved += 1;
    }
  }

  /** The figures from the first month with a case to the month of `generatedAt`. */
  build(generatedAt: Date, lastMonth: string): PublicFigures {
    const months: string[] = [];
    if (this.firstMonth !== null) {
      for (let month = this.firstMonth; month <= lastMonth; month = nextMonth(month)) months.push(month);
    }
    const codes = this.topics.map((topic) => topic.code);
    const pools = months.map((month) => codes.map((code) => this.pools.get(`${month} ${code}`) ?? emptyPool()));
    const hiddenReceived = suppressionPattern(pools.map((row) => row.map((pool) => pool.received)));
    const hiddenResolved = suppressionPattern(pools.map((row) => row.map((pool) => pool.resolved)));

    const cell = (r: number, c: number, pool: Pool): PublicCell => {
      const receivedHidden = hiddenReceived[r]?.[c] === true;
      return {
        month: months[r] ?? ALL,
        topic: codes[c] ?? ALL,
        received: receivedHidden ? null : pool.received,
        resolved: hiddenResolved[r]?.[c] === true ? null : pool.resolved,
        // Figures about the cases received are withheld with their count.
        medianFirstAnswerDays: receivedHidden ? null : publicMedian(pool),
        withinTarget: receivedHidden ? null : publicShare(pool),
      };
    };
    const cells: PublicCell[] = [];
    months.forEach((_, r) => {
      const row = pools[r] ?? [];
      row.forEach((pool, c) => cells.push(cell(r, c, pool)));
      cells.push(cell(r, codes.length, merge(row)));
    });
    codes.forEach((_, c) => cells.push(cell(months.length, c, merge(pools.map((row) => row[c] ?? emptyPool())))));
    cells.push(cell(months.length, codes.length, merge(pools.flat())));
    return { generatedAt: generatedAt.toISOString(), suppressionThreshold: SUPPRESSION_THRESHOLD, months, topics: [...this.topics], cells };
  }
}

function nextMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const index = Number(month.slice(5, 7));
  return index === 12 ? `${year + 1}-01` : `${year}-${String(index + 1).padStart(2, '0')}`;
}
