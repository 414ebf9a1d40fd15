/**
 * Reads the text of a block element straight from its Yjs items: characters, the client id
 * that inserted each one, and the marks over them, normalised to NFC with all three kept aligned.
 */
import * as Y from 'yjs';

/** A stretch of raw text from one Yjs item, with its inserting client and active marks. */
interface Piece {
  text: string;
  client: number;
  /** Yjs clock of the first character (the next ones follow on). */
  clock: number;
  /** Canonical mark names ("strong", or `name{json}` for marks with attributes), sorted. */
  marks: readonly string[];
}

/** Text of a block with per-character authorship and marks, all over the NFC text. */
export interface BlockText {
  text: string;
  formatting: string;
  clientRuns: Array<[number, number]>;
  /** Run-length Yjs ids of the characters: `[client, firstClock, length]`, consecutive clocks in a run. */
  idRuns: Array<[number, number, number]>;
}

const NO_MARKS: readonly string[] = [];
const STARTS_WITH_MARK = /^\p{M}/u;
// A base character with its combining marks: NFC composes within such a cluster.
const CLUSTER = /\P{M}\p{M}*|\p{M}+/gu;

/** Accumulates pieces of one block (several text nodes, hard breaks, list-item paragraphs). */
export class BlockTextBuilder {
  private readonly pieces: Piece[] = [];

  /** Appends the visible characters of `text`, walking its item list. */
  appendXmlText(text: Y.XmlText): void {
    const active = new Map<string, unknown>();
    for (let item = text._start; item !== null; item = item.right) {
      if (item.deleted) continue;
      const content = item.content;
      if (content instanceof Y.ContentString) {
        this.pieces.push({ text: content.str, client: item.id.client, clock: item.id.clock, marks: markNames(active) });
      } else if (content instanceof Y.ContentFormat) {
        // Same rule as YText.toDelta: a null value ends the mark.
        if (content.value === null || content.value === undefined) active.delete(content.key);
        else active.set(content.key, content.value);
      }
      // Embeds are not part of the outline schema; they carry no text.
    }
  }

  /** Appends a newline (a `hard_break`, or the seam between two paragraphs of a list item) made by item `client:clock`. */
  appendNewline(client: number, clock: number): void {
    this.pieces.push({ text: '\n', client, clock, marks: NO_MARKS });
  }

  /** True when nothing has been appended yet. */
  get isEmpty(): boolean {
    return this.pieces.length === 0;
  }

  /** The NFC text with aligned client runs and mark signature. */
  build(): BlockText {
    const raw = this.pieces.map((piece) => piece.text).join('');
    const nfc = raw.normalize('NFC');
    if (nfc === raw) return assemble(this.pieces);
    const units = normalizeClusters(this.pieces);
    const built = assemble(units);
    if (built.text === nfc) return built;
    // NFC composed across clusters (e.g. Hangul jamo): keep the text exact, attribute coarsely.
    const first = this.pieces[0];
    return {
      text: nfc,
      formatting: '',
      clientRuns: first === undefined || nfc.length === 0 ? [] : [[first.client, nfc.length]],
      idRuns: first === undefined || nfc.length === 0 ? [] : [[first.client, first.clock, nfc.length]],
    };
  }
}

/** Canonical names of the active marks. */
function markNames(active: ReadonlyMap<string, unknown>): readonly string[] {
  if (active.size === 0) return NO_MARKS;
  const names: string[] = [];
  for (const [key, value] of active) {
    const hasAttrs = typeof value === 'object' && value !== null && Object.keys(value).length > 0;
    names.push(hasAttrs ? `${key}${JSON.stringify(value)}` : key);
  }
  return names.sort();
}

/**
 * Re-cuts the pieces into NFC-normalised clusters (a base character and its combining marks),
 * each attributed to the piece holding its base character.
 */
function normalizeClusters(pieces: readonly Piece[]): Piece[] {
  const units: Piece[] = [];
  let carry = '';
  let owner: Piece | undefined;
  let ownerClock = 0;
  const flush = (): void => {
    if (owner !== undefined && carry !== '') units.push({ ...owner, clock: ownerClock, text: carry.normalize('NFC') });
    carry = '';
  };
  for (const piece of pieces) {
    let offset = 0;
    for (const cluster of piece.text.match(CLUSTER) ?? []) {
      const clock = piece.clock + offset;
      offset += cluster.length;
      // A mark continuing the previous piece's cluster (a diacritic typed later) joins it.
      if (STARTS_WITH_MARK.test(cluster) && owner !== undefined) {
        carry += cluster;
        continue;
      }
      flush();
      owner = piece;
      ownerClock = clock;
      carry = cluster;
    }
  }
  flush();
  return units;
}

/** Concatenates pieces into text, merged client runs and the mark signature. */
function assemble(pieces: readonly Piece[]): BlockText {
  const clientRuns: Array<[number, number]> = [];
  const idRuns: Array<[number, number, number]> = [];
  const ranges: Array<{ name: string; start: number; end: number }> = [];
  const open = new Map<string, { name: string; start: number; end: number }>();
  const parts: string[] = [];
  let offset = 0;
  for (const piece of pieces) {
    const length = piece.text.length;
    if (length === 0) continue;
    parts.push(piece.text);
    const last = clientRuns[clientRuns.length - 1];
    if (last !== undefined && last[0] === piece.client) last[1] += length;
    else clientRuns.push([piece.client, length]);
    const lastId = idRuns[idRuns.length - 1];
    if (lastId !== undefined && lastId[0] === piece.client && lastId[1] + lastId[2] === piece.clock) lastId[2] += length;
    else idRuns.push([piece.client, piece.clock, length]);
    for (const [name, range] of open) {
      if (!piece.marks.includes(name)) {
        ranges.push(range);
        open.delete(name);
      }
    }
    for (const name of piece.marks) {
      const range = open.get(name);
      if (range === undefined) open.set(name, { name, start: offset, end: offset + length });
      else range.end = offset + length;
    }
    offset += length;
  }
  ranges.push(...open.values());
  ranges.sort((a, b) => a.start - b.start || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    text: parts.join(''),
    formatting: ranges.map((range) => `${range.name}:${range.start}-${range.end}`).join(';'),
    clientRuns,
    idRuns,
  };
}
