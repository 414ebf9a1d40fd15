import type { Static } from '@sinclair/typebox';
import type { OutlineBlock } from './compare/index.ts';
import type { BlockCacheStatsSchema } from './schemas.ts';

/** What the cache holds (`bytes`: estimated memory, under `budgetBytes`) and how it has served. */
export type BlockCacheStats = Static<typeof BlockCacheStatsSchema>;

/**
 * Estimated heap bytes of `blocks`: strings at two bytes a character, each client run an array
 * of two numbers, and a fixed cost per block object. An estimate, but a proportional one, which
 * is what a budget needs.
 */
export function estimateBlockBytes(blocks: readonly OutlineBlock[]): number {
  let bytes = 64;
  for (const block of blocks) {
    bytes += 240 + 2 * (block.text.length + block.formatting.length + block.id.length) + 48 * block.clientRuns.length + 56 * block.idRuns.length;
  }
  return bytes;
}

/**
 * The comparable blocks of frozen revisions, least recently used first out, within a byte
 * budget. Revisions never change, so an entry never goes stale; reading a revision's state
 * from disk, decoding it and extracting its blocks is what a comparison would otherwise
 * repeat on every request. A set of blocks larger than the whole budget is not kept.
 */
export class BlockCache {
  private readonly entries = new Map<string, { blocks: readonly OutlineBlock[]; bytes: number }>();
  private bytes = 0;
  private hits = 0;
  private misses = 0;

  constructor(private readonly budgetBytes: number) {}

  /** The blocks of `key` (then the most recently used), or undefined. */
  get(key: string): readonly OutlineBlock[] | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) {
      this.misses += 1;
      return undefined;
    }
    this.hits += 1;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.blocks;
  }

  /** Keeps `blocks` under `key`, dropping the least recently used entries past the budget. */
  set(key: string, blocks: readonly OutlineBlock[]): void {
    this.delete(key);
    const bytes = estimateBlockBytes(blocks);
    if (bytes > this.budgetBytes) return;
    this.entries.set(key, { blocks, bytes });
    this.bytes += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.budgetBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.bytes;
    }
  }

  /** Forgets `key` (a pruned checkpoint). */
  delete(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }

  /** Current figures. */
  stats(): BlockCacheStats {
    return { entries: this.entries.size, bytes: this.bytes, budgetBytes: this.budgetBytes, hits: this.hits, misses: this.misses };
  }
}
