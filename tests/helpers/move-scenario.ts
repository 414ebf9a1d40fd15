import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { prosemirrorToYXmlFragment } from 'y-prosemirror';
import { applyYMove } from '../../document-model/y-moves.ts';
import { outline } from '../document-model/outline-builder.ts';
import type { TestClient } from './clients.ts';

/**
 * The move scenario of issue 10, point 3: section I.2 (heading + paragraph `p2`) is moved below
 * I.3 while another client, who has not seen the move, types into `p2`.
 */

/** Block ids in order once I.2 has been moved below I.3. */
export const MOVED_ORDER = ['I', 'I.1', 'a', 'I.3', 'd', 'I.2', 'p2', 'II'];

/** Replaces the client's content with the sample outline (p2 reads "Nội dung mục hai"). */
export function seed(client: TestClient): void {
  client.doc.transact(() => {
    client.fragment.delete(0, client.fragment.length);
    prosemirrorToYXmlFragment(outline('h1:I', 'h2:I.1', 'p:a', 'h2:I.2', 'p:p2', 'h2:I.3', 'p:d', 'h1:II'), client.fragment);
    const text = (client.fragment.get(4) as Y.XmlElement).get(0) as Y.XmlText;
    text.delete(0, text.length);
    text.insert(0, 'Nội dung mục hai');
  });
}

/** Block ids of the fragment's top-level blocks, in order. */
export function order(fragment: Y.XmlFragment): string[] {
  return fragment.toArray().map((child) => String((child as Y.XmlElement).getAttribute('id')));
}

/** The text of the live `p2` paragraph (marks left out), or '' when there is none. */
export function p2Text(fragment: Y.XmlFragment): string {
  const found = fragment.toArray().find((child): child is Y.XmlElement => child instanceof Y.XmlElement && child.getAttribute('id') === 'p2');
  return found ? found.toArray().map((child) => (child instanceof Y.XmlText ? String(child.toJSON()).replace(/<[^>]+>/g, '') : '')).join('') : '';
}

/** The text of p2 in `client`'s stale copy (index 4, before the move). */
export function staleP2(client: TestClient): Y.XmlText {
  const paragraph = client.fragment.get(4) as Y.XmlElement;
  assert.equal(paragraph.getAttribute('id'), 'p2');
  return paragraph.get(0) as Y.XmlText;
}

/** Moves I.2 (its heading and paragraph) below I.3, as the editor's outline move does. */
export function moveI2Down(client: TestClient): void {
  applyYMove(client.fragment, { path: [], from: 3, count: 2, insertAt: 7 }, { source: 'outline-move' });
}

