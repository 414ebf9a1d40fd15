import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { prosemirrorJSONToYDoc } from 'y-prosemirror';
import { Node as PMNode } from 'prosemirror-model';
import { BLOCK_NODE_NAMES, outlineSchema } from '../../document-model/schema.ts';
import { CONTENT_FRAGMENT } from '../../document-model/fragment.ts';
import { newId } from '../ids.ts';

/** Localised text: Vietnamese first, English second. */
export interface LocalizedText {
  vi: string;
  en: string;
}

/** An outline template from `templates/outlines/`. */
export interface OutlineTemplate {
  id: string;
  title: LocalizedText;
  description: LocalizedText;
  /** ProseMirror JSON of the starting content, checked against the outline schema. */
  content: unknown;
}


function isLocalized(value: unknown): value is LocalizedText {
  return typeof value === 'object' && value !== null && typeof (value as LocalizedText).vi === 'string' && typeof (value as LocalizedText).en === 'string';
}

/** Parses and checks one template file; throws with the file name on any problem. */
function parseTemplate(path: string): OutlineTemplate {
  const raw: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (typeof raw !== 'object' || raw === null) throw new Error(`${path}: not an object`);
  const { id, title, description, content } = raw as Record<string, unknown>;
  if (typeof id !== 'string' || !/^[a-z0-9-]{1,64}$/.test(id)) throw new Error(`${path}: bad id`);
  if (!isLocalized(title) || !isLocalized(description)) throw new Error(`${path}: title and description need vi and en`);
  PMNode.fromJSON(outlineSchema, content).check();
  return { id, title, description, content };
}

/** Fills `{name}` placeholders of template text (e.g. `{draftingBody}`); unknown names stay as written. */
function fill(text: string, names: Readonly<Record<string, string>>): string {
  return text.replace(/\{(\w+)\}/gu, (whole, name: string) => names[name] ?? whole);
}

/**
 * Gives every block a fresh unique id and NFC text with `names` filled in, whatever the
 * template file holds.
 */
function prepareContent(json: unknown, names: Readonly<Record<string, string>>): unknown {
  const visit = (node: unknown): unknown => {
    if (typeof node !== 'object' || node === null) return node;
    const record = node as { type?: unknown; attrs?: Record<string, unknown>; content?: unknown[]; text?: unknown };
    const copy: Record<string, unknown> = { ...record };
    if (typeof record.type === 'string' && BLOCK_NODE_NAMES.has(record.type)) copy.attrs = { ...record.attrs, id: newId() };
    if (typeof record.text === 'string') copy.text = fill(record.text, names).normalize('NFC');
    if (Array.isArray(record.content)) copy.content = record.content.map(visit);
    return copy;
  };
  return visit(json);
}

/**
 * The outline templates, read and validated once at start (a broken template file stops
 * the start with its name, rather than failing later when someone picks it).
 */
export class TemplateCatalog {
  private constructor(private readonly templates: Map<string, OutlineTemplate>) {}

  /** Loads every `*.json` in `<templatesDir>/outlines`. */
  static load(templatesDir: string): TemplateCatalog {
    const dir = join(templatesDir, 'outlines');
    const templates = new Map<string, OutlineTemplate>();
    for (const name of readdirSync(dir).filter((file) => file.endsWith('.json')).sort()) {
      const template = parseTemplate(join(dir, name));
      templates.set(template.id, template);
    }
    return new TemplateCatalog(templates);
  }

  /** All templates, in file-name order. */
  list(): OutlineTemplate[] {
    return [...this.templates.values()];
  }

  /** The template with this id, or undefined. */
  get(id: string): OutlineTemplate | undefined {
    return this.templates.get(id);
  }

  /**
   * The initial Yjs state of a new document made from `template` (or empty, for none):
   * a full update with fresh block ids, ready to store as the document's first snapshot.
   * `names` fill the template's placeholders (`{draftingBody}`, `{secretariat}`).
   */
  instantiate(template: OutlineTemplate | null, names: Readonly<Record<string, string>> = {}): Uint8Array {
    const doc = template
      ? prosemirrorJSONToYDoc(outlineSchema, prepareContent(template.content, names), CONTENT_FRAGMENT)
      : new Y.Doc();
    try {
      return Y.encodeStateAsUpdate(doc);
    } finally {
      doc.destroy();
    }
  }
}
