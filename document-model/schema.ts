import { Schema, type NodeSpec, type MarkSpec, type DOMOutputSpec } from 'prosemirror-model';

/**
 * The outline's ProseMirror schema, shared by the browser editor and the server
 * (templates, exports). It is deliberately flat: the document is a sequence of
 * top-level blocks (`heading` levels 1–4, `paragraph`, `bullet_list`, `ordered_list`).
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
]);
