/**
 * A token bucket: `ratePerSecond` tokens refill continuously up to `burst`. Each message
 * takes one; a message finding the bucket empty is over the limit.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(private readonly ratePerSecond: number, private readonly burst: number, now = performance.now()) {
    this.tokens = burst;
    this.last = now;
  }

  /** Takes one token; false when none is left. */
  take(now = performance.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
