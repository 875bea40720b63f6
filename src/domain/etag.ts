/**
 * Entity tags for optimistic concurrency on a case. The tag is the case's revision, which
 * every change bumps. Comparison is the strong one RFC 9110 prescribes for If-Match, so a
 * weak tag (W/"…") never matches.
 */
export function formatEtag(revision: number): string {
  return `"${revision}"`;
}

export type IfMatch = { any: true } | { any: false; strongTags: string[] };

const ENTITY_TAG = /\s*(W\/)?("[\x21\x23-\x7E\x80-\xFF]*")\s*(?:,|$)/y;

/** The entity tags of an If-Match header (`*` for any), or null when it is malformed. */
export function parseIfMatch(header: string): IfMatch | null {
  if (header.trim() === '*') return { any: true };
  const strongTags: string[] = [];
  let tags = 0;
  ENTITY_TAG.lastIndex = 0;
  while (ENTITY_TAG.lastIndex < header.length) {
    const match = ENTITY_TAG.exec(header);
    if (!match?.[2]) return null;
    tags += 1;
    if (!match[1]) strongTags.push(match[2]);
  }
  return tags > 0 ? { any: false, strongTags } : null;
}

/** Whether an If-Match header lets a change to this revision through. */
export function ifMatchSatisfied(ifMatch: IfMatch, revision: number): boolean {
  return ifMatch.any || ifMatch.strongTags.includes(formatEtag(revision));
}
