import type { Lang } from './messages.js';

/**
 * The address of a page with its tracking token and language (Danish, the default, is
 * left out): one way to write it for the pages' own links and for the links in mail.
 */
export function pageHref(pathname: string, params: { token?: string | undefined; lang: Lang }): string {
  const query = new URLSearchParams();
  if (params.token !== undefined) query.set('token', params.token);
  if (params.lang !== 'da') query.set('lang', params.lang);
  const search = query.toString();
  return search ? `${pathname}?${search}` : pathname;
}
