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
  | { name: 'rounds'; documentId: string }
  | { name: 'round'; documentId: string; roundId: string }
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
 * `/documents/:id/audit`, `/documents/:id/review`, `/documents/:id/revisions`, `/documents/:id/revisions/:revisionId`,
 * `/documents/:id/rounds`, `/documents/:id/rounds/:roundId`
 * and `/documents/:id/compare` (its `from` and `to` are in the query, see `parseCompareRefs`);
 * a trailing slash is accepted. Anything else, including a segment that is not valid
 * percent-encoding, is not found.
 */
export function parseRoute(pathname: string): Route {
  for (const [pattern, route] of FIXED) if (pattern.test(pathname)) return route;
  const match = /^\/documents\/([^/]+)(?:\/(audit|review|revisions|compare|rounds)(?:\/([^/]+))?)?\/?$/.exec(pathname);
  if (!match?.[1]) return { name: 'not-found' };
  const documentId = decodeSegment(match[1]);
  if (documentId === null) return { name: 'not-found' };
  const [, , page, child] = match;
  if (child !== undefined && page === 'rounds') {
    const roundId = decodeSegment(child);
    return roundId === null ? { name: 'not-found' } : { name: 'round', documentId, roundId };
  }
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
    case 'rounds':
      return { name: 'rounds', documentId };
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

/** Path of a document's consultation rounds (list, and the form that opens one). */
export function roundsPath(id: string): string {
  return `${documentPath(id)}/rounds`;
}

/** Path of one consultation round: its details and dashboard. */
export function roundPath(id: string, roundId: string): string {
  return `${roundsPath(id)}/${encodeURIComponent(roundId)}`;
}

/** Filters the review desk opens with, from a dashboard: a round, an organisation, a section, a status. */
export interface ReviewFilterQuery {
  round?: string;
  organization?: string;
  section?: string;
  status?: string;
}

/** Path of the review desk opened with `filters` in its query string (see `parseReviewFilters`). */
export function reviewFilteredPath(id: string, filters: ReviewFilterQuery): string {
  const query = new URLSearchParams(Object.entries(filters).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''));
  const text = query.toString();
  return text === '' ? reviewPath(id) : `${reviewPath(id)}?${text}`;
}

/** The review desk's filters named in its query string (`?round=…&organization=…&section=…&status=…`); absent ones are left out. */
export function parseReviewFilters(search: string): ReviewFilterQuery {
  const query = new URLSearchParams(search);
  const filters: ReviewFilterQuery = {};
  for (const name of ['round', 'organization', 'section', 'status'] as const) {
    const value = query.get(name)?.trim() ?? '';
    if (value !== '') filters[name] = value;
  }
  return filters;
}
