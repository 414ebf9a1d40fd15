import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BlockCache, estimateBlockBytes } from '../../server/revisions/block-cache.ts';
import type { OutlineBlock } from '../../server/revisions/compare/index.ts';

const block = (id: string, text: string): OutlineBlock => ({
  id,
  attributeId: id,
  itemId: null,
  kind: 'paragraph',
  level: 0,
  listKind: null,
  text,
  formatting: '',
  number: null,
  sectionId: null,
  clientRuns: [[1, text.length]],
  idRuns: [[1, 0, text.length]],
});

test('the block cache keeps the most recently used revisions within its byte budget', () => {
  const one = [block('a', 'x'.repeat(1000))];
  const size = estimateBlockBytes(one);
  assert.ok(size > 2000, 'two bytes a character at least');
  const cache = new BlockCache(size * 2 + 10);
  cache.set('d/r1', one);
  cache.set('d/r2', [block('b', 'y'.repeat(1000))]);
  assert.equal(cache.get('d/r1'), one, 'r1 used: r2 becomes the oldest');
  cache.set('d/r3', [block('c', 'z'.repeat(1000))]);
  assert.equal(cache.get('d/r2'), undefined, 'the least recently used went');
  assert.ok(cache.get('d/r1') !== undefined && cache.get('d/r3') !== undefined);
  const stats = cache.stats();
  assert.equal(stats.entries, 2);
  assert.ok(stats.bytes <= stats.budgetBytes);
  assert.deepEqual([stats.hits, stats.misses], [3, 1]);
  cache.delete('d/r1');
  assert.equal(cache.stats().entries, 1);
  cache.set('d/huge', [block('h', 'h'.repeat(10_000))]);
  assert.equal(cache.get('d/huge'), undefined, 'larger than the whole budget: not kept');
  assert.equal(cache.stats().entries, 1, 'and nothing else was evicted for it');
});
