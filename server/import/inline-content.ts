import { decodeLegacy, legacyEncodingOfFont, type LegacyEncoding } from './legacy-vietnamese.ts';
import type { WordInline } from './word-tree.ts';

/** ProseMirror JSON of one node, as the importer builds it (checked against the schema later). */
export interface PMJson {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PMJson[];
  text?: string;
  marks?: Array<{ type: string }>;
}

/** Inline content in Unicode NFC, ready to map: text with marks, or a line break. */
export type Inline = { kind: 'text'; text: string; bold: boolean; italic: boolean; underline: boolean } | { kind: 'break' };

/** Counts of legacy-encoded runs converted, by encoding family. */
export interface LegacyCounts {
  tcvn3: number;
  vni: number;
}

/**
 * Converts a paragraph's runs to Unicode NFC: a run whose font (its own, else its paragraph
 * style's, else the document default: `fallbackFont`) is a TCVN3 or VNI font is decoded with
 * that table; with `documentEncoding` (a whole file of TCVN3 in a Unicode-named font) every
 * other run is decoded as that. Each converted run is counted in `counts`.
 */
export function toUnicode(
  inlines: readonly WordInline[],
  fallbackFont: string | null,
  documentEncoding: LegacyEncoding | null,
  counts: LegacyCounts,
): Inline[] {
  return inlines.map((inline): Inline => {
    if (inline.kind === 'break') return inline;
    const encoding = legacyEncodingOfFont(inline.font ?? fallbackFont) ?? documentEncoding;
    let text = inline.text;
    if (encoding !== null) {
      const decoded = decodeLegacy(text, encoding);
      // A run of plain ASCII in a legacy font reads the same either way: not counted as converted.
      if (decoded !== text) {
        if (encoding === 'vni') counts.vni++;
        else counts.tcvn3++;
      }
      text = decoded;
    }
    return { kind: 'text', text: text.normalize('NFC'), bold: inline.bold, italic: inline.italic, underline: inline.underline };
  });
}

/** The plain text of inlines, a line break as "\n". */
export function plainText(inlines: readonly Inline[]): string {
  return inlines.map((inline) => (inline.kind === 'break' ? '\n' : inline.text)).join('');
}

/** True when every visible character is bold (and there is at least one). */
export function isWhollyBold(inlines: readonly Inline[]): boolean {
  let any = false;
  for (const inline of inlines) {
    if (inline.kind !== 'text' || inline.text.trim() === '') continue;
    if (!inline.bold) return false;
    any = true;
  }
  return any;
}

/** `inlines` without their first `count` characters (a typed number), a break counting as one. */
export function dropLeading(inlines: readonly Inline[], count: number): Inline[] {
  let left = count;
  const out: Inline[] = [];
  for (const inline of inlines) {
    if (left === 0) {
      out.push(inline);
      continue;
    }
    const length = inline.kind === 'break' ? 1 : inline.text.length;
    if (length <= left) {
      left -= length;
      continue;
    }
    if (inline.kind === 'text') out.push({ ...inline, text: inline.text.slice(left) });
    left = 0;
  }
  return out;
}

/**
 * ProseMirror inline nodes for `inlines`: adjacent text with the same marks is merged, the
 * leading and trailing spaces of the paragraph are trimmed, runs of spaces are kept.
 * `withBold` false drops bold (a heading is bold by its style anyway).
 */
export function toInlineNodes(inlines: readonly Inline[], withBold = true): PMJson[] {
  const nodes: PMJson[] = [];
  let previousKey: string | null = null;
  for (const inline of inlines) {
    if (inline.kind === 'break') {
      nodes.push({ type: 'hard_break' });
      previousKey = null;
      continue;
    }
    if (inline.text === '') continue;
    const marks: Array<{ type: string }> = [];
    if (inline.bold && withBold) marks.push({ type: 'strong' });
    if (inline.italic) marks.push({ type: 'em' });
    if (inline.underline) marks.push({ type: 'underline' });
    const key = marks.map((mark) => mark.type).join(',');
    const last = nodes[nodes.length - 1];
    if (last !== undefined && previousKey === key && last.text !== undefined) last.text += inline.text;
    else nodes.push(marks.length > 0 ? { type: 'text', text: inline.text, marks } : { type: 'text', text: inline.text });
    previousKey = key;
  }
  while (nodes.length > 0 && nodes[0]?.type === 'hard_break') nodes.shift();
  while (nodes.length > 0 && nodes[nodes.length - 1]?.type === 'hard_break') nodes.pop();
  const first = nodes[0];
  if (first?.text !== undefined) first.text = first.text.trimStart();
  const last = nodes[nodes.length - 1];
  if (last?.text !== undefined) last.text = last.text.trimEnd();
  return nodes.filter((node) => node.type !== 'text' || (node.text ?? '') !== '').map((node) => (node.text === undefined ? node : { ...node, text: node.text.normalize('NFC') }));
}
