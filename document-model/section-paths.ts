import type { OutlineHeading } from './headings.ts';

/** A heading with the labels of every heading it is nested in, outermost first, and its own last. */
export interface SectionPath {
  id: string;
  level: number;
  number: string;
  title: string;
  /** e.g. `["Phần II", "1. Thực trạng"]`: a part by its number, a section by number and title. */
  path: string[];
}

/** The label of a heading in a path: "Phần II" for a part, "1. Thực trạng" below. */
export function pathLabel(heading: Pick<OutlineHeading, 'level' | 'number' | 'text'>): string {
  return heading.level === 1 ? heading.number : `${heading.number} ${heading.text}`.trim();
}

/**
 * The full path of every heading that has an id, in document order: the nearest heading of
 * each lower level above it. Sections with the same number and title in different parts so
 * get different paths.
 */
export function sectionPaths(headings: readonly OutlineHeading[]): SectionPath[] {
  const open: Array<OutlineHeading | undefined> = [];
  const paths: SectionPath[] = [];
  for (const heading of headings) {
    open.length = heading.level - 1;
    open[heading.level - 1] = heading;
    if (heading.id === null) continue;
    const chain = open.filter((entry): entry is OutlineHeading => entry !== undefined);
    paths.push({ id: heading.id, level: heading.level, number: heading.number, title: heading.text, path: chain.map(pathLabel) });
  }
  return paths;
}
