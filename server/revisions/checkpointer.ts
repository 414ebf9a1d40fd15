import type { DocumentHooks } from '../collab/shared-document.ts';
import type { SharedDocument } from '../collab/shared-document.ts';
import * as Y from 'yjs';
import { checkpointName, type RevisionService } from './service.ts';

/** Logger for checkpoint failures. */
interface Logger {
  error(details: object, message: string): void;
}

/**
 * Takes automatic checkpoints of documents that changed: after `idleMs` without edits, and
 * when the last person leaves. A document that did not change since its last checkpoint gets
 * none.
 */
export class Checkpointer {
  private readonly idleTimers = new Map<string, NodeJS.Timeout>();
  private readonly dirty = new Set<string>();

  constructor(private readonly revisions: RevisionService, private readonly idleMs: number, private readonly logger: Logger) {}

  /** The document hooks that drive checkpoints. */
  hooks(): DocumentHooks {
    return {
      // Another process's edits are checkpointed by that process: counting them here too would
      // freeze the same state once per process holding the document.
      onChange: (document, _update, origin) => {
        if (origin.source !== 'remote') this.changed(document);
      },
      onEmpty: (document) => this.take(document, 'last_editor_left'),
      onUnload: (document) => {
        this.clear(document.id);
      },
    };
  }

  /** Stops every timer. */
  stop(): void {
    for (const timer of this.idleTimers.values()) clearTimeout(timer);
    this.idleTimers.clear();
  }

  private changed(document: SharedDocument): void {
    this.dirty.add(document.id);
    const timer = this.idleTimers.get(document.id);
    if (timer) {
      timer.refresh();
      return;
    }
    const created = setTimeout(() => this.take(document, 'idle'), this.idleMs);
    created.unref();
    this.idleTimers.set(document.id, created);
  }

  private take(document: SharedDocument, reason: string): void {
    if (!this.dirty.has(document.id)) return;
    this.clear(document.id);
    const state = Y.encodeStateAsUpdate(document.doc);
    this.revisions
      .freezeState(document.id, state, { kind: 'checkpoint', name: checkpointName(new Date()), reason, createdBy: null })
      .catch((error: unknown) => this.logger.error({ err: error, documentId: document.id }, 'automatic checkpoint failed'));
  }

  private clear(documentId: string): void {
    this.dirty.delete(documentId);
    const timer = this.idleTimers.get(documentId);
    if (timer) clearTimeout(timer);
    this.idleTimers.delete(documentId);
  }
}
