import type { FastifyRequest } from 'fastify';
import { Errors } from '../errors.ts';
import { UNSAFE_METHODS } from './csrf.ts';

/**
 * Which web pages may use a browser's session: the server's own origin (the page's host is
 * the `Host` the request was sent to — with `TRUST_PROXY`, the proxy's `X-Forwarded-Host`)
 * plus the configured `ALLOWED_ORIGINS`. A request without `Origin` did not come from another
 * site's page (browsers always send it on those writes and on WebSocket upgrades), so it passes.
 */
export class OriginPolicy {
  private readonly allowed: ReadonlySet<string>;

  constructor(allowedOrigins: readonly string[]) {
    this.allowed = new Set(allowedOrigins.map((origin) => origin.toLowerCase()));
  }

  /** True when `request` carries no `Origin`, its own host's, or a configured one. */
  allows(request: FastifyRequest): boolean {
    const origin = request.headers.origin;
    if (origin === undefined) return true;
    if (this.allowed.has(origin.toLowerCase())) return true;
    // The scheme is not compared: behind a TLS proxy without TRUST_PROXY the server sees http.
    return hostOf(origin) === request.host.toLowerCase();
  }

  /** Throws 403 `ERR_ORIGIN` unless `allows(request)`. */
  check(request: FastifyRequest): void {
    if (!this.allows(request)) throw new Errors.Origin();
  }
}

/** The lower-cased `host[:port]` of an origin, or null for `null` and anything unparsable. */
function hostOf(origin: string): string | null {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.host.toLowerCase() : null;
  } catch {
    return null;
  }
}

/**
 * True for the requests whose `Origin` must be checked: changes a foreign page could make
 * with the browser's cookie (cookie-authenticated writes), and sign-in, which would plant the
 * foreign page's chosen session. Bearer-token requests carry no ambient credential and pass.
 */
export function needsOriginCheck(request: FastifyRequest, sessionCookie: string | undefined): boolean {
  if (!UNSAFE_METHODS.has(request.method)) return false;
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string' && authorization.startsWith('Bearer ')) return false;
  return (sessionCookie !== undefined && sessionCookie !== '') || request.url.split('?')[0] === '/api/auth/login';
}
