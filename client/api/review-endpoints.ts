import type { ClientShapes } from '../../server/http/client-shapes.ts';
import { apiRequest, ApiError } from './http.ts';
import { narrowShape } from './shapes.ts';
import type { ThreadStatus } from './comment-records.ts';

/**
 * Typed calls of the review desk: every thread with its history, decisions sent with the
 * version the person saw, and proposed wording applied to (or reverted from) the live draft.
 */

/** A thread with its decision history, as the review desk reads it. */
export type ReviewThread = ClientShapes['ReviewThread'];
/** `GET /api/documents/:id/threads` read with histories. */
export type ReviewThreadList = ClientShapes['ReviewThreadList'];
/** One entry of a thread's history. */
export type HistoryEntry = ReviewThread['history'][number];

/** Narrows an API thread with its history. */
export const parseReviewThread = (value: unknown): ReviewThread => narrowShape('ReviewThread', value, 'thread');

function threadBase(documentId: string, threadId: string): string {
  return `/api/documents/${encodeURIComponent(documentId)}/threads/${encodeURIComponent(threadId)}`;
}

/** Every thread of the document the person may see (only those a round counts, with `roundId`), in document order, with histories. */
export function listReviewThreads(documentId: string, roundId?: string): Promise<ReviewThreadList> {
  const query = roundId === undefined ? '' : `?${new URLSearchParams({ roundId }).toString()}`;
  return apiRequest(`/api/documents/${encodeURIComponent(documentId)}/threads${query}`, (body) => narrowShape('ReviewThreadList', body, 'threads'));
}

/**
 * The thread someone else saved meanwhile, when `error` is a 409 `ERR_THREAD_VERSION_CONFLICT`
 * (its `error.current`); null for any other failure.
 */
export function conflictCurrent(error: unknown): ReviewThread | null {
  if (!(error instanceof ApiError) || error.code !== 'ERR_THREAD_VERSION_CONFLICT') return null;
  const detail = error.detail;
  if (typeof detail !== 'object' || detail === null || !('current' in detail)) return null;
  try {
    return parseReviewThread(detail.current);
  } catch {
    return null;
  }
}

/** A decision (and its explanation, '' for none) based on `expectedVersion`; a stale one is refused (see `conflictCurrent`). */
export function decideThread(documentId: string, threadId: string, status: ThreadStatus, explanation: string, expectedVersion: number): Promise<ReviewThread> {
  const body = explanation === '' ? { status, expectedVersion } : { status, explanation, expectedVersion };
  return apiRequest(`${threadBase(documentId, threadId)}/status`, parseReviewThread, { method: 'POST', body });
}

/** Puts the thread's accepted proposal into the live draft (secretariat). */
export function applyProposal(documentId: string, threadId: string, expectedVersion: number): Promise<ReviewThread> {
  return apiRequest(`${threadBase(documentId, threadId)}/proposal/apply`, parseReviewThread, { method: 'POST', body: { expectedVersion } });
}

/** Takes an applied proposal back out of the draft, if the passage still reads as proposed (secretariat). */
export function revertProposal(documentId: string, threadId: string, expectedVersion: number): Promise<ReviewThread> {
  return apiRequest(`${threadBase(documentId, threadId)}/proposal/revert`, parseReviewThread, { method: 'POST', body: { expectedVersion } });
}

/** Sets (or with null withdraws) the wording proposed for the thread's passage. */
export function proposeWording(documentId: string, threadId: string, text: string | null, expectedVersion: number): Promise<ReviewThread> {
  return apiRequest(`${threadBase(documentId, threadId)}/proposal`, parseReviewThread, { method: 'PUT', body: { text, expectedVersion } });
}
