/** A page the router can show, parsed from `location.pathname`. */
export type Route = { name: 'login' } | { name: 'documents' } | { name: 'editor'; documentId: string } | { name: 'not-found' };

/** Maps a pathname to a route: `/login`, `/`, `/documents/:id`; anything else is not found. */
export function parseRoute(pathname: string): Route {
  if (pathname === '/login' || pathname === '/login/') return { name: 'login' };
  if (pathname === '/' || pathname === '/documents' || pathname === '/documents/') return { name: 'documents' };
  const match = /^\/documents\/([^/]+)\/?$/.exec(pathname);
  if (match?.[1]) {
    try {
      return { name: 'editor', documentId: decodeURIComponent(match[1]) };
    } catch {
      return { name: 'not-found' };
    }
  }
  return { name: 'not-found' };
}
