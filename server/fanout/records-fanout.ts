import type { RecordChange } from '../storage/postgres/record-store.ts';
import { publishJson, subscribeJson, type ProcessBus } from './process-bus.ts';
import type { BusLogger } from './redis-bus.ts';

/** The bus channel of record writes. */
export const RECORDS_CHANNEL = 'records';

/** What a process tells the others after a write of the records committed. */
export interface RecordsMessage {
  version: number;
}

function isRecordsMessage(value: unknown): value is RecordsMessage {
  return typeof value === 'object' && value !== null && Number.isSafeInteger((value as { version?: unknown }).version);
}

/** The part of the PostgreSQL record store the fan-out needs. */
export interface SharedRecords {
  readonly currentVersion: number;
  refresh(): Promise<void>;
  onChange(listener: (change: RecordChange) => void): () => void;
}

/**
 * Keeps this process's records current with the other processes': announces each committed
 * write (`records` channel, the new version) and, on hearing of a version newer than the one
 * held, reads the records again. Refreshes never overlap and a burst of messages costs at most
 * one more refresh. Messages can be lost (Redis down), so it also refreshes after each
 * reconnect and every `intervalMs`. What changed reaches listeners of `records.onRefresh`.
 */
export class RecordsFanout {
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly stops: Array<() => void> = [];
  private stopped = false;

  constructor(
    private readonly bus: ProcessBus,
    private readonly records: SharedRecords,
    private readonly logger: BusLogger,
  ) {}

  /**
   * Starts announcing, listening, healing after reconnects and every `intervalMs`. Resolves once
   * subscribed, or at once while the bus is down (the subscription follows when it is back).
   */
  async start(intervalMs: number): Promise<void> {
    this.stops.push(this.records.onChange((change) => publishJson(this.bus, RECORDS_CHANNEL, { version: change.version } satisfies RecordsMessage)));
    this.stops.push(this.bus.onReconnect(() => void this.refresh()));
    this.timer = setInterval(() => void this.refresh(), intervalMs);
    this.timer.unref();
    const subscribed = subscribeJson(this.bus, RECORDS_CHANNEL, isRecordsMessage, (message) => {
      if (message.version > this.records.currentVersion) void this.refresh();
    }).then((unsubscribe) => {
      if (this.stopped) unsubscribe();
      else this.stops.push(unsubscribe);
    });
    if (this.bus.connected) await subscribed;
  }

  /** Reads the records again (coalesced with a refresh already running); never rejects. */
  refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.records.refresh();
        } catch (error) {
          // The next message, reconnect or tick tries again.
          this.logger.warn({ err: error }, 'could not read the records other processes wrote');
        }
      } while (this.again);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Stops listening and the timer. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const stop of this.stops.splice(0)) stop();
  }
}
