/**
 * Lays a comparison's table cells out as tables again. A comparison lists every table cell as
 * a unit of its own, in display order, each with the key of its table and row; the views and
 * exports show consecutive cells of one table as one table, row by row. Generic over the item
 * type so the browser views and the server's exports share it.
 */

/** Where a cell stands, as a comparison gives it (see the server's `TableCellPlace`). */
export interface CellPlace {
  table: string;
  row: string;
  header: boolean;
  colspan: number;
  rowspan: number;
}

/** One row of a laid-out table: its key and its cells' items in display order. */
export interface TableRunRow<T> {
  row: string;
  items: T[];
}

/** A run of display items: a block on its own, or a table made of consecutive cells of one table. */
export type DisplayRun<T> = { kind: 'block'; item: T } | { kind: 'table'; table: string; rows: TableRunRow<T>[] };

/**
 * Groups `items` (in display order) into runs: consecutive items whose `placeOf` names the same
 * table form one table run, its rows in the order their first cell appears (a cell whose row
 * already appeared in the run joins that row); every other item is a block run. Never drops or
 * reorders items within a row.
 */
export function groupTableRuns<T>(items: readonly T[], placeOf: (item: T) => CellPlace | null | undefined): DisplayRun<T>[] {
  const runs: DisplayRun<T>[] = [];
  let current: { table: string; rows: TableRunRow<T>[]; byRow: Map<string, TableRunRow<T>> } | null = null;
  for (const item of items) {
    const place = placeOf(item);
    if (!place) {
      current = null;
      runs.push({ kind: 'block', item });
      continue;
    }
    if (current === null || current.table !== place.table) {
      current = { table: place.table, rows: [], byRow: new Map() };
      runs.push({ kind: 'table', table: place.table, rows: current.rows });
    }
    let row = current.byRow.get(place.row);
    if (!row) {
      row = { row: place.row, items: [] };
      current.byRow.set(place.row, row);
      current.rows.push(row);
    }
    row.items.push(item);
  }
  return runs;
}

/**
 * The status of a whole row from its cells' statuses: `added` or `removed` when every cell is,
 * else `null` (the row stayed; its cells say what changed).
 */
export function rowStatus(statuses: readonly string[]): 'added' | 'removed' | null {
  if (statuses.length === 0) return null;
  if (statuses.every((status) => status === 'added')) return 'added';
  if (statuses.every((status) => status === 'removed')) return 'removed';
  return null;
}
