import type { ProseMirrorNode, PublicRevision, RevisionContent } from '../../server/revisions/schemas.ts';
import { narrowShape } from './shapes.ts';

/**
 * Revisions as `GET /api/documents/:id/revisions` presents them (the server's types), and
 * guards that narrow untrusted JSON to them. Every parser throws `TypeError` on a malformed value.
 */

/** A stored version of a document (its content is fetched separately). */
export type Revision = PublicRevision;
/** `named`: frozen by the secretariat; `checkpoint`: taken automatically. */
export type RevisionKind = Revision['kind'];
/** ProseMirror JSON of a node. */
export type ProseMirrorJson = ProseMirrorNode;
export type { RevisionContent };

/** Narrows an API revision. */
export const parseRevision = (value: unknown): Revision => narrowShape('Revision', value, 'revision');

/** Narrows the answer of `GET /api/documents/:id/revisions/:revisionId`. */
export const parseRevisionContent = (value: unknown): RevisionContent => narrowShape('RevisionContent', value, 'revisionContent');
