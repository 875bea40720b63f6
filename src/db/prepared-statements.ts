import pg from 'pg';

// PostgreSQL parses and plans every statement it is sent unless the statement is prepared.
// The service's hot statements (a claim's lock and save, an intake) are large CTEs whose
// planning costs more than running them (measured with pg_stat_statements.track_planning:
// 2.1 ms to plan a case change, 1.4 ms to run it). A prepared statement is parsed once per
// connection, and after five runs PostgreSQL keeps a generic plan when it is no worse.
//
// Kysely sends text and parameters; the same query shape always compiles to the same
// text, so the text names the statement. Texts seen only once (migrations, a batch with an
// unusual number of rows) are not prepared, and there is a ceiling, so that a query
// whose text varies without end cannot fill every connection with statements.

/** How often a text must have been sent before it is prepared. */
const PREPARE_AFTER = 2;
/** At most this many statements per connection. */
const MAX_PREPARED = 500;
/** Texts counted while waiting to be seen again; the count starts over when full. */
const MAX_COUNTED = 5000;

/** Statement names, shared by every connection of the process (a name always means one text). */
export class StatementNames {
  readonly #names = new Map<string, string>();
  readonly #seen = new Map<string, number>();
  readonly #refused = new Set<string>();

  /** The name to prepare this text under, or undefined to send it unprepared. */
  nameOf(text: string): string | undefined {
    const name = this.#names.get(text);
    if (name !== undefined) return name;
    if (this.#names.size >= MAX_PREPARED || this.#refused.has(text)) return undefined;
    const seen = (this.#seen.get(text) ?? 0) + 1;
    if (seen < PREPARE_AFTER) {
      if (this.#seen.size >= MAX_COUNTED) this.#seen.clear();
      this.#seen.set(text, seen);
      return undefined;
    }
    this.#seen.delete(text);
    const fresh = `one_entry_${this.#names.size + 1}`;
    this.#names.set(text, fresh);
    return fresh;
  }

  /**
   * Never prepares this text again. A prepared statement whose result columns change
   * under it (a migration added a column to a table it selects all of) fails with
   * "cached plan must not change result type"; sent unprepared, it is planned afresh.
   */
  refuse(text: string): void {
    this.#names.delete(text);
    this.#refused.add(text);
  }

  get size(): number {
    return this.#names.size;
  }
}

/** SQLSTATE feature_not_supported, which PostgreSQL raises for a prepared statement whose result type changed. */
const CACHED_PLAN_CHANGED = '0A000';

/**
 * A pg client that prepares the statements it is sent repeatedly: a query given as text
 * with parameters (how Kysely sends every query) goes out under its text's name.
 */
export function preparingClient(names: StatementNames): typeof pg.Client {
  class PreparingClient extends pg.Client {
    // pg's query() has many overloads; only the (text, values) form without a callback is
    // rewritten, every other call passes through unchanged.
    override query(...args: unknown[]): never {
      const [text, values, callback] = args;
      const name = typeof text === 'string' && Array.isArray(values) && values.length > 0 && callback === undefined ? names.nameOf(text) : undefined;
      if (name === undefined) return (super.query as (...a: unknown[]) => never)(...args);
      const sent = (super.query as (config: pg.QueryConfig) => Promise<unknown>)({ name, text: text as string, values: values as unknown[] });
      return sent.catch((error: unknown) => {
        if ((error as { code?: string }).code === CACHED_PLAN_CHANGED) names.refuse(text as string);
        throw error;
      }) as never;
    }
  }
  return PreparingClient;
}
