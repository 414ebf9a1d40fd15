import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { Errors } from '../errors.ts';

/** Readable cookie holding the CSRF token for the browser's session. */
export const CSRF_COOKIE = 'draftroom_csrf';
/** Header in which the browser echoes it on every change. */
export const CSRF_HEADER = 'x-csrf-token';

/** Methods that change state, which a foreign page could send with the browser's cookie. */
export const UNSAFE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Routes that change state without a session to protect. */
const EXEMPT_PATHS: ReadonlySet<string> = new Set(['/api/auth/login']);

/**
 * The CSRF token of a session: derived from the secret session token, so it needs no storage,
 * changes with every session and cannot be guessed by another site.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`draftroom-csrf:${sessionToken}`).digest('base64url');
}

/**
 * Refuses (403 `ERR_CSRF`) a state-changing request authenticated by the session cookie
 * unless it carries the session's CSRF token in `x-csrf-token` (the double-submit pattern,
 * bound to the session). Requests with a bearer token carry no ambient authority and pass.
 */
export function checkCsrf(request: FastifyRequest, sessionCookie: string | undefined): void {
  if (!UNSAFE_METHODS.has(request.method)) return;
  if (EXEMPT_PATHS.has(request.url.split('?')[0] ?? '')) return;
  if (typeof request.headers.authorization === 'string' && request.headers.authorization.startsWith('Bearer ')) return;
  if (!sessionCookie) return; // unauthenticated: the route's own guard answers 401
  const sent = request.headers[CSRF_HEADER];
  const expected = Buffer.from(csrfTokenFor(sessionCookie));
  const given = Buffer.from(typeof sent === 'string' ? sent : '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new Errors.Csrf();
}
