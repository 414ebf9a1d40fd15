import * as decoding from 'lib0/decoding';
import type { CollabSocket, ConnectionIdentity } from './socket.ts';
import type { SharedDocument } from './shared-document.ts';
import { encodeAwareness, MessageType, SyncMessageType } from './messages.ts';
import { CloseCodes, type CloseCode } from './close-codes.ts';
import type { CollabLogger } from './hooks.ts';

/** Counters kept per connection, for tests and monitoring. */
export interface ConnectionStats {
  messagesReceived: number;
  /** Edits dropped because the connection is read-only. */
  droppedUpdates: number;
}

/** A message that could not be decoded; closes the connection with 4400. */
class MalformedMessageError extends Error {
  override name = 'MalformedMessageError';
}

/**
 * One client's WebSocket, speaking the y-websocket protocol.
 *
 * Messages are handled strictly in arrival order, and none before the document has been
 * loaded from storage. A malformed message closes this connection only (4400); it never
 * reaches the document or another client.
 */
export class CollabConnection {
  readonly stats: ConnectionStats = { messagesReceived: 0, droppedUpdates: 0 };
  private document: SharedDocument | null = null;
  private queue: Promise<void>;
  private closed = false;

  /**
   * @param attach resolves with the loaded document once this connection is attached to it
   *   (the registry calls `document.addConnection`), or rejects if it cannot be opened.
   */
  constructor(
    private readonly socket: CollabSocket,
    readonly identity: ConnectionIdentity,
    readonly documentId: string,
    attach: (connection: CollabConnection) => Promise<SharedDocument>,
    private readonly logger: CollabLogger,
  ) {
    this.queue = attach(this).then(
      (document) => {
        this.document = document;
      },
      (error: unknown) => {
        this.logger.error({ err: error, documentId }, 'could not open document');
        this.close(CloseCodes.DocumentNotFound.code, CloseCodes.DocumentNotFound.reason);
      },
    );
  }

  /** True once the connection was closed by either side. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Queues one message received from the socket. */
  receive(message: Uint8Array): void {
    if (this.closed) return;
    this.stats.messagesReceived += 1;
    this.queue = this.queue.then(() => this.handle(message)).catch((error: unknown) => this.fail(error));
  }

  /** Sends a message to the client unless the connection is closed. */
  send(message: Uint8Array): void {
    if (!this.closed) this.socket.send(message);
  }

  /** Closes the socket (once) and detaches from the document. */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.close(code, reason);
    this.document?.removeConnection(this);
  }

  /** Called by the adapter when the socket closed on its own. */
  handleSocketClosed(): void {
    if (this.closed) return;
    this.closed = true;
    this.document?.removeConnection(this);
  }

  private async handle(message: Uint8Array): Promise<void> {
    const document = this.document;
    if (this.closed || !document) return;
    const decoder = decoding.createDecoder(message);
    const type = readVarUint(decoder);
    switch (type) {
      case MessageType.Sync:
        await this.handleSync(document, decoder);
        break;
      case MessageType.Awareness:
        document.applyAwarenessFrom(this, readVarUint8Array(decoder));
        break;
      case MessageType.QueryAwareness:
        this.send(encodeAwareness(document.awareness, [...document.awareness.getStates().keys()]));
        break;
      case MessageType.Auth:
        // Authentication happens before the upgrade; in-band auth messages are ignored.
        break;
      default:
        throw new MalformedMessageError(`unknown message type ${type}`);
    }
  }

  private async handleSync(document: SharedDocument, decoder: decoding.Decoder): Promise<void> {
    const syncType = readVarUint(decoder);
    const payload = readVarUint8Array(decoder);
    switch (syncType) {
      case SyncMessageType.Step1:
        await document.answerSyncStep1(this, payload);
        return;
      case SyncMessageType.Step2:
      case SyncMessageType.Update:
        if (this.identity.readOnly) {
          this.stats.droppedUpdates += 1;
          return;
        }
        document.applyUpdateFrom(this, payload);
        return;
      default:
        throw new MalformedMessageError(`unknown sync message type ${syncType}`);
    }
  }

  private fail(error: unknown): void {
    if (this.closed) return;
    const closeCode: CloseCode = CloseCodes.MalformedMessage;
    this.logger.warn(
      { documentId: this.documentId, userId: this.identity.userId, reason: error instanceof Error ? error.message : String(error) },
      'closing a connection that sent a malformed message',
    );
    this.close(closeCode.code, closeCode.reason);
  }
}

/** Reads a varuint, turning lib0's errors (and absurd values) into MalformedMessageError. */
function readVarUint(decoder: decoding.Decoder): number {
  if (!decoding.hasContent(decoder)) throw new MalformedMessageError('message ends early');
  try {
    return decoding.readVarUint(decoder);
  } catch (error) {
    throw new MalformedMessageError(`bad varuint: ${String(error)}`);
  }
}

/** Reads a length-prefixed byte array, checking the length against what is left. */
function readVarUint8Array(decoder: decoding.Decoder): Uint8Array {
  const length = readVarUint(decoder);
  if (length > decoder.arr.length - decoder.pos) throw new MalformedMessageError('length beyond the end of the message');
  return decoding.readUint8Array(decoder, length);
}
