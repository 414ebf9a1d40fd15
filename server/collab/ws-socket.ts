import type { WebSocket } from 'ws';
import type { CollabSocket } from './socket.ts';

/** Adapts a `ws` WebSocket to the core's `CollabSocket`. */
export function adaptWebSocket(socket: WebSocket): CollabSocket {
  return {
    send(message) {
      if (socket.readyState === socket.OPEN) socket.send(message, { binary: true });
    },
    close(code, reason) {
      if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) socket.close(code, reason);
    },
  };
}
