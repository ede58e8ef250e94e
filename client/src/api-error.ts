import {
  ERROR_CODES,
  ErrorEnvelopeSchema,
  type ErrorCode,
  type ErrorDetails,
} from '@bytelyst/trading-contracts';

/**
 * Failures that happen on the client's side of the wire and therefore have no server code:
 * the server could not be reached, or it answered with something the contract does not allow.
 */
export type ClientErrorCode = 'NETWORK_UNREACHABLE' | 'INVALID_RESPONSE' | 'INVALID_REQUEST';

export class ApiError extends Error {
  readonly code: ErrorCode | ClientErrorCode;
  readonly status: number;
  /** Always set: the client mints one per request and the server echoes it. */
  readonly requestId: string;
  readonly details: ErrorDetails | undefined;

  constructor(init: {
    code: ErrorCode | ClientErrorCode;
    message: string;
    status: number;
    requestId: string;
    details?: ErrorDetails | undefined;
    cause?: unknown;
  }) {
    super(init.message, { cause: init.cause });
    this.name = 'ApiError';
    this.code = init.code;
    this.status = init.status;
    this.requestId = init.requestId;
    this.details = init.details;
  }

  /** Worth retrying automatically: the network or a transient server condition. */
  get transient(): boolean {
    return (
      this.code === 'NETWORK_UNREACHABLE' ||
      this.code === 'NOT_READY' ||
      this.code === 'EXCHANGE_UNAVAILABLE' ||
      this.code === 'RATE_LIMITED' ||
      this.code === 'INTERNAL'
    );
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/**
 * Turns a non-2xx response body into an ApiError. A body that is not the contract's envelope
 * (a proxy's HTML page, an empty 502) still becomes a typed error, never a thrown parse error.
 */
export function errorFromResponse(input: {
  status: number;
  body: unknown;
  requestId: string;
}): ApiError {
  const parsed = ErrorEnvelopeSchema.safeParse(input.body);
  if (parsed.success) {
    const e = parsed.data.error;
    return new ApiError({
      code: e.code,
      message: e.message,
      status: input.status,
      requestId: e.requestId,
      details: e.details,
    });
  }
  return new ApiError({
    code: 'INVALID_RESPONSE',
    message: `The server answered ${input.status} without an error envelope.`,
    status: input.status,
    requestId: input.requestId,
    cause: parsed.error,
  });
}

/** A human sentence for an error, with the reasons the server gave (risk or control denials). */
export function describeError(e: unknown): string {
  if (!isApiError(e)) return e instanceof Error ? e.message : 'Unexpected error';
  const reasons = e.details?.reasons?.length ? ` (${e.details.reasons.join('; ')})` : '';
  return `${e.message}${reasons}`;
}

export const isServerCode = (code: string): code is ErrorCode => code in ERROR_CODES;
