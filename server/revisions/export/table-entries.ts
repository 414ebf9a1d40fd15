import { groupTableRuns, rowStatus, type DisplayRun } from '../../../document-model/table-runs.ts';
import type { ExportEntry } from './old-places.ts';

/**
 * The paragraphs of an export with table cells laid out as their tables again (see
 * `groupTableRuns`). A moved cell (a row moved within its table) is shown at its new place
 * only, with its note: a second copy of it at its old place would land in the same table row.
 */
export function exportRuns(entries: readonly ExportEntry[]): DisplayRun<ExportEntry>[] {
  const shown = entries.filter((entry) => !(entry.place === 'old' && entry.block.cell !== undefined));
  return groupTableRuns(shown, (entry) => entry.block.cell);
}

/** `added` / `removed` for a row whose every cell was added / removed, else null. */
export function exportRowStatus(entries: readonly ExportEntry[]): 'added' | 'removed' | null {
  return rowStatus(entries.map((entry) => entry.block.status));
}
