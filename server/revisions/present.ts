import type { RevisionRecord } from '../storage/records.ts';
import type { PublicRevision } from './schemas.ts';

/** The public view of a revision, with its author's current display name and its number of threads. */
export function presentRevision(
  revision: RevisionRecord,
  nameOf: (userId: string) => string | undefined,
  threadCount = 0,
): PublicRevision {
  return {
    id: revision.id,
    documentId: revision.documentId,
    kind: revision.kind,
    name: revision.name,
    note: revision.note,
    reason: revision.reason,
    createdBy: revision.createdBy === null ? null : { id: revision.createdBy, displayName: nameOf(revision.createdBy) ?? revision.createdBy },
    createdAt: revision.createdAt,
    stateBytes: revision.stateBytes,
    storedBytes: revision.storedBytes,
    restoredFrom: revision.restoredFrom,
    threadCount,
  };
}

/** Label of a version in comparisons and exports: the revision's name, or "Bản hiện hành" for the live draft. */
export function versionLabel(revision: RevisionRecord | null, lang: 'vi' | 'en' = 'vi'): string {
  if (revision) return revision.name;
  return lang === 'vi' ? 'Bản hiện hành' : 'Current draft';
}
