import { DOMParser, type Element } from '@xmldom/xmldom';

/**
 * What the importer needs from a Word file's `styles.xml` that mammoth does not expose: each
 * paragraph style's outline level (`w:outlineLvl`, which makes a custom style such as
 * "Đề mục 1" a heading) and font (a style typed in .VnTime makes all its runs TCVN3), both
 * inherited through `w:basedOn`, and the document's default font. Read with a maintained XML
 * parser (xmldom), only this small part.
 */
export interface WordStyles {
  /** Outline level 1–9 of a paragraph style id, if it (or a style it is based on) has one. */
  outlineLevel(styleId: string | null): number | null;
  /** The font of a paragraph style id (inherited), else the document default, else null. */
  fontOf(styleId: string | null): string | null;
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

interface StyleEntry {
  basedOn: string | null;
  outlineLevel: number | null;
  font: string | null;
}

function firstChild(element: Element, localName: string): Element | null {
  for (let node = element.firstChild; node !== null; node = node.nextSibling) {
    if (node.nodeType === 1 && (node as Element).localName === localName && (node as Element).namespaceURI === W) return node as Element;
  }
  return null;
}

function path(element: Element | null, ...names: string[]): Element | null {
  let current = element;
  for (const name of names) current = current === null ? null : firstChild(current, name);
  return current;
}

function attr(element: Element | null, name: string): string | null {
  const value = element?.getAttributeNS(W, name);
  return value === undefined || value === null || value === '' ? null : value;
}

/** Parses `styles.xml` (null when the file has none: no styles, no outline levels). */
export function readWordStyles(xml: string | null): WordStyles {
  const entries = new Map<string, StyleEntry>();
  let defaultFont: string | null = null;
  if (xml !== null) {
    const root = new DOMParser().parseFromString(xml, 'text/xml').documentElement;
    if (root) {
      defaultFont = attr(path(root, 'docDefaults', 'rPrDefault', 'rPr', 'rFonts'), 'ascii');
      const styles = root.getElementsByTagNameNS(W, 'style');
      for (let index = 0; index < styles.length; index++) {
        const style = styles.item(index);
        if (!style || attr(style, 'type') !== 'paragraph') continue;
        const id = attr(style, 'styleId');
        if (id === null) continue;
        const level = attr(path(style, 'pPr', 'outlineLvl'), 'val');
        const parsed = level === null ? Number.NaN : Number.parseInt(level, 10);
        entries.set(id, {
          basedOn: attr(path(style, 'basedOn'), 'val'),
          // 0-based in the file; 9 means "body text".
          outlineLevel: Number.isInteger(parsed) && parsed >= 0 && parsed < 9 ? parsed + 1 : null,
          font: attr(path(style, 'rPr', 'rFonts'), 'ascii'),
        });
      }
    }
  }

  /** Walks `basedOn` (at most 20 steps: a cycle in a damaged file ends the walk). */
  const inherited = <K extends 'outlineLevel' | 'font'>(styleId: string | null, key: K): StyleEntry[K] | null => {
    let id = styleId;
    for (let step = 0; id !== null && step < 20; step++) {
      const entry = entries.get(id);
      if (!entry) return null;
      if (entry[key] !== null) return entry[key];
      id = entry.basedOn;
    }
    return null;
  };

  return {
    outlineLevel: (styleId) => inherited(styleId, 'outlineLevel'),
    fontOf: (styleId) => inherited(styleId, 'font') ?? defaultFont,
  };
}
