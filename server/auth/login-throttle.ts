/** How many failures one key may have within a sliding window. */
export interface ThrottleRule {
  maxFailures: number;
  windowMs: number;
}

/** Per account and per client address (the address allows more: a ministry shares one NAT address). */
export interface LoginThrottleRules {
  account: ThrottleRule;
  address: ThrottleRule;
}

/** The defaults: 10 failures per account, 100 per address, each in 15 minutes. */
export const DEFAULT_LOGIN_RULES: LoginThrottleRules = {
  account: { maxFailures: 10, windowMs: 15 * 60_000 },
  address: { maxFailures: 100, windowMs: 15 * 60_000 },
};

/** One slot counted against a key; identity matters, so a slot can be given back. */
interface Slot {
  readonly at: number;
}

/** A sign-in attempt that holds one slot per key until it is known to have failed or not. */
export interface LoginAttempt {
  readonly accountKey: string;
  readonly addressKey: string;
  readonly slot: Slot;
}

/** Refusal of an attempt: the key that is full and when it frees a slot. */
export interface Refusal {
  scope: 'account' | 'address';
  /** Epoch milliseconds at which the oldest counted failure leaves the window. */
  retryAt: number;
}

/**
 * Counts failed sign-ins per account and per client address in a sliding window. An attempt
 * is counted as a failure *before* the password is checked (`begin` reserves a slot), so any
 * number of parallel guesses is cut off at the threshold; a right password gives its slots
 * back and clears the account's count. In memory: a restart forgets, which is fine for slowing
 * down guessing on one server. At most `maxKeys` keys are kept (expired ones are swept first,
 * then the oldest), so guessing with ever new usernames cannot exhaust memory.
 */
export class LoginThrottle {
  private readonly slots = new Map<string, Slot[]>();

  constructor(
    private readonly rules: LoginThrottleRules = DEFAULT_LOGIN_RULES,
    private readonly maxKeys = 100_000,
  ) {}

  /**
   * Reserves a failure slot under the account and the address, or returns why not (either
   * already holds its maximum of recent failures and attempts in flight). Nothing is reserved
   * when refused.
   */
  begin(username: string, address: string, now = Date.now()): LoginAttempt | Refusal {
    const accountKey = accountKeyOf(username);
    const addressKey = `address:${address}`;
    const refusal = this.refusal(accountKey, 'account', now) ?? this.refusal(addressKey, 'address', now);
    if (refusal) return refusal;
    const slot: Slot = { at: now };
    this.push(accountKey, slot);
    this.push(addressKey, slot);
    this.bound(now);
    return { accountKey, addressKey, slot };
  }

  /** The password was right: the account's failures are forgotten and the address slot given back. */
  succeeded(attempt: LoginAttempt): void {
    this.slots.delete(attempt.accountKey);
    this.release(attempt.addressKey, attempt.slot);
  }

  /** The password was never judged (the server was busy or failed): both slots are given back. */
  abandoned(attempt: LoginAttempt): void {
    this.release(attempt.accountKey, attempt.slot);
    this.release(attempt.addressKey, attempt.slot);
  }

  /** How many keys are counted now (at most about `maxKeys`). */
  get trackedKeys(): number {
    return this.slots.size;
  }

  /** When the account named `username` may try again (epoch ms), or null when it is not locked. */
  lockedUntil(username: string, now = Date.now()): number | null {
    return this.refusal(accountKeyOf(username), 'account', now)?.retryAt ?? null;
  }

  /** Forgets the failures of the account named `username` (the secretariat unlocks it). */
  unlock(username: string): void {
    this.slots.delete(accountKeyOf(username));
  }

  private refusal(key: string, scope: Refusal['scope'], now: number): Refusal | null {
    const rule = this.rules[scope];
    const recent = this.recent(key, rule.windowMs, now);
    const oldest = recent[0];
    if (recent.length < rule.maxFailures || oldest === undefined) return null;
    return { scope, retryAt: oldest.at + rule.windowMs };
  }

  private recent(key: string, windowMs: number, now: number): Slot[] {
    const slots = this.slots.get(key);
    if (!slots) return [];
    const firstKept = slots.findIndex((slot) => now - slot.at < windowMs);
    if (firstKept === -1) {
      this.slots.delete(key);
      return [];
    }
    if (firstKept > 0) slots.splice(0, firstKept);
    return slots;
  }

  private push(key: string, slot: Slot): void {
    const slots = this.slots.get(key);
    if (slots) slots.push(slot);
    else this.slots.set(key, [slot]);
  }

  private release(key: string, slot: Slot): void {
    const slots = this.slots.get(key);
    if (!slots) return;
    const index = slots.indexOf(slot);
    if (index !== -1) slots.splice(index, 1);
    if (slots.length === 0) this.slots.delete(key);
  }

  private bound(now: number): void {
    if (this.slots.size <= this.maxKeys) return;
    const longest = Math.max(this.rules.account.windowMs, this.rules.address.windowMs);
    for (const [key, slots] of this.slots) {
      const last = slots[slots.length - 1];
      if (last === undefined || now - last.at >= longest) this.slots.delete(key);
    }
    // Still full of live keys: forget the oldest tenth rather than grow without bound.
    let excess = this.slots.size - Math.floor(this.maxKeys * 0.9);
    for (const key of this.slots.keys()) {
      if (excess-- <= 0) break;
      this.slots.delete(key);
    }
  }
}

/** True when `begin` refused the attempt. */
export function isRefusal<Attempt extends object>(result: Attempt | Refusal): result is Refusal {
  return 'retryAt' in result;
}

/** Accounts are counted by their normalised username, known or not, so counting reveals nothing. */
export function accountKeyOf(username: string): string {
  return `account:${username.normalize('NFC').trim().toLowerCase()}`;
}
