import { nodeIo, type StorageIo } from '../../server/storage/io.ts';

/** A `StorageIo` that behaves like the disk until told to fail, then fails like a full one. */
export interface FaultyIo extends StorageIo {
  /** While true, every write fails with ENOSPC after writing half of its bytes. */
  failing: boolean;
  /** fdatasync calls so far. */
  syncs: number;
  /** write calls so far. */
  writes: number;
}

/** Makes a fresh `FaultyIo`, healthy at first. */
export function faultyIo(): FaultyIo {
  const io: FaultyIo = {
    failing: false,
    syncs: 0,
    writes: 0,
    async write(handle, data, position) {
      io.writes += 1;
      if (io.failing) {
        // A real full disk often takes part of the write: leave half behind to prove it is cut.
        await nodeIo.write(handle, data.subarray(0, Math.floor(data.byteLength / 2)), position);
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      }
      await nodeIo.write(handle, data, position);
    },
    async datasync(handle) {
      io.syncs += 1;
      await nodeIo.datasync(handle);
    },
  };
  return io;
}
