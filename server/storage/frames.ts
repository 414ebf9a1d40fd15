import { crc32 } from 'node:zlib';

/**
 * Framing of the update log, snapshot and table files.
 *
 * A frame is `[length: u32 LE][crc32(payload): u32 LE][payload]`. A reader that meets a
 * frame that is incomplete, longer than `MAX_FRAME_BYTES`, or whose checksum does not match,
 * scans forward for the next offset where a whole frame checks out: a damaged frame in the
 * middle loses only itself. Bytes after the last intact frame are the "torn tail".
 */

/** Bytes of the header before each payload. */
export const FRAME_HEADER_BYTES = 8;
/** Largest payload a frame may hold; a bigger length field means a corrupt header. */
export const MAX_FRAME_BYTES = 256 * 1024 * 1024;

/** Encodes one payload as a frame; the payload must not be empty. */
export function encodeFrame(payload: Uint8Array): Buffer {
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payload.byteLength);
  frame.writeUInt32LE(payload.byteLength, 0);
  frame.writeUInt32LE(crc32(payload), 4);
  frame.set(payload, FRAME_HEADER_BYTES);
  return frame;
}

/** A run of damaged bytes between two intact frames. */
export interface SkippedRange {
  offset: number;
  bytes: number;
}

/** The result of reading a sequence of frames. */
export interface DecodedFrames {
  /** Payloads of every intact frame, in order (views into the input buffer). */
  payloads: Uint8Array[];
  /** Offset just after the last intact frame. */
  validBytes: number;
  /** Bytes after `validBytes` that could not be read as a frame (0 when the input is clean). */
  tornBytes: number;
  /** Damaged runs before `validBytes` that were skipped to reach later intact frames. */
  skipped: SkippedRange[];
}

/** The payload of an intact frame starting at `offset`, or null. */
function frameAt(view: Buffer, offset: number): Buffer | null {
  if (offset + FRAME_HEADER_BYTES > view.byteLength) return null;
  const length = view.readUInt32LE(offset);
  const start = offset + FRAME_HEADER_BYTES;
  // Nothing writes empty frames; refusing them keeps a zero-filled region from reading as frames.
  if (length === 0 || length > MAX_FRAME_BYTES || start + length > view.byteLength) return null;
  const payload = view.subarray(start, start + length);
  return crc32(payload) === view.readUInt32LE(offset + 4) ? payload : null;
}

/** One step of reading frames: an intact payload, or a damaged run that was skipped. */
export type FrameStep = { payload: Buffer; end: number } | { skipped: SkippedRange };

/**
 * Reads `data` frame by frame, skipping damaged runs in the middle; stops after the last
 * intact frame (what follows is the torn tail). Lets a caller pause between frames.
 */
export function* iterateFrames(data: Uint8Array): Generator<FrameStep> {
  const view = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  let offset = 0;
  while (offset + FRAME_HEADER_BYTES <= view.byteLength) {
    const payload = frameAt(view, offset);
    if (payload !== null) {
      offset += FRAME_HEADER_BYTES + payload.byteLength;
      yield { payload, end: offset };
      continue;
    }
    // Damaged here: look for the next offset where a whole frame checks out. A false match
    // needs a 32-bit checksum to agree by chance, so it is not a practical concern.
    let next = offset + 1;
    while (next + FRAME_HEADER_BYTES <= view.byteLength && frameAt(view, next) === null) next += 1;
    if (next + FRAME_HEADER_BYTES > view.byteLength) return;
    yield { skipped: { offset, bytes: next - offset } };
    offset = next;
  }
}

/** Reads every intact frame of `data`, skipping damaged runs in the middle. Never throws. */
export function decodeFrames(data: Uint8Array): DecodedFrames {
  const payloads: Uint8Array[] = [];
  const skipped: SkippedRange[] = [];
  let validBytes = 0;
  for (const step of iterateFrames(data)) {
    if ('skipped' in step) {
      skipped.push(step.skipped);
    } else {
      payloads.push(step.payload);
      validBytes = step.end;
    }
  }
  return { payloads, validBytes, tornBytes: data.byteLength - validBytes, skipped };
}

/** Total bytes of the skipped runs. */
export function skippedBytes(decoded: DecodedFrames): number {
  return decoded.skipped.reduce((sum, range) => sum + range.bytes, 0);
}
