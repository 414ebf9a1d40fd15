import { ApiError } from '../api/http.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { errorMessage } from '../ui/error-message.ts';

const BY_CODE: Readonly<Record<string, MessageKey>> = {
  ERR_EXPLANATION_REQUIRED: 'comments.error.explanationRequired',
  ERR_THREAD_NOT_FOUND: 'comments.error.threadNotFound',
  ERR_INVALID_TRANSITION: 'comments.error.invalidTransition',
  ERR_THREAD_NOT_ORPHANED: 'comments.error.notOrphaned',
  ERR_ANCHOR_MISMATCH: 'comments.error.anchorMismatch',
  ERR_INVALID_ATTACHMENT: 'comments.error.invalidAttachment',
  ERR_PAYLOAD_TOO_LARGE: 'comments.error.fileTooLarge',
  ERR_THREAD_VERSION_CONFLICT: 'comments.error.versionConflict',
  ERR_PROPOSAL_NOT_APPLICABLE: 'comments.error.proposalNotApplicable',
  ERR_RESPONSE_ALREADY_SENT: 'response.error.alreadySent',
  ERR_RESPONSE_LOCKED: 'response.error.locked',
};

/** A translated message for a failed comment request: comment-specific codes first, then the app's general ones. */
export function commentErrorMessage(error: unknown): string {
  if (error instanceof ApiError && Object.hasOwn(BY_CODE, error.code)) {
    const key = BY_CODE[error.code];
    if (key !== undefined) return t(key);
  }
  return errorMessage(error);
}
