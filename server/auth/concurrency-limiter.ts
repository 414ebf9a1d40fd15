/**
 * Runs at most `concurrency` tasks at once; later ones wait in a first-in, first-out queue
 * of at most `maxQueued`. Past that bound `run` rejects at once with `whenFull()`, so a
 * flood is refused quickly instead of queueing without end.
 */
export class ConcurrencyLimiter {
  private active = 0;
  private readonly queue: Array<() => void> = [];

  constructor(
    private readonly concurrency: number,
    private readonly maxQueued: number,
    private readonly whenFull: () => Error,
  ) {}

  /** Tasks running now. */
  get running(): number {
    return this.active;
  }

  /** Tasks waiting for a turn. */
  get waiting(): number {
    return this.queue.length;
  }

  /** Runs `task` when a turn is free; its result or failure is passed through. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.concurrency) {
      if (this.queue.length >= this.maxQueued) throw this.whenFull();
      // The finishing task hands its turn over directly, so `active` never drops in between.
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.active += 1;
    }
    try {
      return await task();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.active -= 1;
    }
  }
}
