/** A page the router can show, parsed from `location.pathname`. */
export type Route =
  | { name: 'login' }
  | { name: 'documents' }
  | { name: 'account' }
  | { name: 'admin' }
  | { name: 'editor'; documentId: string }
  | { name: 'audit'; documentId: string }
  | { name: 'review'; documentId: string }
  | { name: 'revisions'; documentId: string }
  | { name: 'revision'; documentId: string; revisionId: string }
  | { name: 'compare'; documentId: string }
  | { name: 'not-found' };

const FIXED: ReadonlyArray<[RegExp, Route]> = [
  [/^\/login\/?$/, { name: 'login' }],
  [/^\/(documents\/?)?$/, { name: 'documents' }],
  [/^\/account\/?$/, { name: 'account' }],
  [/^\/admin\/?$/, { name: 'admin' }],
];

/** Decodes one path segment; null for invalid percent-encoding. */
function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * Maps a pathname to a route: `/login`, `/`, `/account`, `/admin`, `/documents/:id`,
 * `/documents/:id/audit`, `/documents/:id/review`, `/documents/:id/revisions`, `/documents/:id/revisions/:revisionId`
 * and `/documents/:id/compare` (its `from` and `to` are in the query, see `parseCompareRefs`);
 * a trailing slash is accepted. Anything else, including a segment that is not valid
 * percent-encoding, is not found.
 */
export function parseRoute(pathname: string): Route {
  for (const [pattern, route] of FIXED) if (pattern.test(pathname)) return route;
  const match = /^\/documents\/([^/]+)(?:\/(audit|review|revisions|compare)(?:\/([^/]+))?)?\/?$/.exec(pathname);
  if (!match?.[1]) return { name: 'not-found' };
  const documentId = decodeSegment(match[1]);
  if (documentId === null) return { name: 'not-found' };
  const [, , page, child] = match;
  if (child !== undefined) {
    const revisionId = page === 'revisions' ? decodeSegment(child) : null;
    return revisionId === null ? { name: 'not-found' } : { name: 'revision', documentId, revisionId };
  }
  switch (page) {
    case undefined:
      return { name: 'editor', documentId };
    case 'audit':
      return { name: 'audit', documentId };
    case 'review':
      return { name: 'review', documentId };
    case 'revisions':
      return { name: 'revisions', documentId };
    default:
      return { name: 'compare', documentId };
  }
}

/**
 * The two versions named by a compare page's query (`?from=…&to=…`): each a revision id or
 * `current`. A missing or empty side defaults to `current`.
 */
export function parseCompareRefs(search: string): { from: string; to: string } {
  const query = new URLSearchParams(search);
  const side = (name: string): string => {
    const value = query.get(name)?.trim() ?? '';
    return value === '' ? 'current' : value;
  };
  return { from: side('from'), to: side('to') };
}

/** Path of a document's editor page. */
export function documentPath(id: string): string {
  return `/documents/${encodeURIComponent(id)}`;
}

/** Path of a document's audit log page. */
export function auditPath(id: string): string {
  return `${documentPath(id)}/audit`;
}

/** Path of a document's review desk (secretariat). */
export function reviewPath(id: string): string {
  return `${documentPath(id)}/review`;
}

/** Path of a document's revisions page. */
export function revisionsPath(id: string): string {
  return `${documentPath(id)}/revisions`;
}

/** Path of one revision, shown read-only. */
export function revisionPath(id: string, revisionId: string): string {
  return `${revisionsPath(id)}/${encodeURIComponent(revisionId)}`;
}

/** Path of the comparison of two versions (revision ids or `current`). */
export function comparePath(id: string, from: string, to: string): string {
  return `${documentPath(id)}/compare?${new URLSearchParams({ from, to }).toString()}`;
}
