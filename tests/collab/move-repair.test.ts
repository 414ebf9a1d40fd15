import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { prosemirrorToYXmlFragment } from 'y-prosemirror';
import { DEFAULT_CONNECTION_LIMITS } from '../../server/collab/connection.ts';
import { DocumentRegistry } from '../../server/collab/document-registry.ts';
import { MoveRepair } from '../../server/collab/move-repair.ts';
import type { ConnectionIdentity } from '../../server/collab/socket.ts';
import { FileContentStore } from '../../server/storage/file-content-store.ts';
import { applyYMove } from '../../document-model/y-moves.ts';
import { CONTENT_FRAGMENT } from '../../document-model/fragment.ts';
import { waitFor } from '../helpers/clients.ts';
import { RecordingSocket, updateMessage } from '../helpers/fake-socket.ts';
import { tempDataDir } from '../helpers/server.ts';
import { outline } from '../document-model/outline-builder.ts';
import { prng } from '../helpers/prng.ts';

/**
 * The server's move repair at the level of the collaboration core, with hand-driven clients so
 * that every interleaving is exact: A moves section I.2 below I.3 (one Yjs move), B edits the
 * paragraph of I.2 without having seen the move, and the updates reach the server in either
 * order. Whatever B typed must end up once in the moved paragraph, on the server, on the other
 * clients and after a reload.
 */

const logger = { info() {}, warn() {}, error() {} };
const editor: ConnectionIdentity = { userId: 'u1', displayName: 'Lan', role: 'editor', organizationId: null, readOnly: false, sessionTokenHash: 'h1' };

/** I, I.1, a, I.2, "Nội dung mục hai", I.3, d, II: the moved paragraph has id `p2`. */
function seed(): Uint8Array {
  const doc = new Y.Doc();
  const base = outline('h1:I', 'h2:I.1', 'p:a', 'h2:I.2', 'p:p2', 'h2:I.3', 'p:d', 'h1:II');
  prosemirrorToYXmlFragment(base, doc.getXmlFragment(CONTENT_FRAGMENT));
  const text = (doc.getXmlFragment(CONTENT_FRAGMENT).get(4) as Y.XmlElement).get(0) as Y.XmlText;
  text.delete(0, text.length);
  text.insert(0, 'Nội dung mục hai');
  return Y.encodeStateAsUpdate(doc);
}

/** A client replica: a Y.Doc whose local changes are collected as updates to send. */
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
  receive(state: Uint8Array): void {
    Y.applyUpdate(this.doc, state, 'remote');
  }
  take(): Uint8Array {
    const update = Y.mergeUpdates(this.outbox.splice(0));
    return update;
  }
}

/** Text of the live block `id` of `fragment`, or null. */
function blockText(fragment: Y.XmlFragment, id: string): string | null {
  const found = fragment.createTreeWalker((node) => node instanceof Y.XmlElement && node.getAttribute('id') === id).next();
  if (found.done) return null;
  return (found.value as Y.XmlElement)
    .toArray()
    .map((child) => (child instanceof Y.XmlText ? child.toString().replace(/<[^>]+>/g, '') : ''))
    .join('');
}

/** Top-level block ids in order. */
function order(fragment: Y.XmlFragment): string[] {
  return fragment.toArray().map((child) => String((child as Y.XmlElement).getAttribute('id')));
}

/** The move of I.2 (heading at 3, paragraph at 4) below I.3's section (before II, index 7). */
function moveI2Down(replica: Replica): void {
  applyYMove(replica.fragment, { path: [], from: 3, count: 2, insertAt: 7 }, 'move');
}

function typeInP2(replica: Replica, at: number, text: string, attrs?: Record<string, unknown>): void {
  const paragraph = replica.fragment.get(4) as Y.XmlElement;
  assert.equal(paragraph.getAttribute('id'), 'p2');
  (paragraph.get(0) as Y.XmlText).insert(at, text, attrs);
}

function deleteInP2(replica: Replica, at: number, length: number): void {
  const paragraph = replica.fragment.get(4) as Y.XmlElement;
  (paragraph.get(0) as Y.XmlText).delete(at, length);
}

interface World {
  dir: string;
  registry: DocumentRegistry;
  send(update: Uint8Array): void;
  serverFragment(): Promise<Y.XmlFragment>;
  serverState(): Promise<Uint8Array>;
  /** Resolves once the server has integrated everything `replicas` have. */
  caughtUp(replicas: Replica[]): Promise<void>;
  updatesSent(): number;
  /** How the server closed the sending connection, if it did. */
  closedWith(): { code: number; reason: string } | null;
}

