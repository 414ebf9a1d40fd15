/**
 * Real Word lists: the numbering definitions (`word/numbering.xml`) of bulleted and numbered
 * lists, and the `numbering` option that puts a paragraph in one of them (`w:numPr`), so Word
 * shows, continues and renumbers them as its own lists instead of "• " typed as text. Used by
 * the draft's export and the comparison's.
 */
import { AlignmentType, LevelFormat, type ILevelsOptions, type NumberingDefinition } from 'docx';

/** Nesting levels Word lists have (0–8). */
export const WORD_LIST_LEVELS = 9;
/** Indent of one list level, in twentieths of a point (0.75 cm). */
const STEP = 425;
/** Room for the bullet or number before the text. */
const HANGING = 360;

const BULLETS = ['•', '–', '+'] as const;
const ORDERED: ReadonlyArray<{ format: (typeof LevelFormat)[keyof typeof LevelFormat]; text: (level: number) => string }> = [
  { format: LevelFormat.DECIMAL, text: (level) => `%${level + 1}.` },
  { format: LevelFormat.LOWER_LETTER, text: (level) => `%${level + 1})` },
  { format: LevelFormat.LOWER_ROMAN, text: (level) => `%${level + 1}.` },
];

function indent(level: number): NonNullable<ILevelsOptions['style']> {
  return { paragraph: { indent: { left: STEP * (level + 1) + HANGING, hanging: HANGING } } };
}

/** The reference of bulleted lists. */
export const BULLET_LIST = 'draftroom-bullet';

/** The reference of numbered lists starting at `start` (1 unless the list says otherwise). */
export function orderedListReference(start: number): string {
  return start === 1 ? 'draftroom-ordered' : `draftroom-ordered-from-${start}`;
}

/** A bulleted list: "•", then "–", then "+" for deeper levels, each level indented further. */
function bulletDefinition(): NumberingDefinition {
  return {
    reference: BULLET_LIST,
    levels: Array.from({ length: WORD_LIST_LEVELS }, (_, level) => ({
      level,
      format: LevelFormat.BULLET,
      text: BULLETS[level % BULLETS.length] ?? '•',
      alignment: AlignmentType.LEFT,
      style: indent(level),
    })),
  };
}

/** A numbered list: "1.", then "a)", then "i." for deeper levels; the first level starts at `start`. */
function orderedDefinition(start: number): NumberingDefinition {
  return {
    reference: orderedListReference(start),
    levels: Array.from({ length: WORD_LIST_LEVELS }, (_, level) => {
      const kind = ORDERED[level % ORDERED.length] ?? ORDERED[0];
      return {
        level,
        format: kind?.format ?? LevelFormat.DECIMAL,
        text: kind?.text(level) ?? `%${level + 1}.`,
        alignment: AlignmentType.LEFT,
        start: level === 0 ? start : 1,
        style: indent(level),
      };
    }),
  };
}

/**
 * Hands out list instances: every list of a document is its own Word list (a new `instance`
 * restarts the numbering), and collects the definitions the document needs. Pass
 * `definitions()` as the Document's `numbering.config`.
 */
export class WordLists {
  private instance = 0;
  private readonly starts = new Set<number>([1]);

  /** A new list; its paragraphs use the returned option with their level. */
  open(ordered: boolean, start = 1): (depth: number) => { reference: string; level: number; instance: number } {
    const instance = ++this.instance;
    const reference = ordered ? orderedListReference(start) : BULLET_LIST;
    if (ordered) this.starts.add(start);
    return (depth) => ({ reference, level: Math.min(Math.max(depth, 0), WORD_LIST_LEVELS - 1), instance });
  }

  /** The numbering definitions of every list opened so far. */
  definitions(): NumberingDefinition[] {
    return [bulletDefinition(), ...[...this.starts].map(orderedDefinition)];
  }
}

/** Left indent of a list item's further paragraphs at `depth` (aligned with the item's text). */
export function listTextIndent(depth: number): number {
  return STEP * (Math.min(Math.max(depth, 0), WORD_LIST_LEVELS - 1) + 1) + HANGING;
}

/** The `numbering` option of one list paragraph. */
export type ListNumbering = ReturnType<ReturnType<WordLists['open']>>;

/**
 * Word lists for a flat run of list items that know only their kind and depth (the
 * comparison's blocks): consecutive items form one list, a deeper item opens a nested list
 * under the item before it, a change of kind at a depth starts a new list there, and any other
 * block (`end()`) closes every open list.
 */
export class FlatLists {
  private open: Array<{ ordered: boolean; numbering: ReturnType<WordLists['open']> } | undefined> = [];

  constructor(private readonly lists: WordLists) {}

  /** The numbering of an item of kind `ordered` at `depth` (0 = top level). */
  item(ordered: boolean, depth: number): ListNumbering {
    const level = Math.min(Math.max(depth, 0), WORD_LIST_LEVELS - 1);
    this.open.length = Math.min(this.open.length, level + 1);
    let list = this.open[level];
    if (list === undefined || list.ordered !== ordered) {
      list = { ordered, numbering: this.lists.open(ordered) };
      this.open[level] = list;
    }
    return list.numbering(level);
  }

  /** A block that is not a list item: the lists before it are over. */
  end(): void {
    this.open = [];
  }
}
