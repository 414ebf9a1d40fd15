import type { FastifyRequest } from 'fastify';

/** Masks secrets in a URL for the logs: the `token` query parameter of WebSocket URLs. */
export function redactUrl(url: string): string {
  return url.replace(/([?&]token=)[^&#]*/gi, '$1[redacted]');
}

/** Request log lines without secrets (no token, no cookie, no authorization header). */
export function serializeRequest(request: FastifyRequest): Record<string, unknown> {
  return { method: request.method, url: redactUrl(request.url), host: request.host, remoteAddress: request.ip };
}
