import * as Y from 'yjs';
import type { TestClient } from '../helpers/clients.ts';

/** The first paragraph whose text contains `needle`, with its XmlText. */
export function findParagraph(client: TestClient, needle: string): { element: Y.XmlElement; text: Y.XmlText } {
  for (const node of client.fragment.toArray()) {
    if (!(node instanceof Y.XmlElement) || node.nodeName !== 'paragraph') continue;
    const text = node.get(0);
    if (text instanceof Y.XmlText && text.toString().includes(needle)) return { element: node, text };
  }
  throw new Error(`no paragraph contains ${needle}`);
}

/** An anchor for the first occurrence of `passage`, as a browser would send it. */
export function anchorFor(client: TestClient, passage: string): { start: string; end: string; quote: string; blockId: string | null } {
  const { element, text } = findParagraph(client, passage);
  const from = text.toString().indexOf(passage);
  const encode = (index: number): string =>
    Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, index))).toString('base64');
  const id = element.getAttribute('id');
  return { start: encode(from), end: encode(from + passage.length), quote: passage, blockId: typeof id === 'string' ? id : null };
}
