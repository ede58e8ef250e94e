import { AppError } from '@bytelyst/trading-contracts';
import type { FastifyError, FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
} from 'fastify-type-provider-zod';

/** Anything thrown becomes one coded AppError; the unknown is INTERNAL with its cause kept. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    return new AppError('VALIDATION_FAILED', undefined, {
      details: {
        issues: err.validation.slice(0, 50).map((v) => ({
          path: `${err.validationContext ?? 'body'}${v.instancePath.replaceAll('/', '.')}`,
          message: (v.message ?? 'invalid').slice(0, 500),
        })),
      },
      cause: err,
    });
  }
  if (isResponseSerializationError(err)) return new AppError('INTERNAL', undefined, { cause: err });
  const statusCode = (err as Partial<FastifyError>).statusCode;
  if (statusCode === 413) return new AppError('PAYLOAD_TOO_LARGE', undefined, { cause: err });
  if (statusCode === 429) return new AppError('RATE_LIMITED', undefined, { cause: err });
  if (statusCode !== undefined && statusCode >= 400 && statusCode < 500) {
    // Malformed JSON, wrong content type and the like: the client's fault, nothing to hide.
    return new AppError('BAD_REQUEST', undefined, { cause: err });
  }
  return new AppError('INTERNAL', undefined, { cause: err });
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err, req, reply) => {
    const appError = toAppError(err);
    if (appError.status >= 500) req.log.error({ err }, 'request failed');
    else req.log.info({ code: appError.code }, 'request refused');
    if (appError.details?.retryAfterSeconds !== undefined) {
      void reply.header('retry-after', String(appError.details.retryAfterSeconds));
    }
    // 5xx never leak internals: the envelope carries only the table's fixed message.
    const safe = appError.status >= 500 ? new AppError(appError.code) : appError;
    return reply.status(appError.status).send(safe.toEnvelope(req.id));
  });
  app.setNotFoundHandler((req, reply) => {
    return reply
      .status(404)
      .send(
        new AppError('NOT_FOUND', `No route for ${req.method} ${req.url.split('?')[0]}`).toEnvelope(
          req.id,
        ),
      );
  });
}
