import { Errors } from '../errors.ts';

/**
 * A data file is missing or damaged in a way that cannot be recovered automatically, found at
 * start: the message names the file and what the operator should do. `main` prints it and
 * exits non-zero; nothing has been overwritten.
 */
export class StorageStartError extends Error {
  override name = 'StorageStartError';
}

/**
 * Thrown when a document's stored content is damaged and nothing on disk recovers it
 * (`ERR_DOCUMENT_DAMAGED`, 503). The message names the file; the files are left untouched.
 * Collaboration code may map it to its own close code.
 */
export const DocumentDamagedError = Errors.DocumentDamaged;

/** Thrown when a write was refused by the disk (`ERR_STORAGE_UNAVAILABLE`, 503); nothing changed. */
export const StorageUnavailableError = Errors.StorageUnavailable;
