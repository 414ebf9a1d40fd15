import type * as Y from 'yjs';
import { yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror';
import { CONTENT_FRAGMENT } from '../../../document-model/fragment.ts';
import { collectHeadings, type OutlineHeading } from '../../../document-model/headings.ts';
import { outlineSchema } from '../../../document-model/schema.ts';

/** Where a section stands in the outline: its full path and its place in document order. */
export interface SectionPlace {
  /** "Phần II. Thực trạng › 1. Thực trạng an ninh", every ancestor heading then the section's own. */
  path: string;
  /** Index of the heading among the outline's headings (document order). */
  order: number;
}

/** Separator between the levels of a section path. */
export const PATH_SEPARATOR = ' › ';

/** "Phần II. Title", "1. Title", "a) Title": the computed number, then the title if any. */
export function headingLabel(heading: Pick<OutlineHeading, 'number' | 'text'>): string {
  const title = heading.text.trim();
  if (title === '') return heading.number;
  // Level-1 numbers ("Phần II") carry no punctuation of their own, the others end in "." or ")".
  return /[.)]$/.test(heading.number) ? `${heading.number} ${title}` : `${heading.number}. ${title}`;
}

/**
 * The place of every heading of the live document that has a block id, keyed by that id:
 * its full path from the top-level part down, and its order. Two sections with the same
 * number and title in different parts get different paths and different keys, so tables
 * grouped by these keys never merge them.
 */
export function sectionPlaces(doc: Y.Doc): Map<string, SectionPlace> {
  const root = yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(CONTENT_FRAGMENT), outlineSchema);
  return placesOf(collectHeadings(root));
}

/** `sectionPlaces` from an already collected heading list (document order). */
export function placesOf(headings: readonly OutlineHeading[]): Map<string, SectionPlace> {
  const places = new Map<string, SectionPlace>();
  const ancestors: Array<{ level: number; label: string }> = [];
  headings.forEach((heading, order) => {
    while ((ancestors.at(-1)?.level ?? 0) >= heading.level) ancestors.pop();
    const label = headingLabel(heading);
    ancestors.push({ level: heading.level, label });
    if (heading.id !== null && !places.has(heading.id)) places.set(heading.id, { path: ancestors.map((entry) => entry.label).join(PATH_SEPARATOR), order });
  });
  return places;
}
