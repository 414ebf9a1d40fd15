import { Schema, type NodeSpec, type MarkSpec, type DOMOutputSpec } from 'prosemirror-model';
import { tableNodes } from 'prosemirror-tables';

/**
 * The outline's ProseMirror schema, shared by the browser editor and the server
 * (templates, exports). It is deliberately flat: the document is a sequence of
 * top-level blocks (`heading` levels 1–4, `paragraph`, `bullet_list`, `ordered_list`, `table`).
 *
 * Tables are the prosemirror-tables nodes (`table` > `table_row` > `table_cell` |
 * `table_header`, with `colspan`, `rowspan` and `colwidth` on cells). A cell holds
 * paragraphs and lists only — never a heading — so a table is always a block inside a
 * section and never opens one.
 *
 * Every block node carries an `id` attribute: a stable identifier that lets a section
 * keep its identity across revisions and comparisons. It is rendered as `data-block-id`.
 * Section numbers are never part of the content: see `numbering.ts`.
 *
 * Node type names are also the element names in the Yjs `XmlFragment` named `prosemirror`,
 * so renaming one is a breaking change for stored documents.
 */

/** Highest heading level the outline supports (Phần / 1. / 1.1. / a)). */
export const MAX_HEADING_LEVEL = 4;

const idAttr = { id: { default: null as string | null } };

/** Reads the stable block id from a parsed DOM element, if any. */
function parseBlockId(dom: HTMLElement): string | null {
  return dom.getAttribute('data-block-id');
}

/** Builds the DOM attributes shared by every block node. */
function blockDomAttrs(id: unknown): Record<string, string> {
  return typeof id === 'string' && id !== '' ? { 'data-block-id': id } : {};
}

/** `parseDOM` and `toDOM` of a block that is its tag plus its block id. */
function taggedBlock(tag: string): Pick<NodeSpec, 'parseDOM' | 'toDOM'> {
  return {
    parseDOM: [{ tag, getAttrs: (dom) => ({ id: parseBlockId(dom as HTMLElement) }) }],
    toDOM: (node): DOMOutputSpec => [tag, blockDomAttrs(node.attrs.id), 0],
  };
}

/** What a table cell may hold: text and lists, never a heading or another table. */
export const TABLE_CELL_CONTENT = '(paragraph | bullet_list | ordered_list)+';

const cellIdAttribute = {
  default: null as string | null,
  getFromDOM: (dom: HTMLElement): string | null => parseBlockId(dom),
  setDOMAttr: (value: unknown, attrs: Record<string, unknown>): void => {
    if (typeof value === 'string' && value !== '') attrs['data-block-id'] = value;
  },
};

const tables = tableNodes({ tableGroup: 'block', cellContent: TABLE_CELL_CONTENT, cellAttributes: { id: cellIdAttribute } });

const tableSpecs: Record<string, NodeSpec> = {
  // The table and its rows carry block ids too, so a comparison can match rows across
  // revisions and tell an added row from a changed one.
  table: {
    ...tables.table,
    attrs: idAttr,
    parseDOM: [{ tag: 'table', getAttrs: (dom) => ({ id: parseBlockId(dom as HTMLElement) }) }],
    toDOM: (node): DOMOutputSpec => ['table', blockDomAttrs(node.attrs.id), ['tbody', 0]],
  },
  table_row: { ...tables.table_row, attrs: idAttr, ...taggedBlock('tr') },
  table_cell: tables.table_cell,
  table_header: tables.table_header,
};

const nodes: Record<string, NodeSpec> = {
  doc: { content: 'block+' },
  paragraph: {
    group: 'block',
    content: 'inline*',
    attrs: idAttr,
    ...taggedBlock('p'),
  },
  heading: {
    group: 'block',
    content: 'inline*',
    defining: true,
    attrs: { level: { default: 1 }, ...idAttr },
    parseDOM: [1, 2, 3, 4, 5, 6].map((level) => ({
      tag: `h${level}`,
      getAttrs: (dom: HTMLElement) => ({
        level: Math.min(level, MAX_HEADING_LEVEL),
        id: parseBlockId(dom),
      }),
    })),
    toDOM: (node): DOMOutputSpec => [
      `h${clampHeadingLevel(node.attrs.level)}`,
      { ...blockDomAttrs(node.attrs.id), class: 'outline-heading' },
      0,
    ],
  },
  bullet_list: {
    group: 'block',
    content: 'list_item+',
    attrs: idAttr,
    ...taggedBlock('ul'),
  },
  ordered_list: {
    group: 'block',
    content: 'list_item+',
    attrs: { order: { default: 1 }, ...idAttr },
    parseDOM: [
      {
        tag: 'ol',
        getAttrs: (dom) => {
          const element = dom as HTMLElement;
          const start = element.hasAttribute('start') ? Number(element.getAttribute('start')) : 1;
          return { order: Number.isFinite(start) ? start : 1, id: parseBlockId(element) };
        },
      },
    ],
    toDOM: (node): DOMOutputSpec => [
      'ol',
      { ...blockDomAttrs(node.attrs.id), ...(node.attrs.order === 1 ? {} : { start: String(node.attrs.order) }) },
      0,
    ],
  },
  list_item: {
    content: 'paragraph block*',
    defining: true,
    attrs: idAttr,
    ...taggedBlock('li'),
  },
  ...tableSpecs,
  text: { group: 'inline' },
  hard_break: {
    inline: true,
    group: 'inline',
    selectable: false,
    parseDOM: [{ tag: 'br' }],
    toDOM: (): DOMOutputSpec => ['br'],
  },
};

const marks: Record<string, MarkSpec> = {
  strong: {
    parseDOM: [
      { tag: 'strong' },
      { tag: 'b', getAttrs: (node) => (node as HTMLElement).style.fontWeight !== 'normal' && null },
      { style: 'font-weight=bold' },
      { style: 'font-weight', getAttrs: (value) => /^(bold(er)?|[6-9]\d{2,})$/.test(value as string) && null },
    ],
    toDOM: (): DOMOutputSpec => ['strong', 0],
  },
  em: {
    parseDOM: [{ tag: 'i' }, { tag: 'em' }, { style: 'font-style=italic' }],
    toDOM: (): DOMOutputSpec => ['em', 0],
  },
  underline: {
    parseDOM: [{ tag: 'u' }, { style: 'text-decoration=underline' }],
    toDOM: (): DOMOutputSpec => ['u', 0],
  },
};

/** Clamps any stored heading level into 1…MAX_HEADING_LEVEL; junk becomes 1. */
export function clampHeadingLevel(level: unknown): number {
  const n = typeof level === 'number' ? level : Number(level);
  if (!Number.isInteger(n) || n < 1) return 1;
  return Math.min(n, MAX_HEADING_LEVEL);
}

/** The schema instance. Use it everywhere; two instances of one schema do not interoperate. */
export const outlineSchema = new Schema({ nodes, marks });

/** Names of the node types that carry a stable block `id`. */
export const BLOCK_NODE_NAMES: ReadonlySet<string> = new Set([
  'paragraph',
  'heading',
  'bullet_list',
  'ordered_list',
  'list_item',
  'table',
  'table_row',
  'table_cell',
  'table_header',
]);

/** Names of the table node types (the table, its rows and both kinds of cell). */
export const TABLE_NODE_NAMES: ReadonlySet<string> = new Set(['table', 'table_row', 'table_cell', 'table_header']);