async function world(dir = tempDataDir()): Promise<World> {
  const registry = new DocumentRegistry({ content: new FileContentStore(dir, logger), logger, unloadDelayMs: 60_000, limits: DEFAULT_CONNECTION_LIMITS });
  const socket = new RecordingSocket();
  const observer = new RecordingSocket();
  const connection = registry.connect(socket, 'doc', editor);
  registry.connect(observer, 'doc', editor);
  const shared = await registry.open('doc');
  return {
    dir,
    registry,
    send: (update) => connection.receive(updateMessage(update)),
    serverFragment: async () => {
      await shared.whenStored();
      return shared.doc.getXmlFragment(CONTENT_FRAGMENT);
    },
    serverState: async () => {
      await shared.whenStored();
      return Y.encodeStateAsUpdate(shared.doc);
    },
    caughtUp: async (replicas) => {
      const covered = (): boolean =>
        replicas.every((replica) => [...Y.decodeStateVector(Y.encodeStateVector(replica.doc))].every(([client, clock]) => Y.getState(shared.doc.store, client) >= clock));
      await waitFor(covered, 'the server has every update');
      await shared.whenStored();
    },
    updatesSent: () => observer.sent.length,
    closedWith: () => socket.closedWith,
  };
}

async function settle(w: World, predicate: (fragment: Y.XmlFragment) => boolean, message: string): Promise<Y.XmlFragment> {
  const fragment = await w.serverFragment();
  await waitFor(() => predicate(fragment), message);
  return w.serverFragment();
}

const MOVED_ORDER = ['I', 'I.1', 'a', 'I.3', 'd', 'I.2', 'p2', 'II'];

test('typing that reaches the server after the move lands in the moved paragraph, once, everywhere and after a reload', async () => {
  const w = await world();
  const base = seed();
  w.send(base);
  const a = new Replica(base);
  const b = new Replica(base);
  moveI2Down(a);
  typeInP2(b, 8, ' mới', { strong: {} });
  w.send(a.take());
  await settle(w, (f) => order(f).join() === MOVED_ORDER.join(), 'the move applied');
  w.send(b.take());
  const fragment = await settle(w, (f) => blockText(f, 'p2') === 'Nội dung mới mục hai', 'the typing replayed into the moved paragraph');
  assert.deepEqual(order(fragment), MOVED_ORDER);
  // The replayed text keeps its formatting.
  assert.match((fragment.get(6) as Y.XmlElement).toString(), /<strong> mới<\/strong>/);

  // Both clients converge on it.
  const state = await w.serverState();
  a.receive(state);
  b.receive(state);
  assert.equal(blockText(a.fragment, 'p2'), 'Nội dung mới mục hai');
  assert.equal(a.fragment.toString(), b.fragment.toString());
  assert.equal(a.fragment.toString(), fragment.toString());

  // The same update again changes nothing and sends nothing.
  const sent = w.updatesSent();
  w.send(b.take() ?? new Uint8Array());
  w.send(Y.encodeStateAsUpdate(b.doc));
  assert.equal((await w.serverFragment()).toString(), fragment.toString());
  assert.equal(w.updatesSent(), sent);

  // After a reload (snapshot written at unload) it is all still there, once.
  await w.registry.close();
  const again = await world(w.dir);
  assert.equal((await again.serverFragment()).toString(), fragment.toString());
  await again.registry.close();
});

test('typing that reaches the server before the move is carried into the moved paragraph', async () => {
  const w = await world();
  const base = seed();
  w.send(base);
  const a = new Replica(base);
  const b = new Replica(base);
  typeInP2(b, 8, ' mới');
  moveI2Down(a);
  w.send(b.take());
  await settle(w, (f) => blockText(f, 'p2') === 'Nội dung mới mục hai', 'the typing applied');
  w.send(a.take());
  const fragment = await settle(w, (f) => order(f).join() === MOVED_ORDER.join() && blockText(f, 'p2') === 'Nội dung mới mục hai', 'the typing carried over');
  const state = await w.serverState();
  a.receive(state);
  b.receive(state);
  assert.equal(a.fragment.toString(), fragment.toString());
  assert.equal(b.fragment.toString(), fragment.toString());
  await w.registry.close();
});

test('a deletion made concurrently with the move is carried over in either order, and edits made in the moved copy meanwhile stay', async () => {
  for (const typingFirst of [false, true]) {
    const w = await world();
    const base = seed();
    w.send(base);
    const a = new Replica(base);
    const b = new Replica(base);
    deleteInP2(b, 0, 9); // "Nội dung " → "mục hai"
    moveI2Down(a);
    const move = a.take();
    // The mover goes on typing at the start of the moved copy (its own update, as in the editor).
    const moved = a.fragment.get(6) as Y.XmlElement;
    (moved.get(0) as Y.XmlText).insert(0, 'Về ');
    const typing = a.take();
    const deletion = b.take();
    for (const update of typingFirst ? [deletion, move, typing] : [move, typing, deletion]) w.send(update);
    const fragment = await settle(w, (f) => blockText(f, 'p2') === 'Về mục hai', `deletion carried over (${typingFirst ? 'before' : 'after'} the move)`);
    assert.deepEqual(order(fragment), MOVED_ORDER);
    await w.registry.close();
  }
});

