/**
 * Token buckets: `ratePerSecond` tokens refill continuously up to `burst`. One schedules
 * (a message that finds the bucket empty is told how long to wait), the other refuses.
 */
abstract class RefillingBucket {
  protected tokens: number;
  private last: number;

  constructor(private readonly ratePerSecond: number, private readonly burst: number, now = performance.now()) {
    this.tokens = burst;
    this.last = now;
  }

  /** Adds what refilled since the last call, up to `burst`. */
  protected refill(now: number): void {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
  }

  /** Milliseconds until a debt of `-tokens` is paid back (0 when there is none). */
  protected waitFor(tokens: number): number {
    return tokens >= 0 ? 0 : (-tokens / this.ratePerSecond) * 1000;
  }
}

/** A token bucket that schedules instead of refusing: each message takes one token, going into debt if needed. */
export class TokenBucket extends RefillingBucket {
  /** Takes one token (going into debt if needed); returns the milliseconds to wait before using it. */
  reserve(now = performance.now()): number {
    this.refill(now);
    this.tokens -= 1;
    return this.waitFor(this.tokens);
  }
}

/** A token bucket that refuses: `tryTake` succeeds only when the whole amount is there (a refused amount takes nothing). */
export class RefusingBucket extends RefillingBucket {
  /** Takes `amount` units if the bucket holds them; returns false (taking nothing) otherwise. */
  tryTake(amount: number, now = performance.now()): boolean {
    this.refill(now);
    if (amount > this.tokens) return false;
    this.tokens -= amount;
    return true;
  }
}
