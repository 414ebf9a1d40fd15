import * as decoding from 'lib0/decoding';
import type { CollabSocket, ConnectionIdentity } from './socket.ts';
import type { SharedDocument } from './shared-document.ts';
import { encodeAwareness, MessageType, SyncMessageType } from './messages.ts';
import { CloseCodes, type CloseCode } from './close-codes.ts';
import type { CollabLogger } from './logger.ts';
import type { DocumentPeer } from './peer.ts';
import { AwarenessRejected, guardAwarenessUpdate, type GuardedAwareness } from './awareness-guard.ts';
import { AwarenessBudget, type AwarenessLimits, type AwarenessOverrun } from './awareness-budget.ts';
import { DocumentMissingError } from './document-missing.ts';
import { TokenBucket } from './rate-limiter.ts';

/**
 * Per-connection limits. Past any of them the connection is closed with a retryable code
 * (45xx): an honest client reconnects and re-syncs, an abusive one holds no more than its share.
 */
export interface ConnectionLimits {
  /** Sustained messages per second handled for one client; faster ones wait their turn. */
  messagesPerSecond: number;
  /** Messages handled at once before the sustained rate applies. */
  messageBurst: number;
  /** Messages waiting beyond which the connection is closed (4529: the client re-syncs). */
  maxBacklog: number;
  /** Bytes waiting beyond which the connection is closed (4529). */
  maxBacklogBytes: number;
  /** Encoded bytes of this client's updates waiting for missing dependencies (4522 beyond). */
  maxPendingUpdateBytes: number;
  /** Updates of this client left waiting for missing dependencies (4522 beyond). */
  maxPendingUpdates: number;
  /** Awareness rate, held bytes, client ids and entries per message (4531 beyond). */
  awareness: AwarenessLimits;
  /**
   * Bytes queued for sending to this client (the socket's `bufferedAmount`) beyond which it is
   * closed as a slow reader (4508) instead of being sent more.
   */
  maxQueuedBytes: number;
}

/**
 * Limits that leave room for fast typing, pastes and cursor moves: a burst is throttled, not
 * refused, and only a flood the server cannot absorb closes the connection.
 */
export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  messagesPerSecond: 200,
  messageBurst: 600,
  maxBacklog: 2000,
  maxBacklogBytes: 64 * 1024 * 1024,
  // An honest client leaves updates waiting only between reconnecting and its sync step 2.
  maxPendingUpdateBytes: 1024 * 1024,
  maxPendingUpdates: 500,
  // A cursor state is a few hundred bytes, sent at most once per keystroke or selection change.
  awareness: {
    bytesPerSecond: 32 * 1024,
    burstBytes: 128 * 1024,
    maxHeldBytes: 32 * 1024,
    maxClientIds: 4,
    maxEntriesPerMessage: 16,
  },
  maxQueuedBytes: 16 * 1024 * 1024,
};

/** Counters kept per connection, for tests and monitoring. */
export interface ConnectionStats {
  messagesReceived: number;
  /** Edits dropped because the connection is read-only. */
  droppedUpdates: number;
  /** Awareness entries dropped because they named another user's client. */
  droppedAwareness: number;
  /** Awareness bytes received (whole messages), accepted or not. */
  awarenessBytes: number;
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
export class CollabConnection implements DocumentPeer {
  readonly stats: ConnectionStats = { messagesReceived: 0, droppedUpdates: 0, droppedAwareness: 0, awarenessBytes: 0 };
  private document: SharedDocument | null = null;
  private queue: Promise<void>;
  private closed = false;
  /** The client closed its socket; queued messages are still being handled. */
  private socketGone = false;
  private readonly bucket: TokenBucket;
  private readonly awarenessBudget: AwarenessBudget;
  private readonly closeListeners: Array<() => void> = [];
  private backlog = 0;
  private backlogBytes = 0;
  /** When the current run of back-to-back handling began (null while the queue is idle). */
  private sliceStart: number | null = null;

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
    private readonly limits: ConnectionLimits = DEFAULT_CONNECTION_LIMITS,
  ) {
    this.bucket = new TokenBucket(limits.messagesPerSecond, limits.messageBurst);
    this.awarenessBudget = new AwarenessBudget(limits.awareness);
    this.queue = attach(this).then(
      (document) => {
        this.document = document;
      },
      (error: unknown) => {
        // Only a document that does not exist is final; a storage or load error may heal.
        const missing = error instanceof DocumentMissingError;
        if (missing) this.logger.info({ documentId }, 'document does not exist');
        else this.logger.error({ err: error, documentId }, 'could not open document');
        const closeCode = missing ? CloseCodes.DocumentNotFound : CloseCodes.DocumentUnavailable;
        this.close(closeCode.code, closeCode.reason);
      },
    );
  }

