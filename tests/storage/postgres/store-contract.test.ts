import { openPostgresStore } from '../../../server/storage/postgres/postgres-store.ts';
import { createTestSchema, sharedModeSkip } from '../../helpers/postgres.ts';
import { storeContract } from '../store-contract.ts';

const silent = { warn() {}, info() {} };

storeContract(
  'PostgreSQL',
  async () => {
    const schema = await createTestSchema();
    return { open: () => openPostgresStore(schema.url, silent), cleanup: () => schema.drop() };
  },
  { skip: await sharedModeSkip() },
);
