import * as Y from 'yjs';
import { CONTENT_FRAGMENT } from '../../document-model/fragment.ts';
import { Errors } from '../errors.ts';
import { findQuote } from './anchors.ts';
import type { ThreadAnchor } from './schemas.ts';

/** A passage inside one paragraph's text: where it starts and how long it is. */
interface Passage {
  text: Y.XmlText;
  index: number;
  length: number;
}

/** The result of replacing a passage: one Yjs update, and an anchor around the new words. */
export interface PassageEdit {
  /** Everything the replacement changed, as one update for the live document. */
  update: Uint8Array;
  /** The thread's anchor, now around the replacement. */
  anchor: ThreadAnchor;
  /** The passage's text before (NFC). */
  replaced: string;
}

/** Plain text of an XmlText (embeds skipped). */
function plain(text: Y.XmlText): string {
  return (text.toDelta() as Array<{ insert: unknown }>).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
}

function decode(encoded: string, doc: Y.Doc): Y.AbsolutePosition | null {
  try {
    return Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(Buffer.from(encoded, 'base64')), doc);
  } catch {
    return null;
  }
}

/**
 * Where the anchor's passage stands in `doc`: between its relative positions when both are
 * alive and in the same paragraph text, else where its quote is found again (the same rule
 * as the thread list). Null when it is gone or spans several paragraphs.
 */
function locate(doc: Y.Doc, anchor: ThreadAnchor): Passage | null {
  const start = decode(anchor.start, doc);
  const end = decode(anchor.end, doc);
  if (start && end && start.type === end.type && start.type instanceof Y.XmlText && end.index > start.index && start.type._item?.deleted !== true) {
    return { text: start.type, index: start.index, length: end.index - start.index };
  }
  const found = findQuote(doc.getXmlFragment(CONTENT_FRAGMENT), anchor);
  return found && { text: found.text, index: found.index, length: anchor.quote.normalize('NFC').length };
}

/** The formatting of the character at `index` (every mark key, null for those it lacks). */
function formatAt(text: Y.XmlText, index: number): Record<string, unknown> {
  let offset = 0;
  for (const op of text.toDelta() as Array<{ insert: unknown; attributes?: Record<string, unknown> }>) {
    const length = typeof op.insert === 'string' ? op.insert.length : 1;
    if (index < offset + length) return { ...(op.attributes ?? {}) };
    offset += length;
  }
  return {};
}

/**
 * Replaces the anchor's passage in `live` with `replacement`, without touching `live`: the
 * change is made in a copy whose fresh Yjs client id stands for the person applying it (the
 * caller records that id's author), and returned as one update to apply to the live document
 * with the caller's origin, so open editors receive it as one change. The new words keep the
 * formatting of the passage's first character. `expected` (NFC), when given, must be the
 * passage's current text, so a passage changed since is never overwritten blindly.
 * Throws `ERR_PROPOSAL_NOT_APPLICABLE` when the passage is gone, spans paragraphs or differs.
 */
export function replacePassage(live: Y.Doc, anchor: ThreadAnchor, replacement: string, expected: string | null): PassageEdit {
  const copy = new Y.Doc({ gc: false });
  try {
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(live));
    const passage = locate(copy, anchor);
    if (passage === null) throw new Errors.ProposalNotApplicable('the passage is no longer in the draft as one paragraph');
    const current = plain(passage.text).slice(passage.index, passage.index + passage.length).normalize('NFC');
    if (expected !== null && current !== expected) throw new Errors.ProposalNotApplicable('the passage was edited since');
    const words = replacement.normalize('NFC');
    const format = formatAt(passage.text, passage.index);
    const before = Y.encodeStateVector(live);
    copy.transact(() => {
      passage.text.delete(passage.index, passage.length);
      passage.text.insert(passage.index, words, format);
    });
    const relative = (index: number): string => Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(passage.text, index))).toString('base64');
    const blockId = (passage.text.parent as Y.XmlElement | null)?.getAttribute?.('id');
    return {
      update: Y.encodeStateAsUpdate(copy, before),
      anchor: {
        start: relative(passage.index),
        end: relative(passage.index + words.length),
        quote: words,
        blockId: typeof blockId === 'string' ? blockId : anchor.blockId,
      },
      replaced: current,
    };
  } finally {
    copy.destroy();
  }
}
