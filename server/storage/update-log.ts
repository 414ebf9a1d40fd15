import { closeSync, copyFileSync, fdatasync, ftruncateSync, openSync, readFileSync, writeSync, existsSync } from 'node:fs';
import { decodeFrames, encodeFrame, skippedBytes } from './frames.ts';

/** What was found when a log was opened. */
export interface OpenedLog {
  log: UpdateLog;
  /** The updates recovered from the file, oldest first. */
  updates: Uint8Array[];
  /** Bytes of damaged frames (in the middle or a torn tail) that were set aside (0 for a clean log). */
  discardedBytes: number;
  /** Where the discarded bytes were copied before the log was cut, if any. */
  quarantinePath: string | null;
}

/**
 * An append-only file of checksummed Yjs updates for one document.
 *
 * `append` uses a synchronous write(2): when it returns, the frame is in the operating
 * system's hands, so it survives a crash or `kill -9` of this process. `sync()` (called on a
 * timer and before compaction) makes it survive a power failure too. A log is used by one
 * process at a time.
 */
export class UpdateLog {
  private fd: number;
  private bytes: number;
  private frames: number;
  private dirty = false;

  private constructor(readonly path: string, fd: number, bytes: number, frames: number) {
    this.fd = fd;
    this.bytes = bytes;
    this.frames = frames;
  }

  /**
   * Opens (or creates) the log at `path` and reads it. A damaged frame in the middle loses
   * only itself: reading resumes at the next intact frame. A torn tail — a frame cut short by
   * a crash, or damaged bytes at the end — is cut off, so new frames never follow garbage.
   * Either way the whole file is first copied to `<path>.torn-<time>`. The file descriptor is
   * closed again if anything fails.
   */
  static open(path: string): OpenedLog {
    const data = existsSync(path) ? readFileSync(path) : Buffer.alloc(0);
    const decoded = decodeFrames(data);
    const { payloads, validBytes, tornBytes } = decoded;
    const damaged = tornBytes + skippedBytes(decoded);
    const fd = openSync(path, 'a+');
    let quarantinePath: string | null = null;
    try {
      if (damaged > 0) {
        quarantinePath = `${path}.torn-${Date.now()}`;
        copyFileSync(path, quarantinePath);
        if (tornBytes > 0) ftruncateSync(fd, validBytes);
      }
    } catch (error) {
      closeSync(fd);
      throw error;
    }
    // Copy payloads out of the file buffer so it can be collected.
    const updates = payloads.map((payload) => Uint8Array.from(payload));
    return { log: new UpdateLog(path, fd, validBytes, payloads.length), updates, discardedBytes: damaged, quarantinePath };
  }

  /** Size of the log file in bytes. */
  get sizeBytes(): number {
    return this.bytes;
  }

  /** Number of frames in the log. */
  get frameCount(): number {
    return this.frames;
  }

  /** Appends one update; returns once the write(2) has completed. Throws on I/O errors. */
  append(update: Uint8Array): void {
    const frame = encodeFrame(update);
    let written = 0;
    while (written < frame.byteLength) {
      written += writeSync(this.fd, frame, written, frame.byteLength - written);
    }
    this.bytes += frame.byteLength;
    this.frames += 1;
    this.dirty = true;
  }

  /** Flushes written frames to the disk (fdatasync) if anything was appended since the last call. */
  async sync(): Promise<void> {
    if (!this.dirty) return;
    this.dirty = false;
    await new Promise<void>((resolve, reject) => fdatasync(this.fd, (error) => (error ? reject(error) : resolve())));
  }

  /** Empties the log, after its content has been saved in a snapshot. */
  truncate(): void {
    ftruncateSync(this.fd, 0);
    this.bytes = 0;
    this.frames = 0;
  }

  /** Closes the file. The object must not be used afterwards. */
  close(): void {
    closeSync(this.fd);
  }
}
