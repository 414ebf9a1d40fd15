import type { DocumentHooks, SharedDocument } from './shared-document.ts';
import type { TransactionOrigin } from './origins.ts';
import { callHookLogged, type CollabLogger } from './logger.ts';

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
    callHookLogged(this.logger, document.id, name, call);
  }
}
