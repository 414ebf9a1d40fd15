import { csrfHeaders } from './csrf.ts';
import { LOGIN_PATH, loginPathFor } from './return-path.ts';

/**
 * The one way the client talks HTTP to the server: JSON in, JSON out, errors as
 * `ApiError` carrying the server's stable `code`. Every state-changing request carries the
 * CSRF token. A 401 anywhere except the login call sends the browser to `/login`, because
 * the session is gone.
 */

/** An HTTP error answered by the API (or a network failure, with status 0). */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    /** HTTP status, or 0 when the server could not be reached. */
    readonly status: number,
    /** The server's stable error code, e.g. `ERR_INVALID_CREDENTIALS`; `ERR_NETWORK` for status 0. */
    readonly code: string,
    message: string,
    /** Seconds after which a retry may succeed (the `Retry-After` of a 429 or 503), or null. */
    readonly retryAfterSeconds: number | null = null,
    /** The `error` object of the answer as sent (it may carry more than code and message, e.g. `current`). */
    readonly detail: unknown = null,
  ) {
    super(message);
  }
}

/** Options of one request. */
export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON when present. */
  body?: unknown;
  /** Sent as it is, with its own media type (a file upload), when present instead of `body`. */
  raw?: { type: string; data: Blob };
  /** When false, a 401 is returned as an ApiError instead of redirecting to /login. */
  redirectOnUnauthorized?: boolean;
}

/**
 * Performs a request and narrows the JSON answer with `parse`. Resolves only for 2xx.
 * A 204 or empty body is passed to `parse` as `undefined`. Unsafe methods send the
 * `x-csrf-token` header read from the `draftroom_csrf` cookie.
 */
export async function apiRequest<T>(path: string, parse: (body: unknown) => T, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', ...csrfHeaders(method, document.cookie) };
  const init: RequestInit = { method, credentials: 'same-origin', headers };
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  } else if (options.raw !== undefined) {
    headers['content-type'] = options.raw.type;
    init.body = options.raw.data;
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    throw new ApiError(0, 'ERR_NETWORK', error instanceof Error ? error.message : String(error));
  }
  const body = await readJson(response);
  if (!response.ok) {
    const error = toApiError(response.status, body, Number(response.headers.get('retry-after')) || null);
    if (response.status === 401 && options.redirectOnUnauthorized !== false) redirectToLogin();
    throw error;
  }
  return parse(body);
}

/**
 * Navigates to the login page unless already there, remembering the page to come back to;
 * forms keeping drafts (`ui/draft-keeper.ts`) have saved what was typed.
 */
export function redirectToLogin(): void {
  if (location.pathname !== LOGIN_PATH) location.assign(loginPathFor(location));
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function toApiError(status: number, body: unknown, retryAfterSeconds: number | null): ApiError {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const error: unknown = body.error;
    if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
      const message = 'message' in error && typeof error.message === 'string' ? error.message : error.code;
      return new ApiError(status, error.code, message, retryAfterSeconds, error);
    }
  }
  return new ApiError(status, `HTTP_${status}`, `HTTP ${status}`);
}
