import type { Node as PMNode, NodeType } from 'prosemirror-model';
import { outlineSchema } from './schema.ts';

/**
 * Builds table nodes of the outline schema from plain cell texts, for the editor's
 * "insert table" command, Word import and tests. Ids are left null unless a generator is
 * given: the editor's block-id plugin (or the caller) assigns them.
 */

/** How to build a table. */
export interface TableBuildOptions {
  /** The first row is made of header cells (`table_header`). */
  headerRow?: boolean;
  /** Gives every table, row, cell and cell paragraph an id; null ids when absent. */
  newId?: () => string;
}

function nodeType(name: string): NodeType {
  const type = outlineSchema.nodes[name];
  if (!type) throw new Error(`the outline schema has no ${name} node`);
  return type;
}

/**
 * A `table` whose rows hold the given texts, one paragraph per cell (text NFC-normalised,
 * empty text gives an empty paragraph). Short rows are padded with empty cells to the
 * widest row, so the table is always rectangular. Throws when `rows` is empty.
 */
export function buildTable(rows: readonly (readonly string[])[], options: TableBuildOptions = {}): PMNode {
  if (rows.length === 0) throw new Error('a table needs at least one row');
  const width = Math.max(1, ...rows.map((row) => row.length));
  const id = (): string | null => options.newId?.() ?? null;
  const built = rows.map((row, rowIndex) => {
    const cellType = options.headerRow === true && rowIndex === 0 ? nodeType('table_header') : nodeType('table_cell');
    const cells: PMNode[] = [];
    for (let column = 0; column < width; column++) {
      const text = (row[column] ?? '').normalize('NFC');
      const paragraph = nodeType('paragraph').create({ id: id() }, text === '' ? [] : [outlineSchema.text(text)]);
      cells.push(cellType.create({ id: id() }, paragraph));
    }
    return nodeType('table_row').create({ id: id() }, cells);
  });
  return nodeType('table').create({ id: id() }, built);
}

/** An empty `rows`×`columns` table (both at least 1), optionally with a header row. */
export function emptyTable(rowCount: number, columnCount: number, options: TableBuildOptions = {}): PMNode {
  const rows = Math.max(1, Math.floor(rowCount));
  const columns = Math.max(1, Math.floor(columnCount));
  return buildTable(
    Array.from({ length: rows }, () => Array.from({ length: columns }, () => '')),
    options,
  );
}
