import {
  AppError,
  ERROR_CODES,
  ErrorEnvelopeSchema,
  type ErrorDetails,
} from '@bytelyst/trading-contracts';
import type { z } from 'zod';
import type { FetchLike } from './types.js';

/**
 * The platform could not be reached or answered with a server error. Callers treat this as
 * "degraded": keep the session, show the state, retry later; never as signed out.
 */
export class PlatformUnreachableError extends Error {
  /** The server's code when it answered with its error envelope (a 429's RATE_LIMITED, say). */
  readonly code: ConstructorParameters<typeof AppError>[0] | null;
  /** The request id of the server's trace, when it answered at all. */
  readonly requestId: string | null;
  readonly details: ErrorDetails | null;

  constructor(
    message: string,
    readonly status: number | null,
    options?: {
      cause?: unknown;
      code?: ConstructorParameters<typeof AppError>[0] | null;
      requestId?: string | null;
      details?: ErrorDetails | null;
    },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PlatformUnreachableError';
    this.code = options?.code ?? null;
    this.requestId = options?.requestId ?? null;
    this.details = options?.details ?? null;
  }
}

export const isUnreachable = (e: unknown): e is PlatformUnreachableError =>
  e instanceof PlatformUnreachableError;

/** A transient answer as a person reads it: what the server said, and the wait a 429 asks for. */
export function waitMessage(e: PlatformUnreachableError): string {
  const wait = e.details?.retryAfterSeconds;
  return wait === undefined ? e.message : `${e.message} Try again in ${wait} s.`;
}

/**
 * The platform refused the request (4xx with its error envelope): still an AppError with the
 * server's code, plus the request id that support needs to find the server's trace.
 */
export class PlatformRequestError extends AppError {
  readonly httpStatus: number;
  readonly requestId: string | null;

  constructor(init: {
    code: ConstructorParameters<typeof AppError>[0];
    message: string;
    httpStatus: number;
    requestId: string | null;
    details?: ErrorDetails;
  }) {
    super(init.code, init.message, init.details ? { details: init.details } : undefined);
    this.name = 'PlatformRequestError';
    this.httpStatus = init.httpStatus;
    this.requestId = init.requestId;
  }
}

/** 5xx and 429 are the platform's trouble (or load), not a verdict on the caller's session. */
const isTransient = (status: number) => status >= 500 || status === 429;

/** Sends JSON, parses the answer with the contract schema, turns error envelopes into AppError. */
export async function platformRequest<T extends z.ZodType>(opts: {
  fetch: FetchLike;
  url: string;
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  schema: T | null;
}): Promise<z.infer<T>> {
  let res: Response;
  try {
    res = await opts.fetch(opts.url, {
      method: opts.method ?? 'GET',
      headers: {
        accept: 'application/json',
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...opts.headers,
      },
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    });
  } catch (e) {
    throw new PlatformUnreachableError('The platform is unreachable.', null, { cause: e });
  }
  const text = await res.text().catch(() => '');
  if (isTransient(res.status)) {
    // Still "degraded" for the session, but with what the server said when it said anything:
    // a 429 carries its code, its retry-after and the request id support needs.
    const parsed = ErrorEnvelopeSchema.safeParse(safeJson(text));
    const envelope = parsed.success ? parsed.data.error : null;
    throw new PlatformUnreachableError(
      envelope?.message ?? `The platform answered ${res.status}.`,
      res.status,
      {
        code: envelope?.code ?? null,
        requestId: envelope?.requestId ?? res.headers.get('x-request-id'),
        details: envelope?.details ?? null,
      },
    );
  }
  if (!res.ok) {
    const parsed = ErrorEnvelopeSchema.safeParse(safeJson(text));
    if (parsed.success) {
      const { code, message, details, requestId } = parsed.data.error;
      throw new PlatformRequestError({
        code,
        message,
        httpStatus: res.status,
        requestId,
        ...(details ? { details } : {}),
      });
    }
    const code = res.status === 401 ? 'UNAUTHENTICATED' : 'BAD_REQUEST';
    throw new PlatformRequestError({
      code,
      message: ERROR_CODES[code].message,
      httpStatus: res.status,
      requestId: res.headers.get('x-request-id'),
    });
  }
  if (!opts.schema) return undefined as z.infer<T>;
  const parsed = opts.schema.safeParse(safeJson(text));
  if (!parsed.success) {
    // An answer that breaks the contract is a platform fault; the caller degrades.
    throw new PlatformUnreachableError('The platform answered outside its contract.', res.status, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
