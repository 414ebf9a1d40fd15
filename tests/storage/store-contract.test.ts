import { rmSync } from 'node:fs';
import { openEmbeddedStore } from '../../server/storage/embedded-store.ts';
import { tempDataDir } from '../helpers/server.ts';
import { storeContract } from './store-contract.ts';

const silent = { warn() {}, info() {} };

storeContract('embedded', async () => {
  const dataDir = tempDataDir();
  return {
    open: () => openEmbeddedStore(dataDir, silent, { fsyncIntervalMs: 0 }),
    async cleanup() {
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
});
