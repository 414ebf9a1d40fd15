/** One server-sent event as a test received it, with the time it arrived (performance.now()). */
export interface ReceivedEvent {
  event: string;
  data: unknown;
  at: number;
}

/** An open event stream of a test user. */
export interface OpenEventStream {
  /** Every event received so far (keep-alive lines left out), in order. */
  events: ReceivedEvent[];
  /** Resolves once the response headers arrived (the server registered the stream). */
  opened: Promise<void>;
  /** Events named `event`. */
  named(event: string): ReceivedEvent[];
  /** Whether the server ended the stream. */
  ended(): boolean;
  close(): void;
}

/**
 * Opens `path` on `baseUrl` as an event stream with the holder of `token`, the way a page's
 * EventSource does, and collects every event until closed.
 */
export function openEventStream(baseUrl: string, path: string, token: string): OpenEventStream {
  const controller = new AbortController();
  const events: ReceivedEvent[] = [];
  let markOpened: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (markOpened = resolve));
  let ended = false;
  void fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: controller.signal })
    .then(async (response) => {
      if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
      markOpened();
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const lines = buffer.slice(0, end).split('\n');
          buffer = buffer.slice(end + 2);
          const event = lines.find((line) => line.startsWith('event: '))?.slice(7);
          const data = lines.find((line) => line.startsWith('data: '))?.slice(6);
          if (event !== undefined && data !== undefined) events.push({ event, data: JSON.parse(data) as unknown, at: performance.now() });
        }
      }
      ended = true;
    })
    // Aborting the stream at the end of a test rejects the read: expected, nothing to report.
    .catch(() => undefined);
  return { events, opened, named: (event) => events.filter((received) => received.event === event), ended: () => ended, close: () => controller.abort() };
}
