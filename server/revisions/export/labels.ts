/**
 * Words of the comparison exports, in Vietnamese (the committee's language) and English.
 */
import type { BlockChange, ChangeKind, ChangeStatus } from '../compare/index.ts';
import { sectionReference } from '../../../document-model/section-reference.ts';
import LABEL_DATA from './labels.json';

/** Languages of the exports. */
export type ExportLang = 'vi' | 'en';

/** What an export says about the two versions. */
export interface ExportMeta {
  /** Document title. */
  title: string;
  /** Label of the older version, e.g. "Dự thảo lần 2". */
  fromLabel: string;
  /** Label of the newer version. */
  toLabel: string;
  /** Author of tracked changes that carry no author of their own (default "Draftroom"). */
  author?: string;
  /** Date stamped on tracked changes and shown in the header (default: now). */
  date?: Date;
}

/** The label set of one language. */
export interface Labels {
  comparison: string;
  from: string;
  to: string;
  generated: string;
  summary: string;
  sections: string;
  blocks: string;
  insertedWords: string;
  deletedWords: string;
  whitespaceOnly: string;
  formattingOnly: string;
  /** Note at a moved block's new place; `{place}` is the section it left ("mục 2."). */
  movedFrom: string;
  /** Note at a moved block's old place; `{place}` is the section it joined. */
  movedTo: string;
  /** The word before a section number in `{place}` ("mục"). */
  sectionWord: string;
  coarse: string;
  status: Record<ChangeStatus, string>;
  changeKind: Record<Exclude<ChangeKind, 'text'>, string>;
}

/** A label in both languages. */
interface Bilingual {
  vi: string;
  en: string;
}

/** Every word of the exports, each written once with both its languages (`labels.json`). */
const WORDS: Record<Exclude<keyof Labels, 'status' | 'changeKind'>, Bilingual> = LABEL_DATA.words;
const STATUS_WORDS: Record<ChangeStatus, Bilingual> = LABEL_DATA.status;

/** The label set of `lang`, picked out of the bilingual tables. */
function pick(lang: ExportLang): Labels {
  const words = Object.fromEntries(Object.entries(WORDS).map(([key, word]) => [key, word[lang]])) as Omit<Labels, 'status' | 'changeKind'>;
  const status = Object.fromEntries(Object.entries(STATUS_WORDS).map(([key, word]) => [key, word[lang]])) as Record<ChangeStatus, string>;
  return { ...words, status, changeKind: { whitespace: words.whitespaceOnly, formatting: words.formattingOnly } };
}

const LABELS: Record<ExportLang, Labels> = { vi: pick('vi'), en: pick('en') };

/** The labels of `lang`. */
export function labelsFor(lang: ExportLang): Labels {
  return LABELS[lang];
}

/** Statuses in the order the summary tables show them. */
export const STATUS_ORDER: readonly ChangeStatus[] = ['added', 'removed', 'moved', 'modified', 'unchanged'];

/** "Đã chuyển từ mục 2." with `template` and the section `number`; plain "Di chuyển" without a number. */
function moveNote(template: string, number: string | null, labels: Labels): string {
  return number === null ? labels.status.moved : template.replace('{place}', sectionReference(number, labels.sectionWord));
}

/**
 * The note at the old place of a moved block that opens its run (the exports show the old
 * place as a deletion): "Đã chuyển đến mục 3."; null for other blocks.
 */
export function movedAwayNote(block: BlockChange, labels: Labels): string | null {
  return block.move?.first === true ? moveNote(labels.movedTo, block.move.toSection, labels) : null;
}

/**
 * Short notes shown next to a block: "Đã chuyển từ mục 2." at the new place of a moved block
 * that opens its run (the other blocks of the run move with it, unlabelled), the kind of a
 * whitespace- or formatting-only change, a coarse diff. Empty for plain edits.
 */
export function blockNotes(block: BlockChange, labels: Labels): string[] {
  const notes: string[] = [];
  if (block.moved && block.move?.first !== false) notes.push(block.move === undefined ? labels.status.moved : moveNote(labels.movedFrom, block.move.fromSection, labels));
  if (block.changeKind === 'whitespace' || block.changeKind === 'formatting') notes.push(labels.changeKind[block.changeKind]);
  if (block.coarse === true) notes.push(labels.coarse);
  return notes;
}

/** The number shown before a heading: its number in `to`, or in `from` for a removed heading. */
export function displayNumber(block: BlockChange): string | null {
  return block.kind === 'heading' ? (block.toNumber ?? block.fromNumber) : null;
}

/** Marker of a list item. */
export function listMarker(block: BlockChange): string {
  return block.listKind === 'ordered' ? '–' : '•';
}
