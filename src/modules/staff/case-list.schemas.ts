import { z } from 'zod';
import { LANGUAGES } from '../../pages/messages.js';
import { CASE_LIST_FILTERS, type CaseListFilterValues } from './case-list.service.js';

// The case list's address never fails validation here: the filters are checked by the
// API's own schema in the service, so a malformed one is shown beside its field on the
// page rather than answered with an error page.

/** A filter as a form sends it: a repeated parameter counts once; an empty field means no filter. */
const filterValue = z.preprocess((value) => {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first.trim() !== '' ? first : undefined;
}, z.string().optional());

export const caseListPageQuerySchema = z
  .object({
    lang: z.enum(LANGUAGES).catch('da'),
    /** Which page of the walk this is, only to say so; the cursor decides what is shown. */
    page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
    ...Object.fromEntries(CASE_LIST_FILTERS.map((filter) => [filter, filterValue])),
  })
  .transform(({ lang, page, ...rest }) => {
    const filters: CaseListFilterValues = {};
    for (const filter of CASE_LIST_FILTERS) {
      const value = (rest as Record<string, string | undefined>)[filter];
      if (value !== undefined) filters[filter] = value;
    }
    return { lang, page, filters };
  });
