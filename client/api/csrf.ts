/**
 * The double-submit CSRF token: at sign-in the server sets the readable cookie
 * `draftroom_csrf`, and every state-changing request must echo it in `x-csrf-token`.
 * Pure functions of the cookie string, so they are testable without a browser.
 */

/** Name of the readable cookie holding the session's CSRF token. */
export const CSRF_COOKIE = 'draftroom_csrf';

/** Header that must carry the token on POST, PUT, PATCH and DELETE. */
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The value of cookie `name` in a `document.cookie` string (`a=1; b=2`), percent-decoded;
 * null when absent. A value that is not valid percent-encoding is returned as it is.
 */
export function readCookie(cookieString: string, name: string): string | null {
  for (const part of cookieString.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0 || part.slice(0, separator).trim() !== name) continue;
    const raw = part.slice(separator + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return null;
}

/**
 * Headers that a request with `method` needs for CSRF protection: `{x-csrf-token}` for
 * unsafe methods when the cookie is there, nothing otherwise (safe methods need none, and
 * without the cookie there is no cookie session for the server to protect).
 */
export function csrfHeaders(method: string, cookieString: string): Record<string, string> {
  if (SAFE_METHODS.has(method.toUpperCase())) return {};
  const token = readCookie(cookieString, CSRF_COOKIE);
  return token === null || token === '' ? {} : { [CSRF_HEADER]: token };
}
