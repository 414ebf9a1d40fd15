import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';

// Each Node WebsocketProvider adds a process 'exit' listener; tests open dozens.
process.setMaxListeners(100);

/** A real y-websocket client running in Node. */
export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** The content fragment (`prosemirror`). */
  fragment: Y.XmlFragment;
  destroy(): void;
}

/** Connects an unmodified `WebsocketProvider` (with `ws`) to a document, authenticated by `token`. */
export function connectClient(wsUrl: string, documentId: string, token: string, options: { connect?: boolean } = {}): TestClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(wsUrl, documentId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    connect: options.connect ?? true,
  });
  return {
    doc,
    provider,
    fragment: doc.getXmlFragment('prosemirror'),
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Polls `predicate` every 10 ms until it holds; rejects with `message` after `timeoutMs`. */
export async function waitFor(predicate: () => boolean, message: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Resolves once the client has completed its first sync with the server. */
export function waitSynced(client: TestClient, timeoutMs = 10_000): Promise<void> {
  return waitFor(() => client.provider.synced, 'client synced', timeoutMs);
}

/** The fragment's content as a string (XML), for comparing replicas. */
export function contentOf(client: TestClient): string {
  return client.fragment.toString();
}
