import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { prosemirrorToYXmlFragment } from 'y-prosemirror';
import { DEFAULT_CONNECTION_LIMITS } from '../../server/collab/connection.ts';
import { DocumentRegistry } from '../../server/collab/document-registry.ts';
import type { ConnectionIdentity } from '../../server/collab/socket.ts';
import { FileContentStore } from '../../server/storage/file-content-store.ts';
import { applyYMove } from '../../document-model/y-moves.ts';
import { CONTENT_FRAGMENT } from '../../document-model/fragment.ts';
import { outlineSchema } from '../../document-model/schema.ts';
import { buildTable } from '../../document-model/table-build.ts';
import { waitFor } from '../helpers/clients.ts';
import { RecordingSocket, updateMessage } from '../helpers/fake-socket.ts';
import { tempDataDir } from '../helpers/server.ts';
import { block } from '../document-model/outline-builder.ts';

/**
 * The server's move repair with a table in the moved section: A moves section I.1 (heading and
 * table) below I.2; B, who has not seen the move, types into a cell. What B typed must end up
 * in that cell of the moved table, on the server and on both clients.
 */

const logger = { info() {}, warn() {}, error() {} };
const editor: ConnectionIdentity = { userId: 'u1', displayName: 'Lan', role: 'editor', organizationId: null, readOnly: false, sessionTokenHash: 'h1' };

function seed(): Uint8Array {
  const doc = new Y.Doc();
  let n = 0;
  const table = buildTable([['Chỉ tiêu', 'Năm 2030'], ['Tỷ lệ đô thị hoá', '50%']], { headerRow: true, newId: () => `t${++n}` });
  const base = outlineSchema.node('doc', null, [block('h1:I'), block('h2:I.1'), table, block('h2:I.2'), block('p:b')]);
  prosemirrorToYXmlFragment(base, doc.getXmlFragment(CONTENT_FRAGMENT));
  return Y.encodeStateAsUpdate(doc);
}

class Replica {
  readonly doc = new Y.Doc();
  readonly outbox: Uint8Array[] = [];
  constructor(state: Uint8Array) {
    Y.applyUpdate(this.doc, state, 'remote');
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'remote') this.outbox.push(update);
    });
  }
  get fragment(): Y.XmlFragment {
    return this.doc.getXmlFragment(CONTENT_FRAGMENT);
  }
  take(): Uint8Array {
    return Y.mergeUpdates(this.outbox.splice(0));
  }
}

/** The live element with block id `id`, or null. */
function byId(fragment: Y.XmlFragment, id: string): Y.XmlElement | null {
  const found = fragment.createTreeWalker((node) => node instanceof Y.XmlElement && node.getAttribute('id') === id).next();
  return found.done ? null : (found.value as Y.XmlElement);
}

/** Text of the paragraph with block id `id`, or null when there is none. */
function paragraphText(fragment: Y.XmlFragment, id: string): string | null {
  const element = byId(fragment, id);
  return element === null ? null : element.toArray().map((child) => (child instanceof Y.XmlText ? child.toString() : '')).join('');
}

test('typing into a cell of a table whose section is being moved lands in the moved table, once', async () => {
  const registry = new DocumentRegistry({ content: new FileContentStore(tempDataDir(), logger), logger, unloadDelayMs: 60_000, limits: DEFAULT_CONNECTION_LIMITS });
  const connection = registry.connect(new RecordingSocket(), 'doc', editor);
  const shared = await registry.open('doc');
  const send = (update: Uint8Array): void => connection.receive(updateMessage(update));
  try {
    const base = seed();
    send(base);
    const a = new Replica(base);
    const b = new Replica(base);
    const valueCell = [...b.fragment.createTreeWalker((node) => node instanceof Y.XmlElement && node.nodeName === 'paragraph')].find((node) => (node as Y.XmlElement).toString().includes('50%')) as Y.XmlElement | undefined;
    const cellId = String(valueCell?.getAttribute('id'));
    assert.equal(paragraphText(b.fragment, cellId), '50%');
    const tableId = String((b.fragment.get(2) as Y.XmlElement).getAttribute('id'));

    applyYMove(a.fragment, { path: [], from: 1, count: 2, insertAt: 5 }, 'move');
    (byId(b.fragment, cellId)?.get(0) as Y.XmlText).insert(3, ' trở lên');
    send(a.take());
    send(b.take());
    const fragment = shared.doc.getXmlFragment(CONTENT_FRAGMENT);
    await waitFor(() => paragraphText(fragment, cellId) === '50% trở lên', 'the typing replayed into the moved table');
    await shared.whenStored();
    assert.deepEqual(fragment.toArray().map((node) => (node as Y.XmlElement).getAttribute('id')), ['I', 'I.2', 'b', 'I.1', tableId]);
    assert.equal((fragment.toString().match(/trở lên/gu) ?? []).length, 1, 'once');

    const state = Y.encodeStateAsUpdate(shared.doc);
    Y.applyUpdate(a.doc, state, 'remote');
    Y.applyUpdate(b.doc, state, 'remote');
    assert.equal(a.fragment.toString(), fragment.toString());
    assert.equal(b.fragment.toString(), fragment.toString());
  } finally {
    await registry.close();
  }
});
