/** Path of the login page, where every lost session ends up. */
export const LOGIN_PATH = '/login';

/**
 * The login page's address that brings the user back to `current` (path, query and hash of
 * the page they were on) once signed in again: `/login?next=…`. From the list or the login
 * page itself it is plain `/login`.
 */
export function loginPathFor(current: { pathname: string; search: string; hash: string }): string {
  if (current.pathname === LOGIN_PATH || current.pathname === '/') return LOGIN_PATH;
  return `${LOGIN_PATH}?next=${encodeURIComponent(current.pathname + current.search + current.hash)}`;
}

/**
 * Where to go after signing in: the `next` parameter of `search` when it is a path of this
 * site (starting with one `/`, no scheme, no backslash, not the login page), else the list.
 * Anything else is ignored, so a crafted link cannot send the user to another site.
 */
export function nextPathAfterLogin(search: string): string {
  const next = new URLSearchParams(search).get('next');
  if (next === null || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return '/';
  if (/[\u0000-\u001f]/.test(next)) return '/';
  const url = new URL(next, 'http://draftroom.invalid');
  if (url.origin !== 'http://draftroom.invalid' || url.pathname === LOGIN_PATH) return '/';
  return url.pathname + url.search + url.hash;
}
