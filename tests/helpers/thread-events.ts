/** One open `…/threads/events` stream of a test user, collecting the threads it receives. */
export interface ThreadEventStream<T> {
  /** Threads received (`event: thread`), in order. */
  events: T[];
  close(): void;
}

/**
 * Opens the live comment events of a document as the holder of `token`, the way a page does,
 * and collects every `thread` event's payload until closed.
 */
export function listenThreadEvents<T>(baseUrl: string, documentId: string, token: string): ThreadEventStream<T> {
  const controller = new AbortController();
  const events: T[] = [];
  void fetch(`${baseUrl}/api/documents/${documentId}/threads/events`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal })
    .then(async (response) => {
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').find((line) => line.startsWith('data: '));
          if (block.includes('event: thread') && data) events.push(JSON.parse(data.slice(6)) as T);
        }
      }
    })
    // Aborting the stream at the end of a test rejects the read: expected, nothing to report.
    .catch(() => undefined);
  return { events, close: () => controller.abort() };
}
