import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AttachmentContentStore } from './store.ts';

/** Ids the attachment store accepts: they become file names, so nothing else is allowed. */
const ATTACHMENT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Attachments as `<dir>/<id>.bin`, one file each, created exclusively (an existing id is refused). */
export class FileAttachmentStore implements AttachmentContentStore {
  constructor(private readonly dir: string) {}

  async put(id: string, data: Uint8Array): Promise<void> {
    if (!ATTACHMENT_ID_PATTERN.test(id)) throw new Error(`Invalid attachment id: ${JSON.stringify(id)}`);
    await mkdir(this.dir, { recursive: true });
    await writeFile(join(this.dir, `${id}.bin`), data, { flag: 'wx' });
  }

  async get(id: string): Promise<Uint8Array | undefined> {
    if (!ATTACHMENT_ID_PATTERN.test(id)) return undefined;
    try {
      return await readFile(join(this.dir, `${id}.bin`));
    } catch (error) {
      if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') return undefined;
      throw error;
    }
  }
}
