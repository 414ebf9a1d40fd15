/** One page of a list, and the cursor of the next one if any. */
export interface Page<T> {
  items: T[];
  /** Offset of the next item, as a string; undefined on the last page or without `limit`. */
  nextCursor?: string;
}

/**
 * Cuts `items` (already filtered and ordered) to the page starting at `cursor` (an offset
 * given by a previous page) of at most `limit` items (the query's string, see `PageLimit`). Without `limit` the whole list is one
 * page, so callers that send no pagination parameters get the same answer as before.
 */
export function pageOf<T>(items: T[], limit: string | undefined, cursor: string | undefined): Page<T> {
  const start = cursor === undefined ? 0 : Number(cursor);
  if (limit === undefined) return { items: start === 0 ? items : items.slice(start) };
  const end = start + Number(limit);
  return end < items.length ? { items: items.slice(start, end), nextCursor: String(end) } : { items: items.slice(start) };
}
