import { DOMParser, type Element } from '@xmldom/xmldom';
import type { WordBlock, WordParagraph } from './word-tree.ts';

/**
 * Outline levels set on a single paragraph (Word's Paragraph → Outline level, `w:outlineLvl` in
 * the paragraph's own properties) rather than on its style. mammoth does not expose them, so
 * `document.xml` is read with xmldom — only when it holds one, since parsing a large file's XML
 * a second time is the costliest step of an import — and the paragraphs are matched to
 * mammoth's by their text, in order.
 */

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** A body paragraph with its own outline level (1-based) and its text without spaces. */
interface LeveledParagraph {
  level: number;
  key: string;
}

const withoutSpaces = (text: string): string => text.replace(/\s+/gu, '');

function directChild(element: Element, localName: string): Element | null {
  for (let node = element.firstChild; node !== null; node = node.nextSibling) {
    if (node.nodeType === 1 && (node as Element).localName === localName && (node as Element).namespaceURI === W) return node as Element;
  }
  return null;
}

/** Body-level paragraphs (also inside body-level content controls) that carry their own outline level. */
function leveledParagraphs(documentXml: string): LeveledParagraph[] {
  const root = new DOMParser().parseFromString(documentXml, 'text/xml').documentElement;
  const body = root ? directChild(root, 'body') : null;
  if (!body) return [];
  const found: LeveledParagraph[] = [];
  const visit = (container: Element): void => {
    for (let node = container.firstChild; node !== null; node = node.nextSibling) {
      if (node.nodeType !== 1) continue;
      const element = node as Element;
      if (element.namespaceURI !== W) continue;
      if (element.localName === 'sdt') {
        const content = directChild(element, 'sdtContent');
        if (content) visit(content);
        continue;
      }
      if (element.localName !== 'p') continue;
      const value = directChild(directChild(element, 'pPr') ?? element, 'outlineLvl')?.getAttributeNS(W, 'val');
      const level = value ? Number.parseInt(value, 10) : Number.NaN;
      if (!Number.isInteger(level) || level < 0 || level > 8) continue;
      const texts = element.getElementsByTagNameNS(W, 't');
      let text = '';
      for (let index = 0; index < texts.length; index++) text += texts.item(index)?.textContent ?? '';
      if (withoutSpaces(text) !== '') found.push({ level: level + 1, key: withoutSpaces(text) });
    }
  };
  visit(body);
  return found;
}

/**
 * The paragraphs of `blocks` that carry their own outline level, with that level (1–9). Each
 * such paragraph of the XML goes to the first top-level paragraph of mammoth's tree with the
 * same text (spaces aside) not yet given one; one that finds none is skipped.
 */
export function directOutlineLevels(documentXml: string, blocks: readonly WordBlock[]): Map<WordParagraph, number> {
  const levels = new Map<WordParagraph, number>();
  if (!documentXml.includes('w:outlineLvl')) return levels;
  const byText = new Map<string, number[]>();
  for (const { key, level } of leveledParagraphs(documentXml)) byText.set(key, [...(byText.get(key) ?? []), level]);
  for (const block of blocks) {
    if (block.type !== 'paragraph') continue;
    const key = withoutSpaces(block.inlines.map((inline) => (inline.kind === 'text' ? inline.text : '')).join(''));
    const level = byText.get(key)?.shift();
    if (level !== undefined) levels.set(block, level);
  }
  return levels;
}
