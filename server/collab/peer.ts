import type { ConnectionIdentity } from './socket.ts';

/**
 * What a shared document needs of a connected client: who it is, a way to send it a message
 * and a way to close it. `CollabConnection` implements it; keeping the document on this
 * narrow view is what lets the connection depend on the document and not the other way round.
 */
export interface DocumentPeer {
  readonly identity: ConnectionIdentity;
  /** Sends one binary message; never throws once the peer is closing. */
  send(message: Uint8Array): void;
  /** Closes the peer with an application close code. */
  close(code: number, reason: string): void;
}
