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
