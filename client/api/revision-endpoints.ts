import { apiRequest } from './http.ts';
import { parseCompareResult, type CompareResult } from './comparison-records.ts';
import { parseList } from './records.ts';
import { parseRevision, parseRevisionContent, type Revision, type RevisionContent } from './revision-records.ts';

/** Typed calls of the revisions and comparison routes; each resolves with narrowed data. */

/** A version to compare: a revision id, or `current` for the live draft. */
export type VersionRef = string;

/** The live draft as a version reference. */
export const CURRENT: VersionRef = 'current';

function documentBase(documentId: string): string {
  return `/api/documents/${encodeURIComponent(documentId)}`;
}

/** Every revision and checkpoint of a document, newest first. */
export function listRevisions(documentId: string): Promise<Revision[]> {
  return apiRequest(`${documentBase(documentId)}/revisions`, (body) => parseList(body, parseRevision));
}

/** Freezes the live draft as a named revision (secretariat only; others get 403). An empty note is left out. */
export function createRevision(documentId: string, name: string, note: string): Promise<Revision> {
  const body = note === '' ? { name } : { name, note };
  return apiRequest(`${documentBase(documentId)}/revisions`, parseRevision, { method: 'POST', body });
}

/** One revision with its content as ProseMirror JSON. */
export function fetchRevision(documentId: string, revisionId: string): Promise<RevisionContent> {
  return apiRequest(`${documentBase(documentId)}/revisions/${encodeURIComponent(revisionId)}`, parseRevisionContent);
}

/** Makes the live draft the revision's content (secretariat only); resolves with the "after restore" checkpoint. */
export function restoreRevision(documentId: string, revisionId: string): Promise<Revision> {
  return apiRequest(`${documentBase(documentId)}/revisions/${encodeURIComponent(revisionId)}/restore`, parseRevision, { method: 'POST', body: {} });
}

function compareQuery(from: VersionRef, to: VersionRef, lang?: 'vi' | 'en'): string {
  const query = new URLSearchParams({ from, to });
  if (lang !== undefined) query.set('lang', lang);
  return query.toString();
}

/**
 * The structured comparison of two versions; the labels come in `lang`. `changes` leaves out
 * the text of unchanged blocks other than headings (a much smaller answer), `full` has it all.
 */
export function fetchComparison(documentId: string, from: VersionRef, to: VersionRef, lang: 'vi' | 'en', detail: 'full' | 'changes' = 'full'): Promise<CompareResult> {
  return apiRequest(`${documentBase(documentId)}/compare?${compareQuery(from, to, lang)}&detail=${detail}`, parseCompareResult);
}

/** URL of the Word download (tracked changes) of a comparison; the session cookie authenticates it. */
export function compareDocxUrl(documentId: string, from: VersionRef, to: VersionRef): string {
  return `${documentBase(documentId)}/compare.docx?${compareQuery(from, to)}`;
}

/** URL of the printable HTML of a comparison in `lang`. */
export function compareHtmlUrl(documentId: string, from: VersionRef, to: VersionRef, lang: 'vi' | 'en'): string {
  return `${documentBase(documentId)}/compare.html?${compareQuery(from, to, lang)}`;
}
