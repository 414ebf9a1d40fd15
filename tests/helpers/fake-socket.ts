import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import type { CollabSocket } from '../../server/collab/socket.ts';

/**
 * An in-memory socket for driving the collaboration core without a network: it records
 * what the server sends and can apply the server's sync messages to its own Y.Doc.
 */
export class RecordingSocket implements CollabSocket {
  readonly sent: Uint8Array[] = [];
  closedWith: { code: number; reason: string } | null = null;
  readonly doc = new Y.Doc();

  send(message: Uint8Array): void {
    this.sent.push(message);
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) === 0) {
      // Apply sync step 2 and updates to the local replica; answers to step 1 are not needed here.
      syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), this.doc, 'server');
    }
  }

  close(code: number, reason: string): void {
    this.closedWith = { code, reason };
  }
}

/** A y-websocket sync step 1 message for `doc`. */
export function syncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/** A y-websocket update message. */
export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}
