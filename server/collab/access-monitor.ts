import type { DocumentRegistry } from './document-registry.ts';
import type { ConnectionIdentity } from './socket.ts';
import { CloseCodes } from './close-codes.ts';

/** The verdict on an open connection's rights. */
export type AccessVerdict = 'ok' | 'unauthenticated' | 'forbidden' | 'permissions_changed';

/** Decides, for an open connection, whether it may stay open as it is. */
export type AccessChecker = (identity: ConnectionIdentity, documentId: string) => AccessVerdict;

const CLOSE_FOR: Record<Exclude<AccessVerdict, 'ok'>, { code: number; reason: string }> = {
  unauthenticated: CloseCodes.Unauthenticated,
  forbidden: CloseCodes.Forbidden,
  permissions_changed: CloseCodes.PermissionsChanged,
};

/**
 * Closes open connections whose rights are gone: at once when told (an account disabled, a
 * password reset, access removed) and on a timer for what nobody announces (sessions expiring).
 */
export class AccessMonitor {
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly registry: DocumentRegistry, private readonly check: AccessChecker) {}

  /** Re-checks every connection every `intervalMs`. */
  start(intervalMs: number): void {
    this.stop();
    this.timer = setInterval(() => this.recheck(() => true), intervalMs);
    this.timer.unref();
  }

  /** Stops the timer. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Re-checks the connections of one user. Returns how many were closed. */
  recheckUser(userId: string): number {
    return this.recheck((identity) => identity.userId === userId);
  }

  /** Re-checks the connections of one document. Returns how many were closed. */
  recheckDocument(documentId: string): number {
    return this.recheck((_identity, connectionDocumentId) => connectionDocumentId === documentId);
  }

  private recheck(selected: (identity: ConnectionIdentity, documentId: string) => boolean): number {
    let closed = 0;
    for (const connection of this.registry.connections) {
      if (!selected(connection.identity, connection.documentId)) continue;
      const verdict = this.check(connection.identity, connection.documentId);
      if (verdict === 'ok') continue;
      const { code, reason } = CLOSE_FOR[verdict];
      connection.close(code, reason);
      closed += 1;
    }
    return closed;
  }
}
