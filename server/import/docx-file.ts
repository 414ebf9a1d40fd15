import JSZip from 'jszip';
import mammoth from 'mammoth';
import { Errors } from '../errors.ts';
import { narrowWordTree, type WordTree } from './word-tree.ts';
import { readWordStyles, type WordStyles } from './word-styles.ts';
import { directOutlineLevels } from './paragraph-outline.ts';
import type { WordParagraph } from './word-tree.ts';

/** Largest uncompressed size of the file's XML parts together (a zip bomb stops here, before inflating). */
export const MAX_DOCUMENT_XML_BYTES = 200 * 1024 * 1024;

/** Everything read from a .docx that the mapping needs. */
export interface DocxContent {
  tree: WordTree;
  styles: WordStyles;
  /** Outline levels (1–9) set on single paragraphs rather than on their style. */
  directLevels: Map<WordParagraph, number>;
  /** Tracked insertions and deletions (`w:ins`, `w:del`): the file is read as if all were accepted. */
  trackedChanges: number;
  /**
   * Text boxes: the box is dropped; mammoth reads the text of a box Word also saved in its
   * compatible (VML) form, and it comes out as ordinary paragraphs after the box's paragraph.
   */
  textBoxes: number;
  /** mammoth's own warnings (unrecognised elements and the like). */
  warnings: number;
}

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

/** Counts the start tags `<prefix:name ` or `<prefix:name>` in `xml` (see `readDocx`). */
function countTags(xml: string, qualifiedName: string): number {
  const pattern = new RegExp(`<${qualifiedName}[\\s>/]`, 'g');
  return xml.match(pattern)?.length ?? 0;
}

/**
 * Opens a .docx: checks it is a zip holding a Word document (`ERR_IMPORT_NOT_DOCX`) that can
 * be read (`ERR_IMPORT_DAMAGED`), its XML within `MAX_DOCUMENT_XML_BYTES` uncompressed
 * (`ERR_IMPORT_TOO_LARGE`), and reads it with mammoth, keeping its document tree rather than
 * its HTML. mammoth reads the file as if every tracked change were accepted; how many there
 * were and how many text boxes exist are counted on the XML text, since the tree no longer
 * shows them and a second full XML parse of a large file costs more than the import itself.
 */
export async function readDocx(bytes: Buffer): Promise<DocxContent> {
  if (bytes.length < 4 || ZIP_SIGNATURE.some((byte, index) => bytes[index] !== byte)) throw new Errors.ImportNotDocx();
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new Errors.ImportDamaged();
  }
  const main = zip.file('word/document.xml');
  if (main === null) throw new Errors.ImportNotDocx();
  // JSZip reads each entry's declared size from the central directory before inflating anything;
  // it has no public accessor, so the internal field is read defensively. The XML parts are what
  // this reader and mammoth inflate (images are never read).
  let declared = 0;
  zip.forEach((path, entry) => {
    if (!/\.(xml|rels)$/i.test(path)) return;
    const size = (entry as unknown as { _data?: { uncompressedSize?: unknown } })._data?.uncompressedSize;
    if (typeof size === 'number') declared += size;
  });
  if (declared > MAX_DOCUMENT_XML_BYTES) throw new Errors.ImportTooLarge();

  let documentXml: string;
  let stylesXml: string | null;
  try {
    documentXml = await main.async('string');
    stylesXml = (await zip.file('word/styles.xml')?.async('string')) ?? null;
  } catch {
    throw new Errors.ImportDamaged();
  }
  if (documentXml.length > MAX_DOCUMENT_XML_BYTES) throw new Errors.ImportTooLarge();

  let captured: unknown = null;
  let warnings = 0;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: bytes },
      {
        // Keep the tree and hand mammoth an empty document, so it spends nothing writing HTML.
        transformDocument: (element: unknown) => {
          captured = element;
          return { ...(element as object), children: [] };
        },
      },
    );
    warnings = result.messages.length;
  } catch {
    throw new Errors.ImportDamaged();
  }
  let tree: WordTree;
  try {
    tree = narrowWordTree(captured);
  } catch {
    throw new Errors.ImportDamaged();
  }
  return {
    tree,
    styles: readWordStyles(stylesXml),
    directLevels: directOutlineLevels(documentXml, tree.blocks),
    trackedChanges: countTags(documentXml, 'w:ins') + countTags(documentXml, 'w:del'),
    // A modern box is saved twice (DrawingML and its VML fallback), an old one once (VML).
    textBoxes: Math.max(countTags(documentXml, 'wps:txbx'), countTags(documentXml, 'v:textbox')),
    warnings,
  };
}
