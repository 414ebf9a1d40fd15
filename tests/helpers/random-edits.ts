import * as Y from 'yjs';
import type { TestClient } from './clients.ts';

const WORDS = ['an ninh', 'phi truyền thống', 'biến đổi khí hậu', 'dịch bệnh', 'tội phạm mạng', 'ứng phó', 'Bộ Công an', 'tầm nhìn 2045'];

/** One random edit on the client's content: add a block, type into one, delete a range, or drop a block. */
export function randomEdit(client: TestClient, random: () => number): void {
  const fragment = client.fragment;
  const blocks = fragment.toArray().filter((node): node is Y.XmlElement => node instanceof Y.XmlElement);
  const pick = random();
  const word = WORDS[Math.floor(random() * WORDS.length)] ?? 'x';
  if (blocks.length === 0 || pick < 0.2) {
    const block = new Y.XmlElement(random() < 0.3 ? 'heading' : 'paragraph');
    block.insert(0, [new Y.XmlText(word)]);
    fragment.insert(Math.floor(random() * (fragment.length + 1)), [block]);
    return;
  }
  const block = blocks[Math.floor(random() * blocks.length)];
  const text = block?.get(0);
  if (!(text instanceof Y.XmlText)) return;
  if (pick < 0.65) {
    text.insert(Math.floor(random() * (text.length + 1)), ` ${word}`);
  } else if (pick < 0.95 && text.length > 0) {
    const start = Math.floor(random() * text.length);
    text.delete(start, Math.min(text.length - start, 1 + Math.floor(random() * 6)));
  } else if (blocks.length > 1) {
    const index = fragment.toArray().indexOf(block as Y.XmlElement);
    if (index >= 0) fragment.delete(index, 1);
  }
}

