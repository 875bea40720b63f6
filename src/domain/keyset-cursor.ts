import type { z } from 'zod';

/**
 * Opaque page cursors for keyset pagination. A cursor carries the sort keys of the last
 * row of a page (and whatever the query needs to check that it belongs to it); clients
 * treat it as an opaque string. Base64url JSON rather than encryption: the keys are
 * values the caller has already seen, and a tampered cursor only fails its schema.
 */
export function encodeCursor(payload: object): string {
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/** The cursor's payload, or null when it is not one of ours. */
export function decodeCursor<T>(cursor: string, schema: z.ZodType<T>): T | null {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : null;
}
