import type { SharedDocument } from './shared-document.ts';
import type { TransactionOrigin } from './origins.ts';

/**
 * Lifecycle hooks of shared documents. Cross-cutting features (revisions, audit, anchor
 * checks) subscribe here instead of being wired into the connection code. A hook that
 * throws is logged and does not affect the edit.
 */
export interface DocumentHooks {
  /** After the stored content was loaded, before any client is answered. */
  onLoad?(document: SharedDocument): void | Promise<void>;
  /** After an update was durably stored and passed on to the other clients. */
  onChange?(document: SharedDocument, update: Uint8Array, origin: TransactionOrigin): void;
  /** After the document's content was compacted into a snapshot. */
  onStore?(document: SharedDocument): void;
  /** When the last connection of a document closed. */
  onEmpty?(document: SharedDocument): void;
  /** Before the document is dropped from memory (its content is already stored). */
  onUnload?(document: SharedDocument): void | Promise<void>;
}

/** Logger the collaboration core reports problems to (pino-compatible subset). */
export interface CollabLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/**
 * A registry of hook sets, called in registration order. Plugins add theirs with `add`
 * (also after the collaboration server started); one failing hook never stops the others.
 */
export class HookList implements DocumentHooks {
  private readonly sets: DocumentHooks[] = [];

  constructor(private readonly logger: CollabLogger) {}

  /** Subscribes one set of hooks. */
  add(hooks: DocumentHooks): void {
    this.sets.push(hooks);
  }

  async onLoad(document: SharedDocument): Promise<void> {
    for (const hooks of this.sets) await hooks.onLoad?.(document);
  }

  onChange(document: SharedDocument, update: Uint8Array, origin: TransactionOrigin): void {
    for (const hooks of this.sets) this.guard(document, 'onChange', () => hooks.onChange?.(document, update, origin));
  }

  onStore(document: SharedDocument): void {
    for (const hooks of this.sets) this.guard(document, 'onStore', () => hooks.onStore?.(document));
  }

  onEmpty(document: SharedDocument): void {
    for (const hooks of this.sets) this.guard(document, 'onEmpty', () => hooks.onEmpty?.(document));
  }

  async onUnload(document: SharedDocument): Promise<void> {
    for (const hooks of this.sets) {
      try {
        await hooks.onUnload?.(document);
      } catch (error) {
        this.logger.error({ err: error, documentId: document.id, hook: 'onUnload' }, 'hook failed');
      }
    }
  }

  private guard(document: SharedDocument, name: string, call: () => unknown): void {
    try {
      const result = call();
      if (result instanceof Promise) {
        result.catch((error: unknown) => this.logger.error({ err: error, documentId: document.id, hook: name }, 'hook failed'));
      }
    } catch (error) {
      this.logger.error({ err: error, documentId: document.id, hook: name }, 'hook failed');
    }
  }
}
