/**
 * The minimal socket the collaboration core needs. The Fastify route adapts a `ws`
 * WebSocket to it; tests and benchmarks may adapt anything else.
 */
export interface CollabSocket {
  /** Sends one binary message. Must not throw if the socket is already closing. */
  send(message: Uint8Array): void;
  /** Closes the socket with an application close code. */
  close(code: number, reason: string): void;
  /**
   * Bytes accepted by `send` but not yet handed to the network (a client that does not read
   * makes it grow). Absent when the transport cannot tell; then no slow-reader limit applies.
   */
  readonly bufferedAmount?: number;
}

/** Who is behind a connection, as established by authentication before the upgrade. */
export interface ConnectionIdentity {
  userId: string;
  displayName: string;
  role: string;
  organizationId: string | null;
  /** When true, the connection receives the document but its edits are dropped. */
  readOnly: boolean;
  /** Hash of the session token that opened the connection, to re-check it while open. */
  sessionTokenHash: string;
}
