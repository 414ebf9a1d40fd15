import createError from '@fastify/error';
import type { FastifyError, FastifyInstance } from 'fastify';

/**
 * Typed errors with stable codes. The `code` is part of the public interface: clients
 * branch on it, so never rename one. Every code is listed in README "Error codes"
 * (a test checks this). Responses have the shape `{"error":{"code","message"}}`.
 */
export const Errors = {
  Validation: createError<[string]>('ERR_VALIDATION', 'Invalid request: %s', 400),
  MalformedJson: createError('ERR_MALFORMED_JSON', 'The request body is not valid JSON', 400),
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
  ExplanationRequired: createError('ERR_EXPLANATION_REQUIRED', 'A written explanation is required for this decision', 400),
  InvalidTransition: createError('ERR_INVALID_TRANSITION', 'This status change is not allowed', 409),
  InvalidAttachment: createError('ERR_INVALID_ATTACHMENT', 'Attachments must be PDF or DOCX files within the size limit', 400),
  OrganizationExists: createError('ERR_ORGANIZATION_EXISTS', 'An organisation with this name already exists', 409),
  LastSecretariat: createError('ERR_LAST_SECRETARIAT', 'At least one active secretariat account must remain', 409),
  Csrf: createError('ERR_CSRF', 'Missing or wrong x-csrf-token header for a cookie-authenticated change', 403),
  UsernameTaken: createError('ERR_USERNAME_TAKEN', 'This username is already in use', 409),
  PayloadTooLarge: createError('ERR_PAYLOAD_TOO_LARGE', 'The request body is too large', 413),
  UnsupportedMediaType: createError('ERR_UNSUPPORTED_MEDIA_TYPE', 'Send JSON (Content-Type: application/json)', 415),
  TooManyAttempts: createError('ERR_TOO_MANY_ATTEMPTS', 'Too many failed attempts; try again later', 429),
  Internal: createError('ERR_INTERNAL', 'Internal server error', 500),
  ClientNotBuilt: createError('ERR_CLIENT_NOT_BUILT', 'The web client is not built: run `npm run build:client`', 503),
  StorageUnavailable: createError<[string]>('ERR_STORAGE_UNAVAILABLE', 'Storage cannot write right now (%s); nothing was changed, try again later', 503),
  DocumentDamaged: createError<[string]>('ERR_DOCUMENT_DAMAGED', 'The stored content of this document is damaged and could not be recovered: %s', 503),
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

/** Maps Fastify's own error codes to ours, so clients see one vocabulary. */
function translateFrameworkError(error: FastifyError): { status: number; code: string; message: string } | null {
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
    default:
      return null;
  }
}

/**
 * Installs the one error handler and the 404 handler. Errors with one of our codes keep
 * their status and message; framework errors are translated; anything else becomes a
 * 500 `ERR_INTERNAL` whose details go to the log, never to the client.
 */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const translated = translateFrameworkError(error);
    if (translated) {
      return reply.status(translated.status).send(errorBody(translated.code, translated.message));
    }
    const status = error.statusCode ?? 500;
    // 503s of our own (storage) carry a code and a message meant for the caller, like 4xx.
    if ((status < 500 || status === 503) && typeof error.code === 'string' && error.code.startsWith('ERR_')) {
      if (status === 503) request.log.warn({ err: error }, 'request refused: storage unavailable');
      return reply.status(status).send(errorBody(error.code, error.message));
    }
    if (status === 429) {
      return reply.status(429).send(errorBody('ERR_TOO_MANY_ATTEMPTS', 'Too many requests; try again later'));
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send(errorBody('ERR_INTERNAL', 'Internal server error'));
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send(errorBody('ERR_NOT_FOUND', `No route for ${request.method} ${request.url.split('?')[0]}`));
  });
}
