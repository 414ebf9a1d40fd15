/**
 * A token bucket that schedules instead of refusing: `ratePerSecond` tokens refill
 * continuously up to `burst`; each message takes one, and a message that finds the bucket
 * empty is told how long to wait for its token.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(private readonly ratePerSecond: number, private readonly burst: number, now = performance.now()) {
    this.tokens = burst;
    this.last = now;
  }

  /** Takes one token (going into debt if needed); returns the milliseconds to wait before using it. */
  reserve(now = performance.now()): number {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : (-this.tokens / this.ratePerSecond) * 1000;
  }
}

/**
 * A token bucket that refuses: `ratePerSecond` units refill continuously up to `burst`, and
 * `tryTake` succeeds only when the whole amount is there (a refused amount takes nothing).
 */
export class RefusingBucket {
  private tokens: number;
  private last: number;

  constructor(private readonly ratePerSecond: number, private readonly burst: number, now = performance.now()) {
    this.tokens = burst;
    this.last = now;
  }

  /** Takes `amount` units if the bucket holds them; returns false (taking nothing) otherwise. */
  tryTake(amount: number, now = performance.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
    if (amount > this.tokens) return false;
    this.tokens -= amount;
    return true;
  }
}
