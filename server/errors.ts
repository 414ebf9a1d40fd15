import createError from '@fastify/error';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Typed errors with stable codes. The `code` is part of the public interface: clients
 * branch on it, so never rename one. Every code is listed in README "Error codes"
 * (a test checks this). Responses have the shape `{"error":{"code","message"}}`.
 */
export const Errors = {
  Validation: createError<[string]>('ERR_VALIDATION', 'Invalid request: %s', 400),
  MalformedJson: createError('ERR_MALFORMED_JSON', 'The request body is not valid JSON', 400),
  BadUrl: createError('ERR_BAD_URL', 'The URL is not valid (broken percent-encoding)', 400),
  BadRequest: createError<[string]>('ERR_BAD_REQUEST', 'Bad request: %s', 400),
  Unauthenticated: createError('ERR_UNAUTHENTICATED', 'Sign in first', 401),
  InvalidCredentials: createError('ERR_INVALID_CREDENTIALS', 'Wrong username or password', 401),
  Forbidden: createError('ERR_FORBIDDEN', 'Your role does not allow this action', 403),
  NotFound: createError('ERR_NOT_FOUND', 'No such route', 404),
  DocumentNotFound: createError('ERR_DOCUMENT_NOT_FOUND', 'No such document', 404),
  TemplateNotFound: createError('ERR_TEMPLATE_NOT_FOUND', 'No such template', 404),
  OrganizationNotFound: createError('ERR_ORGANIZATION_NOT_FOUND', 'No such organisation', 404),
  UserNotFound: createError('ERR_USER_NOT_FOUND', 'No such account', 404),
  RevisionNotFound: createError('ERR_REVISION_NOT_FOUND', 'No such revision', 404),
  ThreadNotFound: createError('ERR_THREAD_NOT_FOUND', 'No such comment thread', 404),
  SubmissionNotFound: createError('ERR_SUBMISSION_NOT_FOUND', 'No such submission', 404),
  RoundNotFound: createError('ERR_ROUND_NOT_FOUND', 'No such consultation round', 404),
  RoundClosed: createError('ERR_ROUND_CLOSED', 'This consultation round is closed', 409),
  RevisionNotNamed: createError('ERR_REVISION_NOT_NAMED', 'A round is opened on a named revision, not an automatic checkpoint', 409),
  NotConsulted: createError('ERR_NOT_CONSULTED', 'This organisation is not consulted in the round', 409),
  ResponseAlreadySent: createError('ERR_RESPONSE_ALREADY_SENT', 'This organisation already sent its response in the round; a correction names the response it supersedes (supersedes)', 409),
  ResponseLocked: createError('ERR_RESPONSE_LOCKED', 'This comment was sent in an official response and can no longer be changed; send a correcting response instead', 409),
  NotificationNotFound: createError('ERR_NOTIFICATION_NOT_FOUND', 'No such notification', 404),
  ExplanationRequired: createError('ERR_EXPLANATION_REQUIRED', 'A written explanation is required for this decision', 400),
  InvalidTransition: createError('ERR_INVALID_TRANSITION', 'This status change is not allowed', 409),
  ThreadVersionConflict: createError('ERR_THREAD_VERSION_CONFLICT', 'Someone else changed this comment meanwhile; the current thread is in error.current', 409),
  ProposalNotApplicable: createError<[string]>('ERR_PROPOSAL_NOT_APPLICABLE', 'The proposed wording cannot be applied: %s', 409),
  ThreadNotOrphaned: createError('ERR_THREAD_NOT_ORPHANED', 'Only a thread whose passage is gone can be re-attached', 409),
  AnchorMismatch: createError('ERR_ANCHOR_MISMATCH', 'The selected passage is not in the live draft as sent; select it again', 409),
  InvalidAttachment: createError('ERR_INVALID_ATTACHMENT', 'Attachments must be PDF or DOCX files within the size limit', 400),
  OrganizationExists: createError('ERR_ORGANIZATION_EXISTS', 'An organisation with this name already exists', 409),
  LastSecretariat: createError('ERR_LAST_SECRETARIAT', 'At least one active secretariat account must remain', 409),
  Csrf: createError('ERR_CSRF', 'Missing or wrong x-csrf-token header for a cookie-authenticated change', 403),
  Origin: createError('ERR_ORIGIN', 'Requests from this origin are not allowed', 403),
  UsernameTaken: createError('ERR_USERNAME_TAKEN', 'This username is already in use', 409),
  PayloadTooLarge: createError('ERR_PAYLOAD_TOO_LARGE', 'The request body is too large', 413),
  UriTooLong: createError('ERR_URI_TOO_LONG', 'A part of the URL is too long', 414),
  UnsupportedMediaType: createError('ERR_UNSUPPORTED_MEDIA_TYPE', 'Send JSON (Content-Type: application/json)', 415),
  TooManyAttempts: createError<[string]>('ERR_TOO_MANY_ATTEMPTS', 'Too many failed attempts; try again %s', 429),
  Internal: createError('ERR_INTERNAL', 'Internal server error', 500),
  Busy: createError('ERR_BUSY', 'The server is busy checking passwords; try again in a few seconds', 503),
  ClientNotBuilt: createError('ERR_CLIENT_NOT_BUILT', 'The web client is not built: run `npm run build:client`', 503),
  StorageUnavailable: createError<[string]>('ERR_STORAGE_UNAVAILABLE', 'Storage cannot write right now (%s); nothing was changed, try again later', 503),
  DocumentDamaged: createError<[string]>('ERR_DOCUMENT_DAMAGED', 'The stored content of this document is damaged and could not be recovered: %s', 503),
  PdfUnavailable: createError<[string]>('ERR_PDF_UNAVAILABLE', 'PDF files cannot be made on this server (%s); use the print view and the browser\'s Save as PDF', 503),
  PdfBusy: createError('ERR_PDF_BUSY', 'Too many PDF files are being made right now; try again in a few seconds', 503),
  // Word import (server/import/)
  ImportNotDocx: createError('ERR_IMPORT_NOT_DOCX', 'The file is not a Word document (.docx)', 400),
  ImportDamaged: createError('ERR_IMPORT_DAMAGED', 'The Word file is damaged and cannot be read', 400),
  ImportTooLarge: createError('ERR_IMPORT_TOO_LARGE', 'The Word file is too large to import', 413),
  ImportPreviewNotFound: createError('ERR_IMPORT_PREVIEW_NOT_FOUND', 'No such import preview (it may have expired); upload the file again', 404),
} as const;