test('a third client joining later sees the same text, and compaction keeps no moved-away content', async () => {
  const w = await world();
  const base = seed();
  w.send(base);
  const a = new Replica(base);
  const b = new Replica(base);
  moveI2Down(a);
  typeInP2(b, 0, 'Đã sửa: ');
  w.send(a.take());
  w.send(b.take());
  const fragment = await settle(w, (f) => blockText(f, 'p2') === 'Đã sửa: Nội dung mục hai', 'replayed');
  const c = new Replica(await w.serverState());
  assert.equal(c.fragment.toString(), fragment.toString());

  await w.registry.close();
  // The stored snapshot, read without garbage collection, holds no deleted text.
  const reread = await world(w.dir);
  const state = await reread.serverState();
  const raw = new Y.Doc({ gc: false });
  Y.applyUpdate(raw, state);
  let deletedText = 0;
  for (const structs of raw.store.clients.values()) {
    for (const struct of structs) if (struct instanceof Y.Item && struct.deleted && struct.content instanceof Y.ContentString) deletedText++;
  }
  assert.equal(deletedText, 0);
  await reread.registry.close();
});

test('a document remembers at most its limit of moved-away blocks; the oldest one is forgotten and collected', () => {
  const server = new Y.Doc();
  const repair = new MoveRepair(server, (error) => {
    throw error;
  }, 1);
  const origin = { source: 'connection', connection: null };
  const apply = (update: Uint8Array): void => {
    repair.noteIncoming(update, 'v1');
    try {
      Y.applyUpdate(server, update, origin);
    } finally {
      repair.clearIncoming();
    }
  };
  const base = seed();
  apply(base);
  const a = new Replica(base);
  const original = server.getXmlFragment(CONTENT_FRAGMENT).get(4) as Y.XmlElement;
  moveI2Down(a);
  apply(a.take());
  assert.equal(repair.size, 1, 'the paragraph is remembered (headings too would be, up to the limit)');
  assert.ok(original._item?.deleted);
  // Moving it back makes the moved copy the remembered one; the first original is collected.
  applyYMove(a.fragment, { path: [], from: 5, count: 2, insertAt: 3 }, 'move');
  apply(a.take());
  assert.equal(repair.size, 1);
  assert.ok(original._item?.content instanceof Y.ContentDeleted, 'the forgotten original is collected');
  assert.deepEqual(order(server.getXmlFragment(CONTENT_FRAGMENT)), ['I', 'I.1', 'a', 'I.2', 'p2', 'I.3', 'd', 'II']);
});

test('random moves racing random typing: every typed word ends up exactly once, and the replicas converge', async () => {
  const w = await world();
  const doc = new Y.Doc();
  prosemirrorToYXmlFragment(outline(...Array.from({ length: 12 }, (_, i) => (i % 4 === 0 ? `h2:H${i}` : `p:P${i}`))), doc.getXmlFragment(CONTENT_FRAGMENT));
  const base = Y.encodeStateAsUpdate(doc);
  w.send(base);
  const a = new Replica(base);
  const b = new Replica(base);
  const random = prng(20261202);
  const pick = (n: number): number => Math.floor(random() * n);
  const typed: string[] = [];
  for (let round = 0; round < 40; round++) {
    const aUpdates: Uint8Array[] = [];
    for (let m = 0; m <= pick(2); m++) {
      const length = a.fragment.length;
      const from = pick(length);
      let insertAt = pick(length + 1);
      if (insertAt === from || insertAt === from + 1) insertAt = from === 0 ? length : 0;
      applyYMove(a.fragment, { path: [], from, count: 1, insertAt }, 'move');
      aUpdates.push(a.take());
    }
    const bUpdates: Uint8Array[] = [];
    for (let t = 0; t <= pick(3); t++) {
      const block = b.fragment.get(pick(b.fragment.length)) as Y.XmlElement;
      const text = block.get(0) as Y.XmlText;
      const word = `«${round}.${t}»`;
      typed.push(word);
      text.insert(random() < 0.5 ? 0 : text.length, word);
      bUpdates.push(b.take());
    }
    // A random interleaving of the two streams, each in its own order.
    while (aUpdates.length > 0 || bUpdates.length > 0) {
      const fromA = bUpdates.length === 0 || (aUpdates.length > 0 && random() < 0.5);
      const next = (fromA ? aUpdates : bUpdates).shift();
      if (next) w.send(next);
    }
    await w.caughtUp([a, b]);
    const state = await w.serverState();
    a.receive(state);
    b.receive(state);
  }
  assert.equal(w.closedWith(), null);
  const fragment = await w.serverFragment();
  const text = fragment.toString();
  for (const word of typed) assert.equal(text.split(word).length - 1, 1, `${word} exactly once in ${text}`);
  assert.equal(a.fragment.toString(), text);
  assert.equal(b.fragment.toString(), text);
  await w.registry.close();
});
