import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';

/** A raw WebSocket to `/collab/:id`, for sending hand-made frames. */
export interface RawSocket {
  socket: WebSocket;
  /** Binary messages received so far. */
  received: Uint8Array[];
  /** Resolves with the close code once the socket has closed. */
  closed: Promise<number>;
  send(frame: Uint8Array): void;
}

/** Opens a raw socket and resolves once it is open (rejects on an HTTP refusal). */
export function openRawSocket(wsUrl: string, documentId: string, token: string): Promise<RawSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${wsUrl}/${documentId}?token=${encodeURIComponent(token)}`);
    const received: Uint8Array[] = [];
    const closed = new Promise<number>((resolveClose) => socket.once('close', (code) => resolveClose(code)));
    socket.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
    socket.once('unexpected-response', (_request, response) => reject(new Error(`upgrade refused: ${response.statusCode}`)));
    socket.once('error', reject);
    socket.once('open', () =>
      resolve({
        socket,
        received,
        closed,
        send(frame) {
          if (socket.readyState === socket.OPEN) socket.send(frame);
        },
      }),
    );
  });
}

/** The close code a socket gets within `timeoutMs`, or null when it stays open. */
export async function closeCodeWithin(raw: RawSocket, timeoutMs: number): Promise<number | null> {
  return Promise.race([raw.closed, new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs))]);
}

/** An awareness message (y-websocket frame) for one client id with the given JSON state, as a client would send it. */
export function awarenessFrame(clientId: number, clock: number, state: unknown): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientId);
  encoding.writeVarUint(inner, clock);
  encoding.writeVarString(inner, JSON.stringify(state));
  const outer = encoding.createEncoder();
  encoding.writeVarUint(outer, 1);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return encoding.toUint8Array(outer);
}
