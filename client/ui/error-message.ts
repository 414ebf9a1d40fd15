import { ApiError } from '../api/http.ts';
import { t } from '../i18n/index.ts';

/**
 * A translated, user-facing message for a failed request. Known error codes get their
 * own text; anything else a generic one (server messages are English and technical).
 */
export function errorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return t('error.generic');
  if (error.code === 'ERR_INVALID_CREDENTIALS') return t('login.invalid');
  if (error.status === 429) return t('error.rateLimited');
  if (error.status === 0) return t('error.network');
  if (error.status === 403) return t('error.forbidden');
  if (error.status === 404) return t('error.notFound');
  if (error.status === 400) return t('error.validation');
  return t('error.generic');
}
