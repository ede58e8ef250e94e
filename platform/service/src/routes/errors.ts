import { allowedMethods, AppError } from '@bytelyst/trading-contracts';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import type { SecurityAudit } from '../services/security-audit.js';
import { actorOf, principalSeen } from './guard.js';
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

/** Codes the sign-in flow audits itself (it knows the account and counts per source). */
const AUDITED_BY_LOGIN = new Set(['INVALID_CREDENTIALS', 'ACCOUNT_LOCKED']);

/** One audit row per refused known caller; anonymous refusals counted per source and window. */
function auditRefusal(security: SecurityAudit, req: FastifyRequest, e: AppError): void {
  if ((e.status !== 401 && e.status !== 403) || AUDITED_BY_LOGIN.has(e.code)) return;
  const event = {
    action: 'auth.denied' as const,
    target: `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0] ?? ''}`.slice(0, 200),
    reason: e.code,
    requestId: req.id,
  };
  const principal = principalSeen(req);
  void (principal
    ? security.known(actorOf(principal), {
        ...event,
        tenantId: principal.kind === 'user' ? principal.claims.tenant : null,
      })
    : security.anonymous(req.ip, { ...event, action: 'auth.failure' }));
}

export function registerErrorHandling(
  app: FastifyInstance,
  opts: { security?: SecurityAudit; routes?: readonly { method: string; path: string }[] } = {},
): void {
  const { security } = opts;
  app.setErrorHandler((err, req, reply) => {
    const appError = toAppError(err);
    if (security) auditRefusal(security, req, appError);
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
    const allow = allowedMethods(req.url, opts.routes ?? []).filter((m) => m !== 'HEAD');
    if (allow.length > 0) {
      return reply
        .status(405)
        .header('allow', allow.join(', '))
        .send(
          new AppError('METHOD_NOT_ALLOWED', `This route answers ${allow.join(', ')}.`).toEnvelope(
            req.id,
          ),
        );
    }
    return reply
      .status(404)
      .send(
        new AppError('NOT_FOUND', `No route for ${req.method} ${req.url.split('?')[0]}`).toEnvelope(
          req.id,
        ),
      );
  });
}