  /** True once the connection was closed by either side. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Runs `listener` once, when the connection closes (either side). */
  onClose(listener: () => void): void {
    if (this.closed) listener();
    else this.closeListeners.push(listener);
  }

  /** Messages received but not handled yet. */
  get pendingMessages(): number {
    return this.backlog;
  }

  /**
   * Queues one message received from the socket. Past the sustained rate, messages wait their
   * turn; a backlog beyond the limits closes the connection (4529).
   */
  receive(message: Uint8Array): void {
    if (this.closed) return;
    this.stats.messagesReceived += 1;
    this.backlog += 1;
    this.backlogBytes += message.byteLength;
    if (this.backlog > this.limits.maxBacklog || this.backlogBytes > this.limits.maxBacklogBytes) {
      this.logger.warn({ documentId: this.documentId, userId: this.identity.userId }, 'closing a connection whose backlog overflowed');
      this.close(CloseCodes.RateLimited.code, CloseCodes.RateLimited.reason);
      return;
    }
    const delayMs = this.bucket.reserve();
    const readyAt = performance.now() + delayMs;
    this.queue = this.queue
      .then(() => (delayMs > 0 ? wait(readyAt - performance.now()).then(() => this.startSlice()) : this.yieldWhenBusy()))
      .then(() => this.handle(message))
      .catch((error: unknown) => this.fail(error))
      .finally(() => {
        this.backlog -= 1;
        this.backlogBytes -= message.byteLength;
        if (this.backlog === 0) this.sliceStart = null;
      });
  }

  /**
   * Sends a message to the client unless the connection is closed. A client that has more
   * than `maxQueuedBytes` waiting to be sent (it does not read) is closed with 4508 instead:
   * what is queued for one connection stays bounded by that plus one message.
   */
  send(message: Uint8Array): void {
    if (this.closed || this.socketGone) return;
    if ((this.socket.bufferedAmount ?? 0) > this.limits.maxQueuedBytes) {
      this.logger.warn({ documentId: this.documentId, userId: this.identity.userId }, 'closing a connection that does not read');
      this.close(CloseCodes.SlowReader.code, CloseCodes.SlowReader.reason);
      return;
    }
    this.socket.send(message);
  }

