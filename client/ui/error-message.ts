import { ApiError } from '../api/http.ts';
import { t, type MessageKey } from '../i18n/index.ts';

const BY_CODE: Readonly<Record<string, MessageKey>> = {
  ERR_INVALID_CREDENTIALS: 'login.invalid',
  ERR_USERNAME_TAKEN: 'error.usernameTaken',
  ERR_LAST_SECRETARIAT: 'error.lastSecretariat',
  ERR_CSRF: 'error.csrf',
  ERR_ORGANIZATION_EXISTS: 'error.organizationExists',
  ERR_USER_NOT_FOUND: 'error.userNotFound',
  ERR_ORGANIZATION_NOT_FOUND: 'error.organizationNotFound',
  ERR_REVISION_NOT_FOUND: 'error.revisionNotFound',
  ERR_IMPORT_NOT_DOCX: 'error.importNotDocx',
  ERR_IMPORT_DAMAGED: 'error.importDamaged',
  ERR_IMPORT_TOO_LARGE: 'error.importTooLarge',
  ERR_PAYLOAD_TOO_LARGE: 'error.importTooLarge',
  ERR_IMPORT_PREVIEW_NOT_FOUND: 'error.importPreviewNotFound',
};

/**
 * The UI string key for a failed request's status and error code: known codes get their
 * own text, then the status decides; anything else is generic (server messages are
 * English and technical, so they are never shown).
 */
export function errorMessageKey(status: number, code: string): MessageKey {
  const byCode = Object.hasOwn(BY_CODE, code) ? BY_CODE[code] : undefined;
  if (byCode !== undefined) return byCode;
  if (status === 429) return 'error.rateLimited';
  if (status === 0) return 'error.network';
  if (status === 403) return 'error.forbidden';
  if (status === 404) return 'error.notFound';
  if (status === 400) return 'error.validation';
  return 'error.generic';
}

/** A translated, user-facing message for a failed request (see `errorMessageKey`). */
export function errorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return t('error.generic');
  return t(errorMessageKey(error.status, error.code));
}
