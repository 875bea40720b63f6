import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../domain/keyset-cursor.js';
import { ValidationError } from '../errors.js';

/**
 * Keyset pagination for every listing: queries fetch one row more than the page holds,
 * which tells whether a next page exists without counting; the cursor carries the sort
 * keys of the page's last row.
 */

/** The `cursor` query parameter's payload; a cursor that is not this listing's is a 400. */
export function readCursor<T>(cursor: string | undefined, schema: z.ZodType<T>, accept: (payload: T) => boolean = () => true): T | undefined {
  if (cursor === undefined) return undefined;
  const payload = decodeCursor(cursor, schema);
  if (payload === null || !accept(payload)) {
    throw new ValidationError([{ path: 'query.cursor', message: 'Not a cursor of this listing: keep the same filters and order' }]);
  }
  return payload;
}

/** The page out of `limit + 1` fetched rows, and the cursor of the next page (null on the last). */
export function pageOf<T>(rows: readonly T[], limit: number, keysOf: (last: T) => object): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keysOf(last)) : null };
}

/** The query parameters of a keyset-paginated listing, to spread into its querystring schema. */
export function pageQueryFields(defaultLimit: number) {
  return {
    limit: z.coerce.number().int().min(1).max(100).default(defaultLimit).describe('Page size, at most 100'),
    cursor: z.string().max(500).optional().describe('`nextCursor` of the previous page'),
  };
}

/** A page of a listing: `{ items, nextCursor }`. */
export function pageSchema<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      items: z.array(item),
      nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
    })
    .meta({ id });
}
