import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** Kinds of message on a document's channel (`doc:<id>`), the first byte of each. */
export const DocumentMessageKind = { Update: 0, Awareness: 1, SyncRequest: 2 } as const;

/** A decoded message of a document's channel. */
export type DocumentMessage =
  | { kind: 'update'; update: Uint8Array; userId: string | null }
  | { kind: 'awareness'; update: Uint8Array; owners: ReadonlyMap<number, string> }
  | { kind: 'sync-request'; stateVector: Uint8Array; deleteDigest: string; wantsAwareness: boolean };

/** Encodes a message: its kind byte, then its fields (lib0 var-length encoding). */
export function encodeDocumentMessage(message: DocumentMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  switch (message.kind) {
    case 'update':
      encoding.writeVarUint(encoder, DocumentMessageKind.Update);
      encoding.writeVarUint8Array(encoder, message.update);
      encoding.writeVarString(encoder, message.userId ?? '');
      break;
    case 'awareness':
      encoding.writeVarUint(encoder, DocumentMessageKind.Awareness);
      encoding.writeVarUint8Array(encoder, message.update);
      encoding.writeVarUint(encoder, message.owners.size);
      for (const [clientId, userId] of message.owners) {
        encoding.writeVarUint(encoder, clientId);
        encoding.writeVarString(encoder, userId);
      }
      break;
    case 'sync-request':
      encoding.writeVarUint(encoder, DocumentMessageKind.SyncRequest);
      encoding.writeVarUint8Array(encoder, message.stateVector);
      encoding.writeVarString(encoder, message.deleteDigest);
      encoding.writeVarUint(encoder, message.wantsAwareness ? 1 : 0);
      break;
  }
  return encoding.toUint8Array(encoder);
}

/**
 * Decodes a message of a document's channel, or null when it is not one this version knows (an
 * unknown kind, a truncated body): another version of the server may be running during an upgrade.
 */
export function decodeDocumentMessage(payload: Uint8Array): DocumentMessage | null {
  try {
    const decoder = decoding.createDecoder(payload);
    const kind = decoding.readVarUint(decoder);
    switch (kind) {
      case DocumentMessageKind.Update: {
        const update = decoding.readVarUint8Array(decoder);
        const userId = decoding.readVarString(decoder);
        return { kind: 'update', update, userId: userId === '' ? null : userId };
      }
      case DocumentMessageKind.Awareness: {
        const update = decoding.readVarUint8Array(decoder);
        const owners = new Map<number, string>();
        const count = decoding.readVarUint(decoder);
        for (let index = 0; index < count; index++) owners.set(decoding.readVarUint(decoder), decoding.readVarString(decoder));
        return { kind: 'awareness', update, owners };
      }
      case DocumentMessageKind.SyncRequest: {
        const stateVector = decoding.readVarUint8Array(decoder);
        const deleteDigest = decoding.readVarString(decoder);
        return { kind: 'sync-request', stateVector, deleteDigest, wantsAwareness: decoding.readVarUint(decoder) === 1 };
      }
      default:
        return null;
    }
  } catch {
    return null;
  }
}
