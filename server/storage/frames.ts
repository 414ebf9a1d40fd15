import { crc32 } from 'node:zlib';

/**
 * Framing of the update log and snapshot files.
 *
 * A frame is `[length: u32 LE][crc32(payload): u32 LE][payload]`. A reader stops at the
 * first frame that is incomplete, longer than `MAX_FRAME_BYTES`, or whose checksum does not
 * match: everything before it is trusted, everything from it on is the "torn tail".
 */

/** Bytes of the header before each payload. */
export const FRAME_HEADER_BYTES = 8;
/** Largest payload a frame may hold; a bigger length field means a corrupt header. */
export const MAX_FRAME_BYTES = 256 * 1024 * 1024;

/** Encodes one payload as a frame. */
export function encodeFrame(payload: Uint8Array): Buffer {
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payload.byteLength);
  frame.writeUInt32LE(payload.byteLength, 0);
  frame.writeUInt32LE(crc32(payload), 4);
  frame.set(payload, FRAME_HEADER_BYTES);
  return frame;
}

/** The result of reading a sequence of frames. */
export interface DecodedFrames {
  /** Payloads of every intact frame, in order (views into the input buffer). */
  payloads: Uint8Array[];
  /** Offset just after the last intact frame. */
  validBytes: number;
  /** Bytes after `validBytes` that could not be read as a frame (0 when the input is clean). */
  tornBytes: number;
}

/** Reads frames from `data` until its end or the first damaged frame. Never throws. */
export function decodeFrames(data: Uint8Array): DecodedFrames {
  const view = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const payloads: Uint8Array[] = [];
  let offset = 0;
  while (offset + FRAME_HEADER_BYTES <= view.byteLength) {
    const length = view.readUInt32LE(offset);
    const checksum = view.readUInt32LE(offset + 4);
    const start = offset + FRAME_HEADER_BYTES;
    if (length > MAX_FRAME_BYTES || start + length > view.byteLength) break;
    const payload = view.subarray(start, start + length);
    if (crc32(payload) !== checksum) break;
    payloads.push(payload);
    offset = start + length;
  }
  return { payloads, validBytes: offset, tornBytes: view.byteLength - offset };
}
