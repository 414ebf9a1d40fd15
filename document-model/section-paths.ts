import type { OutlineHeading } from './headings.ts';

/** A heading with the labels of every heading it is nested in, outermost first, and its own last. */
export interface SectionPath {
  id: string;
  level: number;
  number: string;
  title: string;
  /**
   * e.g. `["Phần II", "1. Thực trạng"]`: the enclosing parts by their number, a section by
   * number and title; the heading itself always with its title (`["Phần V Tổ chức thực hiện"]`).
   */
  path: string[];
}

/** Separator between the labels of a section path written on one line. */
export const PATH_SEPARATOR = ' › ';

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
    // The section itself is named in full, so a comment on a whole part does not read "Phần V" alone.
    const path = chain.map((entry) => (entry === heading ? `${entry.number} ${entry.text}`.trim() : pathLabel(entry)));
    paths.push({ id: heading.id, level: heading.level, number: heading.number, title: heading.text, path });
  }
  return paths;
}

/** Where a section stands in the outline: its full path on one line and its place in document order. */
export interface SectionPlace {
  /** "Phần II › 1. Thực trạng" (see `sectionPaths`), joined with `PATH_SEPARATOR`. */
  path: string;
  /** Index of the section among the headings that have an id, in document order. */
  order: number;
}

/**
 * `sectionPaths` keyed by heading id, for tables grouped by section identity: two sections
 * with the same number and title in different parts get different keys and paths, so they
 * never merge. If two headings share an id, the first one keeps it.
 */
export function sectionPlaces(headings: readonly OutlineHeading[]): Map<string, SectionPlace> {
  const places = new Map<string, SectionPlace>();
  sectionPaths(headings).forEach((section, order) => {
    if (!places.has(section.id)) places.set(section.id, { path: section.path.join(PATH_SEPARATOR), order });
  });
  return places;
}
