/** A page the router can show, parsed from `location.pathname`. */
export type Route =
  | { name: 'login' }
  | { name: 'documents' }
  | { name: 'account' }
  | { name: 'admin' }
  | { name: 'editor'; documentId: string }
  | { name: 'audit'; documentId: string }
  | { name: 'not-found' };

const FIXED: ReadonlyArray<[RegExp, Route]> = [
  [/^\/login\/?$/, { name: 'login' }],
  [/^\/(documents\/?)?$/, { name: 'documents' }],
  [/^\/account\/?$/, { name: 'account' }],
  [/^\/admin\/?$/, { name: 'admin' }],
];

/**
 * Maps a pathname to a route: `/login`, `/`, `/account`, `/admin`, `/documents/:id` and
 * `/documents/:id/audit` (a trailing slash is accepted); anything else, including an id
 * that is not valid percent-encoding, is not found.
 */
export function parseRoute(pathname: string): Route {
  for (const [pattern, route] of FIXED) if (pattern.test(pathname)) return route;
  const match = /^\/documents\/([^/]+)(\/audit)?\/?$/.exec(pathname);
  if (match?.[1]) {
    try {
      const documentId = decodeURIComponent(match[1]);
      return match[2] === undefined ? { name: 'editor', documentId } : { name: 'audit', documentId };
    } catch {
      return { name: 'not-found' };
    }
  }
  return { name: 'not-found' };
}

/** Path of a document's editor page. */
export function documentPath(id: string): string {
  return `/documents/${encodeURIComponent(id)}`;
}

/** Path of a document's audit log page. */
export function auditPath(id: string): string {
  return `${documentPath(id)}/audit`;
}
