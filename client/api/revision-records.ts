import { isRecord, nullableString, object, string } from './narrow.ts';

/**
 * Revisions as `GET /api/documents/:id/revisions` presents them, and guards that narrow
 * untrusted JSON to them. Every parser throws `TypeError` on a malformed value.
 */

/** `named`: frozen by the secretariat; `checkpoint`: taken automatically. */
export type RevisionKind = 'named' | 'checkpoint';

/** A stored version of a document (its content is fetched separately). */
export interface Revision {
  id: string;
  documentId: string;
  kind: RevisionKind;
  name: string;
  note: string;
  /** Why it was taken: `idle`, `last_editor_left`, `before_restore`, `after_restore`, `named`; unknown values are kept. */
  reason: string;
  /** Null for checkpoints the system took on its own. */
  createdBy: { id: string; displayName: string } | null;
  /** ISO timestamp. */
  createdAt: string;
  /** Size of the encoded Yjs state. */
  stateBytes: number;
  /** Size on disk (compressed). */
  storedBytes: number;
  /** For a restore checkpoint: the revision that was restored. */
  restoredFrom: string | null;
  /** Comment threads filed against this revision (that the user may see). */
  threadCount: number;
}

/** ProseMirror JSON of a node; narrowed only to "an object with a string `type`", the schema checks the rest. */
export interface ProseMirrorJson {
  type: string;
  [key: string]: unknown;
}

/** `GET /api/documents/:id/revisions/:revisionId`: the revision and its content. */
export interface RevisionContent {
  revision: Revision;
  content: ProseMirrorJson;
}

function integer(source: Record<string, unknown>, key: string, what: string): number {
  const value = source[key];
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new TypeError(`${what}.${key}: expected an integer`);
  return value;
}

/** Narrows an API revision. */
export function parseRevision(value: unknown): Revision {
  const source = object(value, 'revision');
  const kind = source.kind;
  if (kind !== 'named' && kind !== 'checkpoint') throw new TypeError('revision.kind: expected named or checkpoint');
  const createdBy = isRecord(source.createdBy)
    ? { id: string(source.createdBy, 'id', 'revision.createdBy'), displayName: string(source.createdBy, 'displayName', 'revision.createdBy') }
    : null;
  return {
    id: string(source, 'id', 'revision'),
    documentId: string(source, 'documentId', 'revision'),
    kind,
    name: string(source, 'name', 'revision'),
    note: typeof source.note === 'string' ? source.note : '',
    reason: string(source, 'reason', 'revision'),
    createdBy,
    createdAt: string(source, 'createdAt', 'revision'),
    stateBytes: integer(source, 'stateBytes', 'revision'),
    storedBytes: integer(source, 'storedBytes', 'revision'),
    restoredFrom: nullableString(source, 'restoredFrom', 'revision'),
    threadCount: integer(source, 'threadCount', 'revision'),
  };
}

/** Narrows the answer of `GET /api/documents/:id/revisions/:revisionId`. */
export function parseRevisionContent(value: unknown): RevisionContent {
  const source = object(value, 'revisionContent');
  const content = object(source.content, 'revisionContent.content');
  return { revision: parseRevision(source.revision), content: { ...content, type: string(content, 'type', 'revisionContent.content') } };
}