/** Every stable error code the HTTP API can answer with. */
export const ERROR_CODES: readonly string[] = Object.values(Errors).map((E) => new E('').code);

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: string; message: string };
}

/** Builds an error body; the single place that defines its shape. */
export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}

/** An error that tells the client when it may try again (sent as `Retry-After`, in seconds). */
export interface RetryAfter {
  retryAfterSeconds: number;
}

/** Marks `error` with the whole number of seconds (at least 1) after which a retry may succeed. */
export function withRetryAfter<E extends Error>(error: E, seconds: number): E & RetryAfter {
  return Object.assign(error, { retryAfterSeconds: Math.max(1, Math.ceil(seconds)) });
}

function retryAfterOf(error: unknown): number | null {
  if (typeof error !== 'object' || error === null || !('retryAfterSeconds' in error)) return null;
  return typeof error.retryAfterSeconds === 'number' ? error.retryAfterSeconds : null;
}

interface Translation {
  status: number;
  code: string;
  message: string;
  /** A refusal worth a warning in the log (probing), rather than routine noise. */
  warn?: boolean;
}

/** Our code for a 4xx status the framework or a plugin chose, when its own code is not ours. */
const CODE_BY_STATUS: Readonly<Record<number, string>> = {
  403: 'ERR_FORBIDDEN',
  404: 'ERR_NOT_FOUND',
  413: 'ERR_PAYLOAD_TOO_LARGE',
  414: 'ERR_URI_TOO_LONG',
  415: 'ERR_UNSUPPORTED_MEDIA_TYPE',
  429: 'ERR_TOO_MANY_ATTEMPTS',
};

