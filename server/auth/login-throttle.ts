/**
 * Counts failed sign-ins per key (username and client address) in a sliding window and
 * refuses further attempts past a threshold. In memory: a restart forgets, which is fine
 * for slowing down password guessing on one server.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly maxFailures = 10, private readonly windowMs = 5 * 60_000) {}

  /** True when `key` has failed too often recently and must wait. */
  isBlocked(key: string, now = Date.now()): boolean {
    return this.recent(key, now).length >= this.maxFailures;
  }

  /** Records one failed attempt. */
  recordFailure(key: string, now = Date.now()): void {
    const recent = this.recent(key, now);
    recent.push(now);
    this.failures.set(key, recent);
  }

  /** Forgets the failures of `key` (after a successful sign-in). */
  reset(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string, now: number): number[] {
    const kept = (this.failures.get(key) ?? []).filter((time) => now - time < this.windowMs);
    if (kept.length === 0) this.failures.delete(key);
    return kept;
  }
}
