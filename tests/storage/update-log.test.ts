import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UpdateLog } from '../../server/storage/update-log.ts';
import { decodeFrames, encodeFrame, FRAME_HEADER_BYTES } from '../../server/storage/frames.ts';
import { tempDataDir } from '../helpers/server.ts';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

test('frames round-trip and a damaged checksum stops the reader', () => {
  const data = Buffer.concat([encodeFrame(bytes(1, 2, 3)), encodeFrame(bytes(4)), encodeFrame(bytes(5, 6))]);
  assert.deepEqual(decodeFrames(data).payloads.map((p) => [...p]), [[1, 2, 3], [4], [5, 6]]);
  const damaged = Buffer.from(data);
  damaged.writeUInt8((damaged.at(-1) ?? 0) ^ 0xff, damaged.length - 1);
  const decoded = decodeFrames(damaged);
  assert.deepEqual(decoded.payloads.map((p) => [...p]), [[1, 2, 3], [4]]);
  assert.equal(decoded.tornBytes, FRAME_HEADER_BYTES + 2);
});

test('an absurd length field is treated as a torn tail, not an allocation', () => {
  const header = Buffer.alloc(8);
  header.writeUInt32LE(0xffffffff, 0);
  const decoded = decodeFrames(Buffer.concat([encodeFrame(bytes(7)), header]));
  assert.equal(decoded.payloads.length, 1);
  assert.equal(decoded.tornBytes, 8);
});

test('a log whose last frame was cut short loads without error and loses only that frame', () => {
  const dir = tempDataDir();
  const path = join(dir, 'doc.log');
  const { log } = UpdateLog.open(path);
  for (let i = 0; i < 5; i++) log.append(bytes(i, i, i, i));
  log.close();
  const fullSize = statSync(path).size;
  truncateSync(path, fullSize - 2); // a crash in the middle of the last write

  const reopened = UpdateLog.open(path);
  assert.deepEqual(reopened.updates.map((u) => [...u]), [0, 1, 2, 3].map((i) => [i, i, i, i]));
  assert.equal(reopened.discardedBytes, FRAME_HEADER_BYTES + 4 - 2);
  assert.ok(reopened.quarantinePath && existsSync(reopened.quarantinePath), 'the torn bytes are kept aside');
  assert.equal(readFileSync(reopened.quarantinePath).length, fullSize - 2);

  // New frames follow the last intact one, not the garbage.
  reopened.log.append(bytes(9));
  reopened.log.close();
  const again = UpdateLog.open(path);
  assert.deepEqual(again.updates.map((u) => [...u]), [...[0, 1, 2, 3].map((i) => [i, i, i, i]), [9]]);
  assert.equal(again.discardedBytes, 0);
  again.log.close();
});

test('garbage appended after valid frames is set aside, valid frames kept', () => {
  const dir = tempDataDir();
  const path = join(dir, 'doc.log');
  writeFileSync(path, Buffer.concat([encodeFrame(bytes(1)), encodeFrame(bytes(2))]));
  appendFileSync(path, Buffer.from('not a frame at all'));
  const opened = UpdateLog.open(path);
  assert.deepEqual(opened.updates.map((u) => [...u]), [[1], [2]]);
  assert.equal(opened.log.frameCount, 2);
  opened.log.close();
  assert.equal(readdirSync(dir).filter((name) => name.includes('.torn-')).length, 1);
});

test('truncate empties the log and counters', () => {
  const dir = tempDataDir();
  const { log } = UpdateLog.open(join(dir, 'doc.log'));
  log.append(bytes(1, 2));
  assert.equal(log.frameCount, 1);
  log.truncate();
  assert.equal(log.sizeBytes, 0);
  log.append(bytes(3));
  log.close();
  const reopened = UpdateLog.open(join(dir, 'doc.log'));
  assert.deepEqual(reopened.updates.map((u) => [...u]), [[3]]);
  reopened.log.close();
});

test('one flipped byte in frame 10 of 100 loses only that frame; the 90 after it are kept and new frames follow', () => {
  const dir = tempDataDir();
  const path = join(dir, 'doc.log');
  const { log } = UpdateLog.open(path);
  for (let i = 0; i < 100; i++) log.append(bytes(i, i + 1, i + 2));
  log.close();
  const data = readFileSync(path);
  const frameBytes = FRAME_HEADER_BYTES + 3;
  data[9 * frameBytes + FRAME_HEADER_BYTES + 1] = (data[9 * frameBytes + FRAME_HEADER_BYTES + 1] ?? 0) ^ 0x01;
  writeFileSync(path, data);

  const reopened = UpdateLog.open(path);
  const expected = Array.from({ length: 100 }, (_, i) => i).filter((i) => i !== 9);
  assert.deepEqual(reopened.updates.map((u) => u[0]), expected);
  assert.equal(reopened.discardedBytes, frameBytes);
  assert.ok(reopened.quarantinePath && existsSync(reopened.quarantinePath), 'the damaged file is copied aside');
  reopened.log.append(bytes(200));
  reopened.log.close();
  const again = UpdateLog.open(path);
  assert.deepEqual(again.updates.map((u) => u[0]), [...expected, 200]);
  again.log.close();
});

test('a zero-filled region (as left by a power loss) is skipped, not read as empty frames', () => {
  const dir = tempDataDir();
  const path = join(dir, 'doc.log');
  writeFileSync(path, Buffer.concat([encodeFrame(bytes(1)), Buffer.alloc(64), encodeFrame(bytes(2))]));
  const opened = UpdateLog.open(path);
  assert.deepEqual(opened.updates.map((u) => [...u]), [[1], [2]]);
  assert.equal(opened.discardedBytes, 64);
  opened.log.close();
});