/** Maps Fastify's (and its plugins') own errors to ours, so clients see one vocabulary. */
function translateFrameworkError(error: FastifyError): Translation | null {
  if (error.validation) {
    return { status: 400, code: 'ERR_VALIDATION', message: `Invalid request: ${error.message}` };
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, code: 'ERR_MALFORMED_JSON', message: 'The request body is not valid JSON' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, code: 'ERR_PAYLOAD_TOO_LARGE', message: 'The request body is too large' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, code: 'ERR_UNSUPPORTED_MEDIA_TYPE', message: 'Send JSON (Content-Type: application/json)' };
    case 'FST_ERR_BAD_URL':
      return { status: 400, code: 'ERR_BAD_URL', message: 'The URL is not valid (broken percent-encoding)' };
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return { status: 414, code: 'ERR_URI_TOO_LONG', message: 'A part of the URL is too long' };
    case 'FST_STATIC_FORBIDDEN_PATH':
      // A path that climbs out of the web client's folder: there is nothing to find there.
      return { status: 404, code: 'ERR_NOT_FOUND', message: 'No such file', warn: true };
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500 && !(typeof error.code === 'string' && error.code.startsWith('ERR_'))) {
    return { status, code: CODE_BY_STATUS[status] ?? 'ERR_BAD_REQUEST', message: error.message };
  }
  return null;
}

/**
 * Answers `error` in our shape: errors with one of our codes keep their status and message
 * (and `Retry-After` when they carry one); framework errors are translated and logged at info
 * (warn for path probing); anything else becomes a 500 `ERR_INTERNAL` whose details go to the
 * log, never to the client. Also used for the errors Fastify raises before routing
 * (`frameworkErrors`: bad URL encoding, over-long parameters).
 */
export function sendError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const retryAfter = retryAfterOf(error);
  if (retryAfter !== null) reply.header('retry-after', String(retryAfter));
  const translated = translateFrameworkError(error);
  if (translated) {
    const level = translated.warn ? 'warn' : 'info';
    request.log[level]({ code: error.code, status: translated.status }, 'request refused');
    return reply.status(translated.status).send(errorBody(translated.code, translated.message));
  }
  const status = error.statusCode ?? 500;
  // 503 is ours to say too (busy, not built); other 5xx are bugs whose details stay in the log.
  if ((status < 500 || status === 503) && typeof error.code === 'string' && error.code.startsWith('ERR_')) {
    if (status === 503) request.log.warn({ err: error }, 'request refused: unavailable');
    return reply.status(status).send(errorBody(error.code, error.message));
  }
  request.log.error({ err: error }, 'request failed');
  return reply.status(500).send(errorBody('ERR_INTERNAL', 'Internal server error'));
}

/**
 * Installs the one error handler and the 404 handler. With `page`, an unknown address a
 * browser asks for (see `wantsPage`) gets that HTML (the web client, which shows its own "not
 * found" page) with the 404; everything else gets the JSON error.
 */
export function installErrorHandlers(
  app: FastifyInstance,
  page?: { wants(request: FastifyRequest): boolean; read(): Promise<string | null> },
): void {
  app.setErrorHandler(sendError);
  app.setNotFoundHandler(async (request, reply) => {
    const html = page?.wants(request) ? await page.read() : null;
    if (html !== null) return reply.status(404).header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
    return reply.status(404).send(errorBody('ERR_NOT_FOUND', `No route for ${request.method} ${request.url.split('?')[0]}`));
  });
}
