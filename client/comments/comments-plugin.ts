import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view';
import { ySyncPluginKey } from 'y-prosemirror';
import type { ThreadAnchor } from '../api/comment-records.ts';
import { decodeAnchor, resolveAnchors, type DecodedAnchor, type DocRange } from './anchor-resolve.ts';

/** State of the comments plugin: the anchors, where they are now, and the highlights. */
export interface CommentsState {
  anchors: readonly DecodedAnchor[];
  /** Current range of every thread whose passage resolves; missing ids are orphaned (or not resolved yet). */
  ranges: ReadonlyMap<string, DocRange>;
  /** False until the editor was bound to Yjs and the anchors were resolved once. */
  resolved: boolean;
  activeId: string | null;
  decorations: DecorationSet;
  /** True after a local edit was only mapped; the view resolves the anchors again right after. */
  stale: boolean;
}

/** What the page changes through transactions' meta of `commentsPluginKey`. */
export type CommentsAction =
  | { type: 'setThreads'; threads: ReadonlyArray<{ id: string; anchor: ThreadAnchor | null }> }
  | { type: 'activate'; id: string | null }
  | { type: 'refresh' };

/** Options of `commentsPlugin`. */
export interface CommentsPluginOptions {
  /** Called when a highlight is clicked, with its thread id (the innermost one where highlights overlap). */
  onActivate(threadId: string): void;
}

/** Key of the comments plugin; `commentsPluginKey.getState(state)` gives the ranges. */
export const commentsPluginKey = new PluginKey<CommentsState>('draftroom-comments');

/** Sets the threads to highlight (their anchors are decoded once here). */
export function setThreadsMeta(tr: Transaction, threads: ReadonlyArray<{ id: string; anchor: ThreadAnchor | null }>): Transaction {
  const action: CommentsAction = { type: 'setThreads', threads };
  return tr.setMeta(commentsPluginKey, action);
}

/** Makes `id` the active thread (stronger highlight); null for none. */
export function activateMeta(tr: Transaction, id: string | null): Transaction {
  const action: CommentsAction = { type: 'activate', id };
  return tr.setMeta(commentsPluginKey, action);
}

function isAction(value: unknown): value is CommentsAction {
  return typeof value === 'object' && value !== null && 'type' in value && typeof value.type === 'string';
}

/** Inline highlights for `ranges`; the active thread's gets `comment-highlight--active`. */
function decorate(state: EditorState, ranges: ReadonlyMap<string, DocRange>, activeId: string | null): DecorationSet {
  const decorations: Decoration[] = [];
  for (const [id, { from, to }] of ranges) {
    const className = id === activeId ? 'comment-highlight comment-highlight--active' : 'comment-highlight';
    decorations.push(Decoration.inline(from, to, { class: className, 'data-thread-id': id }, { threadId: id }));
  }
  return DecorationSet.create(state.doc, decorations);
}

/** Resolves `anchors` against `state` into a full plugin state. */
function compute(state: EditorState, anchors: readonly DecodedAnchor[], activeId: string | null): CommentsState {
  const ranges = resolveAnchors(state, anchors);
  const found = ranges ?? new Map<string, DocRange>();
  return { anchors, ranges: found, resolved: ranges !== null, activeId, decorations: decorate(state, found, activeId), stale: false };
}

/** Maps ranges through a local change; ranges that collapse are dropped. */
function mapRanges(tr: Transaction, ranges: ReadonlyMap<string, DocRange>): Map<string, DocRange> {
  const mapped = new Map<string, DocRange>();
  for (const [id, range] of ranges) {
    const from = tr.mapping.map(range.from, 1);
    const to = tr.mapping.map(range.to, -1);
    if (to > from) mapped.set(id, { from, to });
  }
  return mapped;
}

/**
 * Comment highlights in the editor. Each thread's anchor (two base64 Yjs relative
 * positions) is resolved with y-prosemirror against the current document whenever it
 * changes through Yjs (remote edits, the first sync) or the threads change; a local edit is
 * mapped at once and resolved again right after y-prosemirror has written it to Yjs, so
 * highlights follow everyone's edits. Passages that were deleted or collapsed to nothing
 * get no highlight. Highlights are inline decorations with class `comment-highlight` and
 * `data-thread-id`; clicking one calls `onActivate`. Selection-only transactions keep the
 * state as it is.
 */
export function commentsPlugin(options: CommentsPluginOptions): Plugin<CommentsState> {
  return new Plugin<CommentsState>({
    key: commentsPluginKey,
    state: {
      init: (_config, state) => compute(state, [], null),
      apply(tr, previous, _oldState, newState) {
        const meta: unknown = tr.getMeta(commentsPluginKey);
        const action = isAction(meta) ? meta : null;
        if (action?.type === 'setThreads') {
          const anchors = action.threads.map((thread) => decodeAnchor(thread.id, thread.anchor)).filter((anchor): anchor is DecodedAnchor => anchor !== null);
          return compute(newState, anchors, previous.activeId);
        }
        if (action?.type === 'activate') {
          return { ...previous, activeId: action.id, decorations: decorate(newState, previous.ranges, action.id) };
        }
        // y-prosemirror marks every transaction that mirrors Yjs (remote edits, first render).
        if (action?.type === 'refresh' || tr.getMeta(ySyncPluginKey) !== undefined) return compute(newState, previous.anchors, previous.activeId);
        if (!tr.docChanged) return previous;
        const ranges = mapRanges(tr, previous.ranges);
        return { ...previous, ranges, decorations: decorate(newState, ranges, previous.activeId), stale: previous.anchors.length > 0 };
      },
    },
    props: {
      decorations: (state) => commentsPluginKey.getState(state)?.decorations ?? null,
      handleClick(_view, _pos, event) {
        const target = event.target instanceof Element ? event.target.closest<HTMLElement>('.comment-highlight[data-thread-id]') : null;
        const id = target?.dataset.threadId;
        if (id !== undefined) options.onActivate(id);
        // The click still places the cursor (or keeps a selection) as usual.
        return false;
      },
    },
    view: () => {
      let scheduled = false;
      let destroyed = false;
      return {
        update(view: EditorView) {
          if (scheduled || commentsPluginKey.getState(view.state)?.stale !== true) return;
          // y-prosemirror writes a local edit to Yjs in its own view update; resolve again after it.
          scheduled = true;
          queueMicrotask(() => {
            scheduled = false;
            if (destroyed) return;
            const action: CommentsAction = { type: 'refresh' };
            view.dispatch(view.state.tr.setMeta(commentsPluginKey, action));
          });
        },
        destroy() {
          destroyed = true;
        },
      };
    },
  });
}
