/**
 * An Aho–Corasick automaton over a set of keywords: one pass over a text finds every
 * keyword it contains, however many keywords there are. The routing table compiles all
 * of its keywords into one, so keyword conditions cost the length of the inquiry's text
 * rather than the number of rules times the number of keywords.
 *
 * Works on UTF-16 code units, exactly like `String.prototype.includes`, so it finds the
 * same substrings as the reference engine.
 */
export class KeywordAutomaton {
  /** goto function: per state, next state by code unit. */
  private readonly next: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  /** Keyword ids ending at each state, including those reached through failure links. */
  private readonly outputs: number[][] = [[]];
  /** Code unit → its class: 0 for every code unit that appears in no keyword. */
  private readonly classOf = new Uint16Array(65536);
  private classCount = 1;
  /** The complete transition function as a dense table: state * classCount + class → state. */
  private delta = new Int32Array(0);
  private hasOutput = new Uint8Array(0);

  constructor(keywords: readonly string[]) {
    keywords.forEach((keyword, id) => this.insert(keyword, id));
    this.linkFailures();
    this.buildTransitionTable();
  }

  get stateCount(): number {
    return this.next.length;
  }

  /**
   * Calls `found(state)` once for each state with outputs that the text passes through;
   * callers precompute what a state means (see `outputsOf`) so a scan allocates nothing.
   */
  scan(text: string, found: (state: number) => void, seen: Uint32Array, stamp: number): void {
    const { classOf, delta, hasOutput, classCount } = this;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      state = delta[state * classCount + (classOf[text.charCodeAt(i)] as number)] as number;
      if (hasOutput[state] === 1 && seen[state] !== stamp) {
        seen[state] = stamp;
        found(state);
      }
    }
  }

  /** The ids of the keywords that end at a state (its own and its suffixes'). */
  outputsOf(state: number): readonly number[] {
    return this.outputs[state] ?? [];
  }

  /** Every keyword id the text contains, in no particular order (for tests and tools). */
  findAll(text: string): Set<number> {
    const ids = new Set<number>();
    this.scan(text, (state) => this.outputsOf(state).forEach((id) => ids.add(id)), new Uint32Array(this.stateCount), 1);
    return ids;
  }

  private insert(keyword: string, id: number): void {
    let state = 0;
    for (let i = 0; i < keyword.length; i++) {
      const code = keyword.charCodeAt(i);
      if (this.classOf[code] === 0) this.classOf[code] = this.classCount++;
      const transitions = this.next[state] as Map<number, number>;
      let target = transitions.get(code);
      if (target === undefined) {
        target = this.next.length;
        this.next.push(new Map());
        this.fail.push(0);
        this.outputs.push([]);
        transitions.set(code, target);
      }
      state = target;
    }
    (this.outputs[state] as number[]).push(id);
  }

  /** Breadth-first, so a state's failure target is complete before its children need it. */
  private linkFailures(): void {
    const queue: number[] = [...(this.next[0] as Map<number, number>).values()];
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head] as number;
      for (const [code, child] of this.next[state] as Map<number, number>) {
        let fallback = this.fail[state] as number;
        while (fallback !== 0 && !this.next[fallback]?.has(code)) fallback = this.fail[fallback] as number;
        const target = this.next[fallback]?.get(code);
        this.fail[child] = target !== undefined && target !== child ? target : 0;
        const inherited = this.outputs[this.fail[child] as number] as number[];
        if (inherited.length > 0) this.outputs[child] = [...(this.outputs[child] as number[]), ...inherited];
        queue.push(child);
      }
    }
  }

  /**
   * Folds the failure links into a dense table, so the scan takes one array read per code
   * unit and never walks failure links. Breadth-first order makes each state's failure
   * target complete before it is copied from.
   */
  private buildTransitionTable(): void {
    const classes = this.classCount;
    const codesByClass = new Uint16Array(classes);
    this.classOf.forEach((cls, code) => {
      if (cls !== 0) codesByClass[cls] = code;
    });
    this.delta = new Int32Array(this.next.length * classes);
    this.hasOutput = new Uint8Array(this.next.length);
    const queue = [0];
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head] as number;
      this.hasOutput[state] = (this.outputs[state] as number[]).length > 0 ? 1 : 0;
      const transitions = this.next[state] as Map<number, number>;
      const failRow = (this.fail[state] as number) * classes;
      for (let cls = 1; cls < classes; cls++) {
        const child = transitions.get(codesByClass[cls] as number);
        this.delta[state * classes + cls] = child ?? (state === 0 ? 0 : (this.delta[failRow + cls] as number));
      }
      queue.push(...transitions.values());
    }
  }
}
