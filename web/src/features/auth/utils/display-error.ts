import { PlatformRequestError } from '@bytelyst/platform-sdk';
import { ApiError } from '@bytelyst/trading-client';

/**
 * The platform SDK's refusals carry the server code and request id; as an ApiError they show
 * in the ErrorNotice exactly like the backend's errors do (code, HTTP status, request id).
 */
export function displayError(error: unknown): unknown {
  if (!(error instanceof PlatformRequestError) || !error.requestId) return error;
  return new ApiError({
    code: error.code,
    message: error.message,
    status: error.httpStatus,
    requestId: error.requestId,
    ...(error.details ? { details: error.details } : {}),
    cause: error,
  });
}
