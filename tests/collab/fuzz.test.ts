import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { connectClient, contentOf, waitFor, waitSynced, type TestClient } from '../helpers/clients.ts';
import { prng } from '../helpers/prng.ts';
import { requestJson, startTestServer, tempDataDir, type TestServer } from '../helpers/server.ts';

const FRAMES_PER_ROLE = 1500;
const PARALLEL_SOCKETS = 8;

let server: TestServer;
let dataDir: string;
let admin: string;
let ministry: string;

before(async () => {
  dataDir = tempDataDir();
  server = await startTestServer({ dataDir });
  admin = await server.login('admin', server.adminPassword);
  await server.createUser(admin, { username: 'fuzzer', password: 'mat-khau-fuzz', displayName: 'Fuzzer', role: 'ministry', organizationId: 'bo-tu-phap' });
  ministry = await server.login('fuzzer', 'mat-khau-fuzz');
});
after(() => server.close());

/** Wraps a payload as a message of `type` (and sync sub-type) the way y-websocket does. */
function message(type: number, payload: Uint8Array, syncType?: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  if (syncType !== undefined) encoding.writeVarUint(encoder, syncType);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** Builds the fuzz corpus: valid frames (some for other documents) and their mutations. */
function makeFrames(random: () => number, count: number, docs: Y.Doc[]): Array<Uint8Array | string> {
  const valid: Uint8Array[] = [];
  for (const doc of docs) {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    const before = Y.encodeStateVector(copy);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('chèn lạ')]);
    copy.getXmlFragment('prosemirror').insert(0, [paragraph]);
    const update = Y.encodeStateAsUpdate(copy, before);
    valid.push(message(0, update, 2), message(0, Y.encodeStateAsUpdate(copy), 1), message(0, Y.encodeStateVector(copy), 0));
  }
  valid.push(Uint8Array.of(3), message(1, Uint8Array.of(1, 5, 1, 2, 0x7b, 0x7d)));
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)] as T;
  const frames: Array<Uint8Array | string> = [];
  for (let i = 0; i < count; i++) {
    const base = pick(valid);
    const kind = Math.floor(random() * 9);
    let frame: Uint8Array | string;
    switch (kind) {
      case 0: // truncated anywhere, including inside a varint
        frame = base.slice(0, Math.floor(random() * base.length));
        break;
      case 1: {
        // bytes flipped
        frame = Uint8Array.from(base);
        for (let flips = 1 + Math.floor(random() * 4); flips > 0; flips--) {
          const at = Math.floor(random() * frame.length);
          frame[at] = (frame[at] ?? 0) ^ (1 << Math.floor(random() * 8));
        }
        break;
      }
      case 2: // wrong message type or sync sub-type
        frame = Uint8Array.from([4 + Math.floor(random() * 250), ...base.slice(1)]);
        break;
      case 3: // a huge length claim
        frame = Uint8Array.of(0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3);
        break;
      case 4: // an endless varint
        frame = Uint8Array.from({ length: 1 + Math.floor(random() * 20) }, () => 0x80 | Math.floor(random() * 128));
        break;
      case 5: // pure noise
        frame = Uint8Array.from({ length: Math.floor(random() * 64) }, () => Math.floor(random() * 256));
        break;
      case 6: // a text frame
        frame = 'not binary';
        break;
      case 7: // random bytes inserted
        {
          const at = Math.floor(random() * base.length);
          frame = Uint8Array.from([...base.slice(0, at), ...Array.from({ length: 1 + Math.floor(random() * 8) }, () => Math.floor(random() * 256)), ...base.slice(at)]);
        }
        break;
      default: // a valid-looking frame, possibly built for another document
        frame = base;
    }
    frames.push(frame);
  }
  return frames;
}

/** Sends every frame, a few frames per socket (a bad frame closes its socket), several sockets at once. */
async function blast(documentId: string, token: string, frames: Array<Uint8Array | string>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < frames.length) {
      const batch = frames.slice(next, next + 3);
      next += 3;
      const socket = new WebSocket(`${server.wsUrl}/${documentId}?token=${token}`);
      await new Promise<void>((resolve) => {
        socket.once('open', () => {
          for (const frame of batch) socket.send(frame);
          setTimeout(() => socket.close(), 5);
        });
        socket.once('close', () => resolve());
        socket.once('error', () => resolve());
      });
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_SOCKETS }, worker));
}

/** Two honest clients with some content on a new document. */
async function honestPair(title: string): Promise<{ documentId: string; a: TestClient; b: TestClient }> {
  const documentId = await server.createDocument(admin, title, 'nts-2030-2045');
  await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: admin, body: { members: [], organizations: ['bo-tu-phap'] } });
  const a = connectClient(server.wsUrl, documentId, admin);
  const b = connectClient(server.wsUrl, documentId, admin);
  await Promise.all([waitSynced(a), waitSynced(b)]);
  return { documentId, a, b };
}

/** Checks that honest clients still exchange edits and agree with the server. */
async function assertStillInSync(documentId: string, a: TestClient, b: TestClient, marker: string): Promise<void> {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(marker)]);
  a.fragment.insert(a.fragment.length, [paragraph]);
  await waitFor(() => contentOf(b).includes(marker), `${marker} reaches the other client`);
  await waitFor(() => contentOf(a) === contentOf(b), 'honest clients agree');
  const shared = await server.app.collab.open(documentId);
  await shared.whenStored();
  assert.equal(shared.doc.getXmlFragment('prosemirror').toString(), contentOf(a), 'server agrees');
}

test('thousands of junk frames from a read-only account: the server survives and stored content is unchanged', async () => {
  const { documentId, a, b } = await honestPair('Mục tiêu fuzz (chỉ đọc)');
  const other = new Y.Doc();
  other.getXmlFragment('prosemirror').insert(0, [new Y.XmlElement('heading')]);
  const shared = await server.app.collab.open(documentId);
  const before = Y.encodeStateAsUpdate(shared.doc);

  await blast(documentId, ministry, makeFrames(prng(7), FRAMES_PER_ROLE, [a.doc, other]));

  assert.deepEqual(Y.encodeStateAsUpdate(shared.doc), before, 'the document is byte-for-byte unchanged');
  assert.equal((await requestJson(server.baseUrl, 'GET', '/api/health')).status, 200);
  await assertStillInSync(documentId, a, b, 'sau đợt tấn công');
  a.destroy();
  b.destroy();
});

test('thousands of junk frames from an editor: the server survives and honest clients stay in sync', async () => {
  const target = await honestPair('Mục tiêu fuzz (biên tập)');
  const bystander = await honestPair('Tài liệu bên cạnh');
  const bystanderBefore = contentOf(bystander.a);
  const other = new Y.Doc();
  other.getXmlFragment('prosemirror').insert(0, [new Y.XmlElement('heading')]);

  await blast(target.documentId, admin, makeFrames(prng(11), FRAMES_PER_ROLE, [target.a.doc, bystander.a.doc, other]));

  assert.equal((await requestJson(server.baseUrl, 'GET', '/api/health')).status, 200);
  await assertStillInSync(target.documentId, target.a, target.b, 'vẫn đồng bộ');
  assert.equal(contentOf(bystander.b), bystanderBefore, 'another document is untouched');
  for (const client of [target.a, target.b, bystander.a, bystander.b]) client.destroy();

  // What is stored reloads cleanly and equals what the clients last saw.
  const reader = connectClient(server.wsUrl, target.documentId, admin);
  await waitSynced(reader);
  assert.ok(contentOf(reader).includes('vẫn đồng bộ'));
  reader.destroy();
});
