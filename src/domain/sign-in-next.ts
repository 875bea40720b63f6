// Where a browser may be sent after signing in. The address comes from the browser (a
// query parameter carried through the sign-in), so it is an invitation to an open
// redirect: only a path of the staff pages on this origin is kept, in its normalised form.

const BASE = 'http://origin.invalid';

/** The staff path to go to after signing in, or null when `next` is anything else. */
export function safeNextPath(next: unknown): string | null {
  if (typeof next !== 'string' || next.length === 0 || next.length > 500) return null;
  // A path, not a scheme-relative address (`//evil`), and nothing a browser might read
  // as one (`/\evil`) or that hides in control characters.
  if (!next.startsWith('/') || next.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(next)) return null;
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  // Encoded slashes, backslashes and dots stay encoded in a URL's path; a server or proxy
  // that decodes them later might read another path than the one checked here.
  if (/%(2f|5c|2e)/i.test(url.pathname)) return null;
  if (url.pathname !== '/staff' && !url.pathname.startsWith('/staff/')) return null;
  // Never back into the sign-in itself.
  if (url.pathname.startsWith('/staff/sign-in') || url.pathname === '/staff/sign-out') return null;
  return `${url.pathname}${url.search}`;
}
