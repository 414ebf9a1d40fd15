import type { NotificationStore } from '../storage/store.ts';

const DAY_MS = 24 * 3600_000;

/** Reports what a pruning could not do; the next one tries again. */
interface RetentionLogger {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

/**
 * Keeps the bell's history bounded: removes the notifications older than `retentionDays`, read
 * or not, at start and then once a day. Every process of the shared mode may run it: removing
 * what is already removed changes nothing.
 */
export class NotificationRetention {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly store: NotificationStore,
    private readonly retentionDays: number,
    private readonly now: () => number,
    private readonly logger: RetentionLogger,
  ) {}

  /** Prunes now, then every `intervalMs` (a day unless a test says otherwise). */
  start(intervalMs = DAY_MS): void {
    this.stop();
    void this.pruneNow();
    this.timer = setInterval(() => void this.pruneNow(), intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a pruning under way. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Removes what is older than the retention now; resolves with how many (0 when it failed, logged). */
  pruneNow(): Promise<number> {
    this.running ??= (async () => {
      const before = new Date(this.now() - this.retentionDays * DAY_MS).toISOString();
      try {
        const removed = await this.store.prune(before);
        if (removed > 0) this.logger.info({ removed, before }, 'old notifications removed');
        return removed;
      } catch (error) {
        this.logger.error({ err: error }, 'could not remove old notifications');
        return 0;
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }
}
