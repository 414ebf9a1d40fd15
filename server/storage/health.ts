import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { StorageIo } from './io.ts';

/** What `/api/health` reports about storage. */
export type StorageStatus = { ok: true } | { ok: false; reason: string };

/**
 * Remembers whether the last write failed and why. Every store reports its writes here; the
 * next successful write clears a failure. While unhealthy, `check()` also writes and fsyncs a
 * tiny probe file in the data folder, so recovery (space freed) is noticed even when nobody
 * writes.
 */
export class StorageHealth {
  private failure: string | null = null;

  constructor(private readonly dataDir: string, private readonly io: StorageIo) {}

  /** Records a failed write; `what` names the file or store. */
  failed(what: string, error: unknown): void {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    const message = error instanceof Error ? error.message : String(error);
    this.failure = `writing ${what} failed: ${code || message}`;
  }

  /** Records a successful write. */
  succeeded(): void {
    this.failure = null;
  }

  /** The last failure's short reason (e.g. `ENOSPC`), or null when healthy. */
  get reason(): string | null {
    return this.failure;
  }

  /** The current status; probes the disk first when the last write failed. */
  async check(): Promise<StorageStatus> {
    if (this.failure === null) return { ok: true };
    const path = join(this.dataDir, '.health-probe');
    try {
      const file = await open(path, 'w');
      try {
        await this.io.write(file, Buffer.from(new Date().toISOString()), 0);
        await this.io.datasync(file);
      } finally {
        await file.close();
      }
      await rm(path, { force: true });
      this.failure = null;
      return { ok: true };
    } catch (error) {
      await rm(path, { force: true }).catch(() => undefined);
      this.failed('the health probe', error);
      return { ok: false, reason: this.failure ?? 'storage cannot write' };
    }
  }
}
