import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConcurrencyLimiter } from '../../server/auth/concurrency-limiter.ts';

test('at most `concurrency` tasks run, in arrival order, and a full queue is refused at once', async () => {
  const limiter = new ConcurrencyLimiter(2, 3, () => new Error('full'));
  let running = 0;
  let peak = 0;
  const order: number[] = [];
  const releases: Array<() => void> = [];
  const task = (id: number) => () =>
    new Promise<number>((resolve) => {
      running += 1;
      peak = Math.max(peak, running);
      order.push(id);
      releases.push(() => {
        running -= 1;
        resolve(id);
      });
    });
  const admitted = [1, 2, 3, 4, 5].map((id) => limiter.run(task(id)));
  await assert.rejects(limiter.run(task(6)), /full/, 'two running and three waiting: the sixth is refused');
  assert.deepEqual({ running: limiter.running, waiting: limiter.waiting }, { running: 2, waiting: 3 });
  while (order.length < 5 || releases.length > 0) {
    await new Promise((resolve) => setImmediate(resolve));
    releases.shift()?.();
  }
  assert.deepEqual(await Promise.all(admitted), [1, 2, 3, 4, 5]);
  assert.deepEqual(order, [1, 2, 3, 4, 5]);
  assert.equal(peak, 2);
  assert.deepEqual({ running: limiter.running, waiting: limiter.waiting }, { running: 0, waiting: 0 });
});

test('a failing task frees its turn', async () => {
  const limiter = new ConcurrencyLimiter(1, 1, () => new Error('full'));
  await assert.rejects(limiter.run(() => Promise.reject(new Error('boom'))), /boom/);
  assert.equal(await limiter.run(() => Promise.resolve('next')), 'next');
  assert.equal(limiter.running, 0);
});
