/**
 * Flattens an outline document into its comparable units (`OutlineBlock`s) in document order.
 */
import * as Y from 'yjs';
import { clampHeadingLevel } from '../../../document-model/schema.ts';
import { computeSectionNumbers } from '../../../document-model/numbering.ts';
import { CONTENT_FRAGMENT } from '../../../document-model/fragment.ts';
import { BlockTextBuilder } from './block-text.ts';
import type { OutlineBlock } from './types.ts';
import type { BlockKind, ListKind, TableCellPlace } from './comparison-schema.ts';

const LIST_KINDS: Readonly<Record<string, ListKind>> = { bullet_list: 'bullet', ordered_list: 'ordered' };
const TEXT_BLOCKS = new Set(['paragraph', 'heading']);
const CELLS = new Set(['table_cell', 'table_header']);

/** Client id and clock of the Yjs item holding `type`, or 0:0 for a type not integrated in a document. */
function creatorOf(type: { _item: Y.Item | null }): [number, number] {
  return [type._item?.id.client ?? 0, type._item?.id.clock ?? 0];
}

/** Appends the inline content of a `paragraph` or `heading` element: text nodes and hard breaks. */
function appendInline(builder: BlockTextBuilder, element: Y.XmlElement): void {
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) builder.appendXmlText(child);
    else if (child instanceof Y.XmlElement && child.nodeName === 'hard_break') builder.appendNewline(...creatorOf(child));
  }
}

/** Reads an attribute that y-prosemirror may have stored as a number or a string. */
function attribute(element: Y.XmlElement, name: string): unknown {
  return (element.getAttributes() as Record<string, unknown>)[name];
}

/** The element's block id, or null when missing or empty. */
function idAttribute(element: Y.XmlElement): string | null {
  const raw = attribute(element, 'id');
  return typeof raw === 'string' && raw !== '' ? raw : null;
}

/** A cell's `colspan` / `rowspan` as a whole number of at least 1. */
function span(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

/** Appends every paragraph and list item paragraph inside a cell, one line each. */
function appendCellText(builder: BlockTextBuilder, element: Y.XmlElement): void {
  for (const child of element.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue;
    if (TEXT_BLOCKS.has(child.nodeName)) {
      if (!builder.isEmpty) builder.appendNewline(...creatorOf(child));
      appendInline(builder, child);
    } else {
      appendCellText(builder, child);
    }
  }
}

/** Walks the fragment, collecting blocks and giving each a document-unique key. */
class BlockCollector {
  readonly blocks: OutlineBlock[] = [];
  private readonly seen = new Map<string, number>();
  private missing = 0;
  private sectionId: string | null = null;

  /** Visits one child of the fragment or of an unknown container element. */
  visit(node: Y.XmlElement | Y.XmlText | Y.XmlHook): void {
    if (!(node instanceof Y.XmlElement)) return;
    const name = node.nodeName;
    if (TEXT_BLOCKS.has(name)) {
      const builder = new BlockTextBuilder();
      appendInline(builder, node);
      const kind: BlockKind = name === 'heading' ? 'heading' : 'paragraph';
      this.push(node, kind, kind === 'heading' ? clampHeadingLevel(attribute(node, 'level')) : 0, null, builder);
    } else if (LIST_KINDS[name] !== undefined) {
      this.visitList(node, 1);
    } else if (name === 'table') {
      this.visitTable(node);
    } else {
      // Unknown containers: their known blocks still count.
      for (const child of node.toArray()) this.visit(child);
    }
  }

  /** Emits each item of a list, then the items of lists nested in it (one level deeper). */
  private visitList(list: Y.XmlElement, depth: number): void {
    const listKind = LIST_KINDS[list.nodeName] ?? 'bullet';
    for (const item of list.toArray()) {
      if (!(item instanceof Y.XmlElement) || item.nodeName !== 'list_item') continue;
      const builder = new BlockTextBuilder();
      const nested: Y.XmlElement[] = [];
      for (const child of item.toArray()) {
        if (!(child instanceof Y.XmlElement)) continue;
        if (TEXT_BLOCKS.has(child.nodeName)) {
          if (!builder.isEmpty) builder.appendNewline(...creatorOf(child));
          appendInline(builder, child);
        } else if (LIST_KINDS[child.nodeName] !== undefined) {
          nested.push(child);
        }
      }
      this.push(item, 'list_item', depth, listKind, builder);
      for (const list of nested) this.visitList(list, depth + 1);
    }
  }

  /**
   * Emits each cell of a table, row by row, as one unit: its paragraphs and list items joined
   * by "\n". Tables and rows are keyed like blocks (by id, synthetic when missing), so the cells
   * of a row that kept its id are laid out together in both versions.
   */
  private visitTable(table: Y.XmlElement): void {
    const tableKey = this.keyFor(idAttribute(table));
    for (const row of table.toArray()) {
      if (!(row instanceof Y.XmlElement) || row.nodeName !== 'table_row') continue;
      const rowKey = this.keyFor(idAttribute(row));
      for (const cell of row.toArray()) {
        if (!(cell instanceof Y.XmlElement) || !CELLS.has(cell.nodeName)) continue;
        const builder = new BlockTextBuilder();
        appendCellText(builder, cell);
        const place: TableCellPlace = {
          table: tableKey,
          row: rowKey,
          header: cell.nodeName === 'table_header',
          colspan: span(attribute(cell, 'colspan')),
          rowspan: span(attribute(cell, 'rowspan')),
        };
        this.push(cell, 'table_cell', 0, null, builder, place);
      }
    }
  }

  private push(element: Y.XmlElement, kind: BlockKind, level: number, listKind: ListKind | null, builder: BlockTextBuilder, cell: TableCellPlace | null = null): void {
    const attributeId = idAttribute(element);
    const id = this.keyFor(attributeId);
    if (kind === 'heading') this.sectionId = id;
    const { text, formatting, clientRuns, idRuns } = builder.build();
    const item = element._item;
    const itemId = item === null ? null : `${item.id.client}:${item.id.clock}`;
    this.blocks.push({ id, attributeId, itemId, kind, level, listKind, cell, text, formatting, number: null, sectionId: this.sectionId, clientRuns, idRuns });
  }

  /** The id itself for its first occurrence, `id~n` for later ones, `~n` when missing. */
  private keyFor(attributeId: string | null): string {
    if (attributeId === null) {
      this.missing += 1;
      return `~${this.missing}`;
    }
    const count = (this.seen.get(attributeId) ?? 0) + 1;
    this.seen.set(attributeId, count);
    return count === 1 ? attributeId : `${attributeId}~${count}`;
  }
}

/**
 * Flattens `doc`'s outline into comparable units in document order: every heading, every
 * top-level paragraph, every list item (nested lists after their parent item, one level
 * deeper) and every table cell (row by row). Text is NFC with hard breaks as "\n"; headings get their section numbers.
 * Blocks without an id or with a repeated id get synthetic keys (see `OutlineBlock.id`).
 */
export function extractBlocks(doc: Y.Doc): OutlineBlock[] {
  const collector = new BlockCollector();
  for (const child of doc.getXmlFragment(CONTENT_FRAGMENT).toArray()) collector.visit(child);
  const headings = collector.blocks.filter((block) => block.kind === 'heading');
  const numbers = computeSectionNumbers(headings.map((block) => block.level));
  headings.forEach((block, index) => {
    block.number = numbers[index] ?? null;
  });
  return collector.blocks;
}
