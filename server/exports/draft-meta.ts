/**
 * What an export of the draft says about itself besides its content: the title, the version
 * (a revision's name, or the draft being written) and its date, and who issues it.
 */
import { DISPLAY_TIME_ZONE, formatDateTime } from '../../document-model/date-time.ts';

/** The label of the live draft in exports. */
export const LIVE_DRAFT_LABEL = 'Bản đang soạn';

/** The facts printed around the draft's content. */
export interface DraftMeta {
  /** The document's title, NFC. */
  title: string;
  /** The revision's name ("Dự thảo lần 2"), or `LIVE_DRAFT_LABEL` for the live draft. */
  version: string;
  /** When the revision was frozen, or the export time for the live draft. */
  versionDate: Date;
  /** The drafting body of the header block (`DRAFTING_BODY`). */
  draftingBody: string;
}

/** The DỰ THẢO mark's second line: "Dự thảo lần 2 · 08:54, 02/12/2026" (Vietnam time). */
export function versionLine(meta: DraftMeta): string {
  return `${meta.version} · ${formatDateTime(meta.versionDate, DISPLAY_TIME_ZONE)}`;
}

/**
 * The download's file name without extension: the title with its diacritics, then the version
 * ("Chiến lược … - Dự thảo lần 2"; "… - Bản đang soạn" for the live draft).
 */
export function draftFileName(meta: Pick<DraftMeta, 'title' | 'version'>): string {
  return `${meta.title} - ${meta.version}`;
}
