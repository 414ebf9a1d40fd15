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
