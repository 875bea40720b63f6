/** A fixed-size set of rule indexes as 32-bit words: the unit the compiled routing table computes with. */
export type RuleBitset = Uint32Array;

export function emptyBitset(size: number): RuleBitset {
  return new Uint32Array(Math.ceil(size / 32));
}

export function addTo(set: RuleBitset, index: number): void {
  set[index >>> 5] = ((set[index >>> 5] as number) | (1 << (index & 31))) >>> 0;
}

/** target |= source */
export function orInto(target: RuleBitset, source: RuleBitset): void {
  for (let word = 0; word < target.length; word++) target[word] = ((target[word] as number) | (source[word] as number)) >>> 0;
}

/** target &= source */
export function andInto(target: RuleBitset, source: RuleBitset): void {
  for (let word = 0; word < target.length; word++) target[word] = ((target[word] as number) & (source[word] as number)) >>> 0;
}

/** Calls `visit` with every index in the set, in ascending order. */
export function forEachIndex(set: RuleBitset, visit: (index: number) => void): void {
  for (let word = 0; word < set.length; word++) {
    let bits = set[word] as number;
    while (bits !== 0) {
      const lowest = bits & -bits;
      visit(word * 32 + 31 - Math.clz32(lowest));
      bits ^= lowest;
    }
  }
}
