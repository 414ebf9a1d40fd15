import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { User } from '../api/records.ts';
import { colorForUser } from './user-color.ts';
import { CONTENT_FRAGMENT } from '../../document-model/fragment.ts';

/** The shared state of one open document: Yjs doc, network provider, offline cache. */
export interface CollabSession {
  readonly ydoc: Y.Doc;
  readonly provider: WebsocketProvider;
  readonly persistence: IndexeddbPersistence;
  /** The fragment bound to ProseMirror (name `prosemirror`, shared with the server). */
  readonly fragment: Y.XmlFragment;
  /** Disconnects and frees everything; the IndexedDB copy stays for the next visit. */
  destroy(): void;
}

/** WebSocket base URL of the collaboration endpoint on the page's own origin. */
export function collabUrl(loc: Pick<Location, 'protocol' | 'host'>): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/collab`;
}

/**
 * Opens `documentId`: the provider connects to `/collab/<id>` (the session cookie
 * authenticates it), the IndexedDB copy `draftroom-<id>` keeps edits made offline across
 * reloads and Yjs merges them when the connection returns. The awareness carries the
 * user's display name and colour for cursors and the presence list.
 */
export function openCollabSession(documentId: string, user: User): CollabSession {
  const ydoc = new Y.Doc();
  const persistence = new IndexeddbPersistence(`draftroom-${documentId}`, ydoc);
  const provider = new WebsocketProvider(collabUrl(location), documentId, ydoc);
  provider.awareness.setLocalStateField('user', { name: user.displayName, color: colorForUser(user.id) });
  return {
    ydoc,
    provider,
    persistence,
    fragment: ydoc.getXmlFragment(CONTENT_FRAGMENT),
    destroy() {
      provider.destroy();
      void persistence.destroy();
      ydoc.destroy();
    },
  };
}
