import type { ServerResponse } from 'node:http';
import type { RoundRecord, ThreadRecord, UserRecord } from '../storage/records.ts';
import { eventFrame, keepAlive, openEventStream } from '../http/event-stream.ts';
import type { ProcessBus } from '../fanout/process-bus.ts';
import { endStreamsSpread, StreamRelay, type RelayLogger } from '../fanout/streams-relay.ts';

/**
 * Who may receive an event of a document's stream, besides being allowed to open the document:
 * everyone (`document`), those who see the thread (`thread`), those who see the round (`round`).
 * Plain data, so the process that holds a listener decides with its own records, and an event
 * made on another process is filtered exactly like a local one.
 */
export type EventAudience = { kind: 'document' } | { kind: 'thread'; thread: ThreadRecord } | { kind: 'round'; round: RoundRecord };

/** Whether `userId` may receive an event of `documentId` meant for `audience`, by the current records. */
export type AudienceCheck = (userId: string, documentId: string, audience: EventAudience) => boolean;

/** An event as it travels to the other processes: the same payload for every allowed listener. */
interface RelayedEvent {
  event: string;
  payload: unknown;
  audience: EventAudience;
}

/** The bus channel prefix of documents' comment events (`threads:<documentId>`). */
export const THREAD_EVENTS_CHANNEL = 'threads:';

function isRelayedEvent(value: unknown): value is RelayedEvent {
  if (typeof value !== 'object' || value === null) return false;
  const { event, audience } = value as { event?: unknown; audience?: unknown };
  if (typeof event !== 'string' || typeof audience !== 'object' || audience === null) return false;
  const { kind, thread, round } = audience as { kind?: unknown; thread?: unknown; round?: unknown };
  if (kind === 'document') return true;
  if (kind === 'thread') return typeof thread === 'object' && thread !== null;
  return kind === 'round' && typeof round === 'object' && round !== null;
}

/** One open event stream. */
interface Listener {
  user: UserRecord;
  response: ServerResponse;
}

/**
 * Server-sent events per document: new threads, replies, decisions, comment settings and round
 * changes reach every open page without a reload, on every process of the deployment (relayed
 * on the bus channel `threads:<documentId>`). Each listener receives only what its user may see,
 * decided by `allows` on the listener's process when the event is delivered. After a bus outage
 * the streams are ended (spread over a few seconds): pages reconnect and reload what they show.
 */
export class ThreadEvents {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly timer: NodeJS.Timeout;
  private readonly relay: StreamRelay<RelayedEvent>;

  constructor(private readonly allows: AudienceCheck, bus: ProcessBus, logger: RelayLogger) {
    const responses = (): ServerResponse[] => [...this.listeners.values()].flatMap((set) => [...set].map((listener) => listener.response));
    this.timer = keepAlive(responses);
    // Events of other processes may have been lost while the bus was down: the pages reconnect and reload.
    this.relay = new StreamRelay(bus, THREAD_EVENTS_CHANNEL, isRelayedEvent, (documentId, message) => this.deliver(documentId, message), logger, () => endStreamsSpread(responses()));
  }

  /** Starts streaming to `response` (headers written here) until it closes. */
  subscribe(documentId: string, user: UserRecord, response: ServerResponse): void {
    openEventStream(response);
    const listener: Listener = { user, response };
    let set = this.listeners.get(documentId);
    if (!set) {
      set = new Set();
      this.listeners.set(documentId, set);
    }
    set.add(listener);
    this.relay.open(documentId);
    response.on('close', () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(documentId);
      this.relay.close(documentId);
    });
  }

  /**
   * Sends `event` with `payload` to every listener of the document, here and on the other
   * processes, whose user `audience` admits by the records at delivery: a person whose access
   * was withdrawn after subscribing receives nothing more.
   */
  publish(documentId: string, event: string, payload: unknown, audience: EventAudience): void {
    const message: RelayedEvent = { event, payload, audience };
    this.deliver(documentId, message);
    this.relay.send(documentId, message);
  }

  /** Ends the document's streams whose user `allowed` now refuses (after an access change). */
  prune(documentId: string, allowed: (userId: string) => boolean): void {
    for (const listener of this.listeners.get(documentId) ?? []) if (!allowed(listener.user.id)) listener.response.end();
  }

  /** Ends the streams of `userId` (every document, or one), e.g. when access or the account is withdrawn. */
  disconnect(userId: string, documentId?: string): void {
    for (const [id, set] of this.listeners) {
      if (documentId !== undefined && id !== documentId) continue;
      for (const listener of set) if (listener.user.id === userId) listener.response.end();
    }
  }

  /** Resolves once this process listens to the other processes for every document with an open stream. */
  listening(): Promise<void> {
    return this.relay.settled();
  }

  /** Ends every stream. */
  close(): void {
    clearInterval(this.timer);
    this.relay.dispose();
    for (const set of this.listeners.values()) for (const listener of set) listener.response.end();
    this.listeners.clear();
  }

  private deliver(documentId: string, message: RelayedEvent): void {
    const set = this.listeners.get(documentId);
    if (!set) return;
    const frame = eventFrame(message.event, message.payload);
    for (const listener of set) if (this.allows(listener.user.id, documentId, message.audience)) listener.response.write(frame);
  }
}
