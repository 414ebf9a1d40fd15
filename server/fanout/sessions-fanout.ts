import type { SessionRecord } from '../storage/records.ts';
import type { SessionRemoval } from '../storage/postgres/session-store.ts';
import { publishJson, subscribeJson, type ProcessBus } from './process-bus.ts';
import type { BusLogger } from './redis-bus.ts';

/** The bus channel of session revocations. */
export const SESSIONS_CHANNEL = 'sessions';

function isSessionRemoval(value: unknown): value is SessionRemoval {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  if (typeof message.tokenHash === 'string') return true;
  return typeof message.userId === 'string' && (message.keepTokenHash === null || typeof message.keepTokenHash === 'string');
}

/** The part of the PostgreSQL session store the fan-out needs. */
export interface SharedSessions {
  peek(tokenHash: string): SessionRecord | undefined;
  forget(tokenHash: string): void;
  forgetUser(userId: string, keepTokenHash?: string | null): void;
  reread(tokenHashes: readonly string[]): Promise<string[]>;
  onRemoved(listener: (removal: SessionRemoval) => void): () => void;
}

/** What this process does when it learns of sessions another process ended. */
export interface SessionConsequences {
  /** One session of `userId` ended (signed out): close what used it. */
  sessionEnded(userId: string): void;
  /** Sessions of `userId` were revoked (password changed or reset, account disabled): as a local revocation. */
  userRevoked(userId: string): void;
  /** The sessions long-lived connections of this process use now (re-read when healing). */
  sessionsInUse(): string[];
}

/**
 * Session revocation across processes: each removal this process makes is announced
 * (`sessions` channel: `{ tokenHash }` or `{ userId, keepTokenHash }`); a removal heard from
 * another process is dropped from what `peek` knows and its consequences run here, without
 * being announced again. Messages can be lost, so after each reconnect and every `intervalMs`
 * the sessions in use by open connections are read again from the database.
 */
export class SessionsFanout {
  private timer: NodeJS.Timeout | null = null;
  private readonly stops: Array<() => void> = [];
  private stopped = false;

  constructor(
    private readonly bus: ProcessBus,
    private readonly sessions: SharedSessions,
    private readonly consequences: SessionConsequences,
    private readonly logger: BusLogger,
  ) {}

  /** Starts; resolves once subscribed, or at once while the bus is down. */
  async start(intervalMs: number): Promise<void> {
    this.stops.push(this.sessions.onRemoved((removal) => publishJson(this.bus, SESSIONS_CHANNEL, removal)));
    this.stops.push(this.bus.onReconnect(() => void this.heal()));
    this.timer = setInterval(() => void this.heal(), intervalMs);
    this.timer.unref();
    const subscribed = subscribeJson(this.bus, SESSIONS_CHANNEL, isSessionRemoval, (removal) => this.removedElsewhere(removal)).then((unsubscribe) => {
      if (this.stopped) unsubscribe();
      else this.stops.push(unsubscribe);
    });
    if (this.bus.connected) await subscribed;
  }

  /** Reads the sessions in use again and closes what used the ones that are gone; never rejects. */
  async heal(): Promise<void> {
    const inUse = this.consequences.sessionsInUse();
    const owners = new Map<string, string>();
    for (const hash of inUse) {
      const userId = this.sessions.peek(hash)?.userId;
      if (userId !== undefined) owners.set(hash, userId);
    }
    try {
      const gone = await this.sessions.reread(inUse);
      const users = new Set(gone.flatMap((hash) => owners.get(hash) ?? []));
      for (const userId of users) this.consequences.sessionEnded(userId);
    } catch (error) {
      this.logger.warn({ err: error }, 'could not read the sessions in use again');
    }
  }

  /** Stops listening and the timer. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const stop of this.stops.splice(0)) stop();
  }

  private removedElsewhere(removal: SessionRemoval): void {
    if ('tokenHash' in removal) {
      const userId = this.sessions.peek(removal.tokenHash)?.userId;
      this.sessions.forget(removal.tokenHash);
      if (userId !== undefined) this.consequences.sessionEnded(userId);
      return;
    }
    this.sessions.forgetUser(removal.userId, removal.keepTokenHash);
    this.consequences.userRevoked(removal.userId);
  }
}
