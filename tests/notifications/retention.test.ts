import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { openEmbeddedStore } from '../../server/storage/embedded-store.ts';
import { NotificationRetention } from '../../server/notifications/retention.ts';
import type { NotificationRecord } from '../../server/storage/notification-records.ts';
import { tempDataDir } from '../helpers/server.ts';

const DAY_MS = 24 * 3600_000;
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined } as never;

function notice(id: string, createdAt: number): NotificationRecord {
  return {
    id,
    userId: 'lan',
    kind: 'deadline_in_1_day',
    documentId: 'doc1',
    roundId: 'round1',
    threadId: null,
    title: 'Còn 1 ngày',
    body: 'Hạn góp ý là ngày mai.',
    link: '/documents/doc1',
    createdAt: new Date(createdAt).toISOString(),
    readAt: null,
  };
}

test('retention removes the notifications older than its days as the clock moves on, and logs how many', async () => {
  const dataDir = tempDataDir();
  const store = await openEmbeddedStore(dataDir, silent, { fsyncIntervalMs: 0 });
  try {
    let clock = Date.parse('2026-12-02T08:00:00.000Z');
    await store.notifications.add([notice('a', clock - 400 * DAY_MS), notice('b', clock - 200 * DAY_MS), notice('c', clock - DAY_MS)]);
    const logged: unknown[] = [];
    const retention = new NotificationRetention(store.notifications, 365, () => clock, { info: (details) => logged.push(details), error: () => undefined });
    assert.equal(await retention.pruneNow(), 1);
    assert.deepEqual((await store.notifications.list('lan', 10)).map((row) => row.id), ['c', 'b']);
    clock += 200 * DAY_MS;
    assert.equal(await retention.pruneNow(), 1, 'b passed its year');
    assert.deepEqual((await store.notifications.list('lan', 10)).map((row) => row.id), ['c']);
    assert.equal(logged.length, 2);
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a pruning that fails is logged and answers 0; the next one works', async () => {
  const dataDir = tempDataDir();
  const store = await openEmbeddedStore(dataDir, silent, { fsyncIntervalMs: 0 });
  try {
    const clock = Date.parse('2026-12-02T08:00:00.000Z');
    await store.notifications.add([notice('a', clock - 400 * DAY_MS)]);
    const errors: unknown[] = [];
    let fail = true;
    const flaky = Object.create(store.notifications) as typeof store.notifications;
    flaky.prune = (before) => (fail ? Promise.reject(new Error('disk busy')) : store.notifications.prune(before));
    const retention = new NotificationRetention(flaky, 365, () => clock, { info: () => undefined, error: (details) => errors.push(details) });
    assert.equal(await retention.pruneNow(), 0);
    assert.equal(errors.length, 1);
    fail = false;
    assert.equal(await retention.pruneNow(), 1);
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
