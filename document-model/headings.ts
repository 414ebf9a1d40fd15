import type { Node as PMNode } from 'prosemirror-model';
import { computeSectionNumbers } from './numbering.ts';
import { clampHeadingLevel } from './schema.ts';

/** A heading of the outline with its computed section number. */
export interface OutlineHeading {
  /** Position of the heading node in the document. */
  pos: number;
  /** Level 1–4 (clamped). */
  level: number;
  /** Display number, e.g. "Phần I", "1.", "1.1.", "a)". Never stored in the document. */
  number: string;
  /** The heading's text (NFC as stored). */
  text: string;
  /** Stable block id, or null until one is assigned. */
  id: string | null;
}

/**
 * Every heading of `doc` in document order with its section number. Numbering counts
 * all headings in document order (the schema allows them only at block level), which is
 * what `computeSectionNumbers` expects.
 */
export function collectHeadings(doc: PMNode): OutlineHeading[] {
  const found: Array<{ pos: number; node: PMNode }> = [];
  doc.descendants((node, pos) => {
    if (node.type.name === 'heading') {
      found.push({ pos, node });
      return false;
    }
    return true;
  });
  const numbers = computeSectionNumbers(found.map(({ node }) => node.attrs.level));
  return found.map(({ pos, node }, index) => {
    const id: unknown = node.attrs.id;
    return {
      pos,
      level: clampHeadingLevel(node.attrs.level),
      number: numbers[index] ?? '',
      text: node.textContent,
      id: typeof id === 'string' ? id : null,
    };
  });
}