  /** Closes the socket (once) and detaches from the document. */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.close(code, reason);
    this.document?.removeConnection(this);
    this.notifyClosed();
  }

  /**
   * Called by the adapter when the socket closed on its own. The messages already received are
   * still handled first: a client that sends its last edits and leaves (a closed tab, a script)
   * has sent its work, and dropping what waited in the queue would lose it.
   */
  handleSocketClosed(): void {
    if (this.closed || this.socketGone) return;
    this.socketGone = true;
    void this.queue.then(() => {
      if (this.closed) return;
      this.closed = true;
      this.document?.removeConnection(this);
      this.notifyClosed();
    });
  }

  /**
   * Lets the event loop run other sockets' I/O once this connection's queue has been handled
   * for YIELD_AFTER_MS without a pause: the queue is a chain of promises, and a burst of
   * hundreds of messages would otherwise run as one long task that holds back every other
   * client's edits.
   */
  private yieldWhenBusy(): Promise<void> | undefined {
    const now = performance.now();
    if (this.sliceStart === null) this.sliceStart = now;
    // Not async: a message that need not wait is handled in the same tick as before.
    if (now - this.sliceStart < YIELD_AFTER_MS) return undefined;
    return new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.startSlice());
  }

  private startSlice(): void {
    this.sliceStart = performance.now();
  }

  private notifyClosed(): void {
    for (const listener of this.closeListeners.splice(0)) listener();
  }

  private async handle(message: Uint8Array): Promise<void> {
    const document = this.document;
    if (this.closed || !document) return;
    const decoder = decoding.createDecoder(message);
    const type = readVarUint(decoder);
    switch (type) {
      case MessageType.Sync:
        return this.handleSync(document, decoder);
      case MessageType.Awareness:
        return this.handleAwareness(document, readVarUint8Array(decoder));
      case MessageType.QueryAwareness:
        return this.answerAwarenessQuery(document);
      case MessageType.Auth:
        // Authentication happens before the upgrade; in-band auth messages are ignored.
        return;
      default:
        throw new MalformedMessageError(`unknown message type ${type}`);
    }
  }

  private async handleSync(document: SharedDocument, decoder: decoding.Decoder): Promise<void> {
    const syncType = readVarUint(decoder);
    const payload = readVarUint8Array(decoder);
    if (syncType === SyncMessageType.Step1) return document.answerSyncStep1(this, payload);
    if (syncType === SyncMessageType.Step2 || syncType === SyncMessageType.Update) return this.applyUpdate(document, payload);
    throw new MalformedMessageError(`unknown sync message type ${syncType}`);
  }

  /** Applies an update unless the connection is read-only; closes it (4522) when its waiting updates overflow. */
  private applyUpdate(document: SharedDocument, update: Uint8Array): void {
    if (this.identity.readOnly) {
      this.stats.droppedUpdates += 1;
      return;
    }
    if (!document.applyUpdateFrom(this, update, { maxBytes: this.limits.maxPendingUpdateBytes, maxUpdates: this.limits.maxPendingUpdates })) {
      this.logger.warn({ documentId: this.documentId, userId: this.identity.userId }, 'closing a connection whose updates wait for too much');
      this.close(CloseCodes.PendingUpdatesOverflow.code, CloseCodes.PendingUpdatesOverflow.reason);
    }
  }

  /** Answers a query for everyone's awareness; the answer is what this client asked for, so it is paid from its budget. */
  private answerAwarenessQuery(document: SharedDocument): void {
    const answer = encodeAwareness(document.awareness, [...document.awareness.getStates().keys()]);
    const overrun = this.awarenessBudget.charge(answer.byteLength);
    if (overrun) this.closeOverAwarenessBudget(overrun);
    else this.send(answer);
  }

  /**
   * Applies an awareness update after charging it to this connection's budget, stamping the
   * identity and dropping foreign entries. Over budget, nothing of it reaches anyone (4531).
   */
  private handleAwareness(document: SharedDocument, update: Uint8Array): void {
    this.stats.awarenessBytes += update.byteLength;
    const rate = this.awarenessBudget.charge(update.byteLength);
    if (rate) return this.closeOverAwarenessBudget(rate);
    let foreign = 0;
    let guarded: GuardedAwareness | null;
    try {
      guarded = guardAwarenessUpdate(
        update,
        this.identity,
        (clientId) => {
          const allowed = document.mayControlAwareness(this, clientId);
          if (!allowed) foreign += 1;
          return allowed;
        },
        this.limits.awareness.maxEntriesPerMessage,
      );
    } catch (error) {
      if (error instanceof AwarenessRejected && error.reason === 'too_many_entries') return this.closeOverAwarenessBudget('entries');
      throw error;
    }
    this.stats.droppedAwareness += foreign;
    if (!guarded) return;
    const held = this.awarenessBudget.hold(guarded.entries);
    if (held) return this.closeOverAwarenessBudget(held);
    document.applyAwarenessFrom(this, guarded.update);
  }

  private closeOverAwarenessBudget(overrun: AwarenessOverrun | 'entries'): void {
    this.logger.warn({ documentId: this.documentId, userId: this.identity.userId, overrun }, 'closing a connection over its awareness budget');
    this.close(CloseCodes.AwarenessOverBudget.code, CloseCodes.AwarenessOverBudget.reason);
  }

  private fail(error: unknown): void {
    if (this.closed) return;
    const closeCode: CloseCode =
      error instanceof AwarenessRejected && error.reason === 'too_large' ? CloseCodes.MessageTooLarge : CloseCodes.MalformedMessage;
    this.logger.warn(
      { documentId: this.documentId, userId: this.identity.userId, reason: error instanceof Error ? error.message : String(error) },
      'closing a connection that sent a malformed message',
    );
    this.close(closeCode.code, closeCode.reason);
  }
}

/** Continuous work on one connection's messages after which it lets other work run. */
const YIELD_AFTER_MS = 5;

/** Resolves after `ms` milliseconds (at once for ms ≤ 0). */
function wait(ms: number): Promise<void> {
  return ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
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
