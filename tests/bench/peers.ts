/** In-process y-websocket clients (the bench plays every editor itself). */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import type { BenchServer } from './servers.ts';

/** One connected client: its document and provider. */
export interface Peer {
  /** The client's local replica. */
  doc: Y.Doc;
  /** The y-websocket provider syncing it. */
  provider: WebsocketProvider;
}

/** The `ws` client class, typed as the browser constructor the provider expects. */
const NodeWebSocket = WebSocket as unknown as typeof globalThis.WebSocket;

/** Connects a fresh client to `room` on `server` (connection starts immediately). */
export function connectPeer(server: BenchServer, room: string, doc: Y.Doc = new Y.Doc()): Peer {
  const provider = new WebsocketProvider(server.wsUrl, room, doc, {
    params: server.wsParams,
    WebSocketPolyfill: NodeWebSocket,
    disableBc: true,
  });
  return { doc, provider };
}

/**
 * Resolves once `ready()` holds, re-checking after every sync state change and document
 * update; rejects after `timeoutMs`, or at once if the server closes the connection for good.
 */
export function waitFor(peer: Peer, ready: () => boolean, timeoutMs: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (!ready()) return;
      cleanup();
      resolve();
    };
    const closed = (event: { code: number; reason: string }): void => {
      cleanup();
      reject(new Error(`server closed the connection (${event.code} ${event.reason}) while waiting for ${what}`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      peer.provider.off('sync', check);
      peer.provider.off('closed', closed);
      peer.doc.off('update', check);
    };
    peer.provider.on('sync', check);
    peer.provider.on('closed', closed);
    peer.doc.on('update', check);
    check();
  });
}

/** A promise that rejects if the server closes a peer's connection for good, and its off switch. */
export interface CloseWatch {
  /** Rejects on a terminal close; never resolves. */
  closed: Promise<never>;
  /** Stops watching. */
  dispose(): void;
}

/** Watches `peer` for a terminal close (e.g. Draftroom's 4529 backlog overflow), for use in `Promise.race`. */
export function watchClose(peer: Peer, what: string): CloseWatch {
  let onClosed: (event: { code: number; reason: string }) => void = () => undefined;
  const closed = new Promise<never>((_resolve, reject) => {
    onClosed = (event) => reject(new Error(`server closed the ${what} connection (${event.code} ${event.reason})`));
  });
  closed.catch(() => undefined);
  peer.provider.on('closed', onClosed);
  return { closed, dispose: () => peer.provider.off('closed', onClosed) };
}

/** Resolves when the provider reports `synced`. */
export function waitSynced(peer: Peer, timeoutMs = 15_000): Promise<void> {
  return waitFor(peer, () => peer.provider.synced, timeoutMs, 'sync');
}

/** Disconnects and frees a client. */
export function closePeer(peer: Peer): void {
  peer.provider.destroy();
  peer.doc.destroy();
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
