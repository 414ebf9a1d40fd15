import type { ServerResponse } from 'node:http';

/**
 * The wire side of server-sent events, shared by every stream the server keeps open (a
 * document's comment events, a user's notifications): the headers, one event, keep-alive lines.
 */

/** How often an idle stream gets a comment line, so proxies keep it open. */
const KEEP_ALIVE_MS = 25_000;

/** Starts an event stream on `response`: its headers and the browser's reconnection delay. */
export function openEventStream(response: ServerResponse): void {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-content-type-options': 'nosniff',
  });
  response.write('retry: 3000\n\n');
}

/** One event as written on the stream: its name and its payload as JSON. */
export function eventFrame(event: string, payload: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
}

/**
 * Writes a comment line to every stream `streams()` lists, every 25 s; the timer does not keep
 * the process alive. Clear it with `clearInterval` when the streams are closed.
 */
export function keepAlive(streams: () => Iterable<ServerResponse>): NodeJS.Timeout {
  const timer = setInterval(() => {
    for (const response of streams()) response.write(': keep-alive\n\n');
  }, KEEP_ALIVE_MS);
  timer.unref();
  return timer;
}
