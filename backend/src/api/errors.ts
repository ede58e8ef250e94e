import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type FieldIssue } from '@bytelyst/trading-contracts';

/**
 * The one place an error becomes a response. Known errors keep their code; anything unknown is
 * INTERNAL with no detail, so no stack trace or SQL ever reaches a client.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const fe = error as Partial<FastifyError> & { validation?: unknown };
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues: FieldIssue[] = error.validation.map((v) => ({
      path: [
        error.validationContext,
        ...String(v.instancePath ?? '')
          .split('/')
          .filter(Boolean),
      ].join('.'),
      message: v.message ?? 'invalid',
    }));
    return new AppError('VALIDATION_FAILED', undefined, { details: { issues }, cause: error });
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE', undefined, { cause: error });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('BAD_REQUEST', fe.message, { cause: error });
    default:
      break;
  }
  if (
    fe.statusCode === 400 &&
    (fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError)
  ) {
    return new AppError('BAD_REQUEST', 'The body is not valid JSON.', { cause: error });
  }
  if (fe.statusCode === 429) return new AppError('RATE_LIMITED', undefined, { cause: error });
  if (fe.statusCode === 413) return new AppError('PAYLOAD_TOO_LARGE', undefined, { cause: error });
  if (fe.statusCode === 404) return new AppError('NOT_FOUND', undefined, { cause: error });
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AppError('BAD_REQUEST', undefined, { cause: error });
  }
  return new AppError('INTERNAL', undefined, { cause: error });
}

const SQLSTATE = /^[0-9A-Z]{5}$/;
const fromDatabase = (e: AppError): boolean => {
  const code = (e.cause as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' && SQLSTATE.test(code);
};

export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
): FastifyReply {
  const appError = toAppError(error);
  if (appError.status >= 500)
    request.log.error({ err: error, code: appError.code }, 'request failed');
  else request.log.info({ code: appError.code, msg: appError.message }, 'request refused');
  const retryAfter = appError.details?.retryAfterSeconds;
  if (retryAfter !== undefined) void reply.header('retry-after', String(retryAfter));
  // An internal failure, or a refusal by the database, never carries internals (a SQLSTATE or a
  // constraint name tells an attacker what to try next): only the code table's fixed message.
  const safe =
    appError.code === 'INTERNAL' || fromDatabase(appError) ? new AppError(appError.code) : appError;
  return reply.status(appError.status).send(safe.toEnvelope(request.id));
}
