import type { DocumentChannel, DocumentChannelListener, DocumentFanout } from '../collab/fanout.ts';
import type { ProcessBus } from './process-bus.ts';
import { decodeDocumentMessage, encodeDocumentMessage } from './document-messages.ts';

/** The bus channel of a document: updates, awareness and sync requests share it (the first byte tells them apart). */
export function documentChannelName(documentId: string): string {
  return `doc:${documentId}`;
}

/** Logs a message a peer sent that this process could not use. */
interface FanoutLogger {
  warn(details: object, message: string): void;
}

/**
 * Live documents across server processes on a `ProcessBus`: one channel per loaded document
 * (`doc:<id>`), joined on load and left on unload. Messages the bus drops while Redis is down are
 * healed by the documents' sync requests after `onResync` and periodically.
 */
export class BusDocumentFanout implements DocumentFanout {
  constructor(private readonly bus: ProcessBus, private readonly logger: FanoutLogger) {}

  get shared(): boolean {
    return this.bus.shared;
  }

  get connected(): boolean {
    return this.bus.connected;
  }

  join(documentId: string, listener: DocumentChannelListener): DocumentChannel {
    const channel = documentChannelName(documentId);
    let left = false;
    const subscribing = this.bus.subscribe(channel, (payload) => {
      if (left) return;
      const message = decodeDocumentMessage(payload);
      if (!message) {
        this.logger.warn({ documentId }, 'ignored an unreadable message from another process');
        return;
      }
      if (message.kind === 'update') listener.update(message.update, message.userId);
      else if (message.kind === 'awareness') listener.awareness(message.update, message.owners);
      else listener.syncRequest(message.stateVector, message.deleteDigest, message.wantsAwareness);
    });
    // A subscription that fails is healed like an outage (the bus retries); it must not surface
    // as an unhandled rejection meanwhile.
    subscribing.catch(() => undefined);
    const publish = (bytes: Uint8Array): void => {
      if (!left) this.bus.publish(channel, bytes);
    };
    return {
      subscribed: subscribing.then(() => undefined),
      publishUpdate: (update, userId) => publish(encodeDocumentMessage({ kind: 'update', update, userId })),
      publishAwareness: (update, owners) => publish(encodeDocumentMessage({ kind: 'awareness', update, owners })),
      publishSyncRequest: (stateVector, deleteDigest, wantsAwareness) =>
        publish(encodeDocumentMessage({ kind: 'sync-request', stateVector, deleteDigest, wantsAwareness })),
      leave: () => {
        if (left) return;
        left = true;
        subscribing.then((unsubscribe) => unsubscribe(), () => undefined);
      },
    };
  }

  onResync(listener: () => void): () => void {
    return this.bus.onReconnect(listener);
  }
}
