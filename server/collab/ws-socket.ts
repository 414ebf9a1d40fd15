import type { WebSocket } from 'ws';
import type { CollabSocket } from './socket.ts';

/**
 * How long a socket closed with data still queued may take to drain before it is destroyed:
 * a client that does not read would otherwise hold its queue until ws's 30 s close timeout.
 */
const DRAIN_GRACE_MS = 5_000;

/** Adapts a `ws` WebSocket to the core's `CollabSocket`, exposing its `bufferedAmount`. */
export function adaptWebSocket(socket: WebSocket): CollabSocket {
  return {
    send(message) {
      if (socket.readyState === socket.OPEN) socket.send(message, { binary: true });
    },
    close(code, reason) {
      if (socket.readyState !== socket.OPEN && socket.readyState !== socket.CONNECTING) return;
      socket.close(code, reason);
      if (socket.bufferedAmount > 0) {
        const timer = setTimeout(() => socket.terminate(), DRAIN_GRACE_MS);
        timer.unref();
        socket.once('close', () => clearTimeout(timer));
      }
    },
    get bufferedAmount() {
      return socket.bufferedAmount;
    },
  };
}
