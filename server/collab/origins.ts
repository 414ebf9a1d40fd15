import type { DocumentPeer } from './peer.ts';

/**
 * Why a change was applied to a shared Y.Doc. Passed as the Yjs transaction origin so
 * that hooks (persistence, audit, authorship) can tell edits apart without guessing.
 */
export type TransactionOrigin =
  | { source: 'load' }
  | { source: 'connection'; connection: DocumentPeer }
  /** `userId`: the account on whose behalf the server edits (a restore, an applied proposal), when there is one. */
  | { source: 'server'; reason: string; userId?: string }
  /**
   * An update another server process committed to storage before publishing it (shared mode), or
   * a diff a peer sent to heal a gap. It is passed on to this process's connections but never
   * stored or published again; `userId` is the editor the origin process named, when it had one.
   */
  | { source: 'remote'; userId?: string };

/** Narrows an unknown Yjs transaction origin to ours. */
export function isTransactionOrigin(value: unknown): value is TransactionOrigin {
  if (typeof value !== 'object' || value === null || !('source' in value)) return false;
  const source = (value as { source: unknown }).source;
  return source === 'load' || source === 'connection' || source === 'server' || source === 'remote';
}

/** The origin used when stored content is replayed into a fresh Y.Doc. */
export const LOAD_ORIGIN: TransactionOrigin = { source: 'load' };

/** The origin of awareness updates heard from other server processes. */
export const REMOTE_AWARENESS_ORIGIN: TransactionOrigin = { source: 'remote' };
