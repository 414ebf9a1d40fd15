import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { findNonNfcText, isNfc, normalizeSlice, replaceWithNfc } from './nfc.ts';
import { isRemoteSync } from './block-ids-plugin.ts';

/** Ranges (final-document positions) touched by local edits and not yet checked for NFC. */
export type PendingRanges = ReadonlyArray<readonly [number, number]>;

const NONE: PendingRanges = [];

/** Key of the NFC plugin; its state is the pending ranges; its fixes carry meta `'fix'`. */
export const nfcPluginKey = new PluginKey<PendingRanges>('draftroom-nfc');

/**
 * Keeps text in NFC. Typed and pasted text is normalised on the way in; anything else
 * that reaches the document through the DOM (IME composition, autocorrect, drag and
 * drop) is recorded as a pending range and normalised by a guard once no composition is
 * running — changing text under an active Vietnamese IME would break the composition.
 * Only local edits are checked: remote text was normalised by its author, and two
 * clients rewriting the same remote text at once would duplicate it.
 */
export function nfcPlugin(): Plugin<PendingRanges> {
  return new Plugin<PendingRanges>({
    key: nfcPluginKey,
    state: {
      init: () => NONE,
      apply: (tr, pending) => nextPending(tr, pending),
    },
    props: {
      transformPastedText: (text) => text.normalize('NFC'),
      transformPasted: (slice) => normalizeSlice(slice),
      handleTextInput(view, from, to, text) {
        if (view.composing || isNfc(text)) return false;
        view.dispatch(view.state.tr.insertText(text.normalize('NFC'), from, to));
        return true;
      },
      handleDOMEvents: {
        compositionend(view) {
          // The composed text lands after this event; check once the view has read it.
          setTimeout(() => normalizePending(view), 0);
          return false;
        },
      },
    },
    view: () => ({
      update(view, previous) {
        const pending = nfcPluginKey.getState(view.state) ?? NONE;
        if (pending.length > 0 && pending !== nfcPluginKey.getState(previous) && !view.composing) {
          // Dispatching from inside an update is not allowed; run right after it.
          queueMicrotask(() => normalizePending(view));
        }
      },
    }),
  });
}

/**
 * Maps pending ranges through `tr`, adds what a local edit in it changed, and keeps only
 * ranges that really hold non-NFC text (so the usual keystroke leaves the state as is).
 */
export function nextPending(tr: Transaction, pending: PendingRanges): PendingRanges {
  if (tr.getMeta(nfcPluginKey) === 'fix') return NONE;
  if (!tr.docChanged) return pending;
  const mapped: Array<readonly [number, number]> = pending.map(([from, to]) => [tr.mapping.map(from, -1), tr.mapping.map(to, 1)]);
  if (!isRemoteSync(tr)) {
    tr.mapping.maps.forEach((map, index) => {
      const rest = tr.mapping.slice(index + 1);
      map.forEach((_oldStart, _oldEnd, newStart, newEnd) => {
        mapped.push([rest.map(newStart, -1), rest.map(newEnd, 1)]);
      });
    });
  }
  const dirty = mapped.filter(([from, to]) => findNonNfcText(tr.doc, from, to).length > 0);
  return dirty.length === 0 && pending.length === 0 ? pending : dirty;
}

/** A transaction that normalises the text in the pending ranges of `state`, or null if all is NFC. */
export function nfcFixTransaction(state: EditorState): Transaction | null {
  const pending = nfcPluginKey.getState(state) ?? [];
  if (pending.length === 0) return null;
  const seen = new Set<number>();
  const texts = pending
    .flatMap(([from, to]) => findNonNfcText(state.doc, from, to))
    .filter((text) => !seen.has(text.from) && seen.add(text.from))
    .sort((a, b) => a.from - b.from);
  const tr = state.tr.setMeta(nfcPluginKey, 'fix');
  replaceWithNfc(tr, texts);
  // Without replacements the transaction still clears the pending ranges.
  return tr;
}

function normalizePending(view: EditorView): void {
  if (view.isDestroyed || view.composing) return;
  const tr = nfcFixTransaction(view.state);
  if (tr) view.dispatch(tr);
}
