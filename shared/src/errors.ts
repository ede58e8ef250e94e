import { z } from 'zod';

/**
 * Every failure a client can see has one of these codes. The HTTP status lives beside the code so
 * the server maps errors in one place and clients can branch on the code, never on text.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, message: 'The request is not valid.' },
  BAD_REQUEST: { status: 400, message: 'The request could not be understood.' },
  IDEMPOTENCY_KEY_REQUIRED: { status: 400, message: 'An Idempotency-Key header is required.' },
  UNAUTHENTICATED: { status: 401, message: 'Sign-in is required.' },
  INVALID_CREDENTIALS: { status: 401, message: 'Email or password is incorrect.' },
  TOKEN_EXPIRED: { status: 401, message: 'The session has expired.' },
  TOKEN_INVALID: { status: 401, message: 'The token is not valid.' },
  REFRESH_REUSED: {
    status: 401,
    message: 'The session was revoked because a refresh token was reused.',
  },
  FORBIDDEN: { status: 403, message: 'You are not allowed to do this.' },
  PREVIEW_READ_ONLY: {
    status: 403,
    message: 'A preview shows what the customer sees; it cannot change anything.',
  },
  MOBILE_ACTION_NOT_ALLOWED: {
    status: 403,
    message: "Your organisation's mobile policy does not allow this action from the app.",
  },
  NOT_FOUND: { status: 404, message: 'Not found.' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'This route does not answer that method.' },
  CONFLICT: { status: 409, message: 'The resource changed; reload and try again.' },
  VERSION_CONFLICT: { status: 409, message: 'The version is stale; reload and try again.' },
  IDEMPOTENCY_CONFLICT: {
    status: 409,
    message: 'This Idempotency-Key was used for a different request.',
  },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  UNPROCESSABLE: { status: 422, message: 'The request cannot be carried out.' },
  PROFILE_NOT_FLAT: {
    status: 409,
    message: 'The profile holds positions or open orders; close them before changing its account.',
  },
  MODEL_NOT_APPROVED: {
    status: 409,
    message: 'A live venue account trades only model versions a tenant admin has approved.',
  },
  PROMOTION_REQUIRED: {
    status: 409,
    message: 'A profile moves to a live venue account only through a promotion.',
  },
  PAPER_RECORD_INSUFFICIENT: {
    status: 422,
    message: "The profile's paper record does not meet the tenant's promotion policy yet.",
  },
  ORDER_DENIED: { status: 422, message: 'The order was denied by a risk or control rule.' },
  TRADING_HALTED: { status: 423, message: 'Trading is halted.' },
  ACCOUNT_LOCKED: { status: 423, message: 'Too many failed attempts; try again later.' },
  RATE_LIMITED: { status: 429, message: 'Too many requests; slow down.' },
  INTERNAL: { status: 500, message: 'Something went wrong on our side.' },
  EXCHANGE_UNAVAILABLE: { status: 502, message: 'The exchange did not answer.' },
  ORDER_NOT_SAVED: {
    status: 503,
    message: 'The order could not be saved, so it was not sent; try again.',
  },
  ORDER_DEADLINE_PASSED: {
    status: 503,
    message: "The order's deadline passed before it could be placed, so it was not sent.",
  },
  MAINTENANCE: { status: 503, message: 'The product is in maintenance.' },
  PRODUCT_DISABLED: { status: 503, message: 'The product is switched off.' },
  NOT_READY: { status: 503, message: 'The service is not ready.' },
  FEATURE_DISABLED: { status: 404, message: 'This feature is not enabled.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;
export const ERROR_CODE_LIST = Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]];
export const ErrorCodeSchema = z.enum(ERROR_CODE_LIST);

export const FieldIssueSchema = z.strictObject({
  path: z.string().max(500),
  message: z.string().max(500),
});
export type FieldIssue = z.infer<typeof FieldIssueSchema>;

export const ErrorEnvelopeSchema = z.strictObject({
  error: z.strictObject({
    code: ErrorCodeSchema,
    message: z.string().min(1).max(1000),
    requestId: z.string().min(1).max(128),
    details: z
      .strictObject({
        issues: z.array(FieldIssueSchema).optional(),
        retryAfterSeconds: z.number().int().nonnegative().optional(),
        reasons: z.array(z.string().max(200)).optional(),
      })
      .optional(),
  }),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelopeSchema>;
export type ErrorDetails = NonNullable<ErrorEnvelope['error']['details']>;

/** The one error type thrown across the codebase; adapters convert anything else into it. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: ErrorDetails | undefined;

  constructor(
    code: ErrorCode,
    message?: string,
    options?: { details?: ErrorDetails; cause?: unknown },
  ) {
    super(message ?? ERROR_CODES[code].message, { cause: options?.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.details = options?.details;
  }

  toEnvelope(requestId: string): ErrorEnvelope {
    const error: ErrorEnvelope['error'] = { code: this.code, message: this.message, requestId };
    if (this.details) error.details = this.details;
    return { error };
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
