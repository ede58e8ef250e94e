import {
  PlatformRequestError,
  PlatformUnreachableError,
  waitMessage,
} from '@bytelyst/platform-sdk';
import { ApiError } from '@bytelyst/trading-client';

/**
 * The platform SDK's refusals carry the server code and request id; as an ApiError they show
 * in the ErrorNotice exactly like the backend's errors do (code, HTTP status, request id). A
 * transient answer (429, 5xx) shows the same way when the server said what it was, with the wait
 * a 429 asks for.
 */
export function displayError(error: unknown): unknown {
  if (error instanceof PlatformRequestError && error.requestId) {
    return new ApiError({
      code: error.code,
      message: error.message,
      status: error.httpStatus,
      requestId: error.requestId,
      ...(error.details ? { details: error.details } : {}),
      cause: error,
    });
  }
  if (error instanceof PlatformUnreachableError && error.code && error.requestId) {
    return new ApiError({
      code: error.code,
      message: waitMessage(error),
      status: error.status ?? 0,
      requestId: error.requestId,
      ...(error.details ? { details: error.details } : {}),
      cause: error,
    });
  }
  return error;
}
