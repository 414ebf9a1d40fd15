import { Plugin, PluginKey, type Transaction } from 'prosemirror-state';
import { ySyncPluginKey } from 'y-prosemirror';
import { blockIdFixes, isEmptyPlaceholder, randomBlockId, type IdGenerator } from '../../document-model/block-ids.ts';

/** Key of the block-id plugin; its appended transactions carry this meta (value `true`). */
export const blockIdsPluginKey = new PluginKey('draftroom-block-ids');

/** True when `tr` only mirrors the shared Yjs document into the editor (remote change, undo). */
export function isRemoteSync(tr: Transaction): boolean {
  const meta: unknown = tr.getMeta(ySyncPluginKey);
  return typeof meta === 'object' && meta !== null && 'isChangeOrigin' in meta && meta.isChangeOrigin === true;
}

/**
 * Keeps every block id present and unique. After each local document change, blocks
 * without an id, and copies of an id (split, paste, drop), get a fresh one; the original
 * block keeps its id. Only ids occurring twice in the resulting document count as copies, so
 * a move (blocks deleted and re-inserted in one transaction) and the paste of cut blocks keep
 * their ids. Transactions that mirror Yjs into the editor are left alone:
 * every writer assigns ids to its own edits, and fixing remote content on every client
 * at once would make them race (the next local edit repairs anything left over).
 */
export function blockIdsPlugin(generate: IdGenerator = randomBlockId): Plugin {
  return new Plugin({
    key: blockIdsPluginKey,
    appendTransaction(transactions, _oldState, newState) {
      const local = transactions.filter((tr) => tr.docChanged && !isRemoteSync(tr) && tr.getMeta(blockIdsPluginKey) !== true);
      if (local.length === 0 || isEmptyPlaceholder(newState.doc)) return null;
      const changed = changedRanges(transactions);
      const isPreexisting = (pos: number): boolean => !changed.some(([from, to]) => pos >= from && pos < to);
      const fixes = blockIdFixes(newState.doc, isPreexisting, generate);
      if (fixes.length === 0) return null;
      const tr = newState.tr;
      for (const fix of fixes) tr.setNodeAttribute(fix.pos, 'id', fix.id);
      tr.setMeta(blockIdsPluginKey, true);
      return tr;
    },
  });
}

/** Ranges of the final document inserted or replaced by `transactions`, in final positions. */
function changedRanges(transactions: readonly Transaction[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  transactions.forEach((tr, index) => {
    const later = transactions.slice(index + 1);
    tr.mapping.maps.forEach((map, stepIndex) => {
      map.forEach((_oldStart, _oldEnd, newStart, newEnd) => {
        let from = tr.mapping.slice(stepIndex + 1).map(newStart, -1);
        let to = tr.mapping.slice(stepIndex + 1).map(newEnd, 1);
        for (const next of later) {
          from = next.mapping.map(from, -1);
          to = next.mapping.map(to, 1);
        }
        if (to > from) ranges.push([from, to]);
      });
    });
  });
  return ranges;
}
