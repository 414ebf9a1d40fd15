import { createHash } from 'node:crypto';
import * as Y from 'yjs';

/**
 * A short digest of a document's delete set. State vectors say nothing about deletions, so two
 * copies with equal state vectors may still differ by a deletion one of them missed; comparing
 * digests tells a peer whether its deletions are worth sending. Copies holding the same items
 * with the same ones deleted have the same digest (the encoded delete set is merged and sorted).
 */
export function deleteDigest(doc: Y.Doc): string {
  // An update against the document's own state vector carries no structs: only the delete set.
  const deletions = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc));
  return createHash('sha256').update(deletions).digest('base64').slice(0, 22);
}

/** True when `doc` holds structs beyond `stateVector` (the peer that sent it lacks some). */
export function hasStructsBeyond(doc: Y.Doc, stateVector: Uint8Array): boolean {
  const theirs = Y.decodeStateVector(stateVector);
  for (const client of doc.store.clients.keys()) {
    if (Y.getState(doc.store, client) > (theirs.get(client) ?? 0)) return true;
  }
  return false;
}

/** True when `stateVector` (a peer's) counts structs `doc` lacks: the peer holds edits this copy has not seen. */
export function lacksStructsOf(doc: Y.Doc, stateVector: Uint8Array): boolean {
  for (const [client, clock] of Y.decodeStateVector(stateVector)) {
    if (clock > Y.getState(doc.store, client)) return true;
  }
  return false;
}
