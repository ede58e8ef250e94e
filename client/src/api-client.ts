import {
  API_ROUTES,
  IDEMPOTENCY_HEADER,
  PREVIEW_HEADER,
  REQUEST_ID_HEADER,
  type ApiResponse,
  type ApiRouteName,
} from '@bytelyst/trading-contracts';
import { newRequestId } from '@bytelyst/platform-sdk';
import type { z } from 'zod';
import { ApiError, errorFromResponse } from './api-error.js';

type Routes = typeof API_ROUTES;
type InputOf<N extends ApiRouteName, K extends 'params' | 'query' | 'body'> = Routes[N] extends {
  [P in K]: infer S extends z.ZodType;
}
  ? z.input<S>
  : never;

/** Params and body are required exactly when the route declares them; query is always optional. */
export type CallOptions<N extends ApiRouteName> = {
  headers?: Record<string, string> | undefined;
  signal?: AbortSignal | undefined;
  /** Sent as Idempotency-Key; required by the backend for POST /api/trade. */
  idempotencyKey?: string | undefined;
} & ([InputOf<N, 'params'>] extends [never]
  ? { params?: undefined }
  : { params: InputOf<N, 'params'> }) &
  ([InputOf<N, 'query'>] extends [never]
    ? { query?: undefined }
    : { query?: InputOf<N, 'query'> }) &
  ([InputOf<N, 'body'>] extends [never] ? { body?: undefined } : { body: InputOf<N, 'body'> });

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  baseUrl: string;
  /** Adds the bearer token and refreshes it on expiry (the platform SDK's authorizedFetch). */
  fetch: FetchLike;
  /** When set, admins see what a customer of their tenant would see. */
  previewAs?: () => 'customer' | null;
  newRequestId?: () => string;
  /**
   * Sent on every request before the call's own headers: how a surface identifies itself (the
   * mobile app's CLIENT_SURFACE_HEADER and device), read per call so a late value is picked up.
   */
  defaultHeaders?: () => Record<string, string>;
  /**
   * Revalidate GETs with the last ETag (If-None-Match): an unchanged answer comes back as a 304
   * without a body and the last parsed answer is reused. For surfaces that poll on metered
   * networks (mobile); at most this many URLs are remembered (0 = off, the default).
   */
  revalidateEntries?: number;
}

export interface ApiClient {
  call<N extends ApiRouteName>(name: N, options?: CallOptions<N>): Promise<ApiResponse<N>>;
  /** Forgets remembered answers (sign-out: nothing of the last user stays in memory). */
  forget(): void;
}

// React Native has no crypto.randomUUID; the SDK's id falls back to a random string there.
const newId = newRequestId;

/** Fills `:id` style segments; every value is encoded so an id can never change the path. */
type Scalar = string | number | boolean;
const isScalar = (v: unknown): v is Scalar =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

export function buildPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:([A-Za-z_]+)/g, (_, key: string) => {
    const v = params?.[key];
    if (!isScalar(v)) throw new Error(`missing path param ${key}`);
    return encodeURIComponent(String(v));
  });
}

export function buildQuery(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (!isScalar(v) || v === '') continue;
    search.set(k, String(v));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

/** Validates client input before it leaves, so a bad form never becomes a round trip. */
function parseInput(schema: z.ZodType | undefined, value: unknown, requestId: string): unknown {
  if (!schema || value === undefined) return value;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  return fail(
    new ApiError({
      code: 'INVALID_REQUEST',
      message: result.error.issues
        .map((i) => `${i.path.join('.') || 'input'}: ${i.message}`)
        .join('; '),
      status: 0,
      requestId,
      details: {
        issues: result.error.issues.map((i) => ({
          path: i.path.join('.'),
          message: i.message,
        })),
      },
    }),
  );
}

const fail = (e: ApiError): never => {
  throw e;
};

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const mintId = options.newRequestId ?? newId;
  const maxEntries = options.revalidateEntries ?? 0;
  // URL -> last ETag and parsed answer; Map order is insertion order, so the first is the oldest.
  const validators = new Map<string, { etag: string; data: unknown }>();
  const remember = (url: string, etag: string, data: unknown) => {
    validators.delete(url);
    validators.set(url, { etag, data });
    if (validators.size > maxEntries) {
      const oldest = validators.keys().next().value;
      if (oldest !== undefined) validators.delete(oldest);
    }
  };

  async function call<N extends ApiRouteName>(
    name: N,
    opts?: CallOptions<N>,
  ): Promise<ApiResponse<N>> {
    const route = API_ROUTES[name];
    const requestId = mintId();
    const def = route as {
      params?: z.ZodType;
      query?: z.ZodType;
      body?: z.ZodType;
      response: z.ZodType;
    };
    const params = parseInput(def.params, opts?.params, requestId) as Record<string, unknown>;
    const query = parseInput(def.query, opts?.query, requestId) as Record<string, unknown>;
    const body = parseInput(def.body, opts?.body, requestId);

    const headers: Record<string, string> = {
      accept: 'application/json',
      [REQUEST_ID_HEADER]: requestId,
      ...options.defaultHeaders?.(),
      ...opts?.headers,
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (opts?.idempotencyKey) headers[IDEMPOTENCY_HEADER] = opts.idempotencyKey;
    const preview = options.previewAs?.();
    if (preview) headers[PREVIEW_HEADER] = preview;

    const url = `${options.baseUrl}${buildPath(route.path, params)}${buildQuery(query)}`;
    const known = maxEntries > 0 && route.method === 'GET' ? validators.get(url) : undefined;
    if (known) headers['if-none-match'] = known.etag;
    let res: Response;
    try {
      res = await options.fetch(url, {
        method: route.method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        ...(opts?.signal ? { signal: opts.signal } : {}),
      });
    } catch (cause) {
      if (opts?.signal?.aborted) throw cause;
      throw new ApiError({
        code: 'NETWORK_UNREACHABLE',
        message: 'The trading backend could not be reached.',
        status: 0,
        requestId,
        cause,
      });
    }
    const echoedId = res.headers.get(REQUEST_ID_HEADER) ?? requestId;
    if (res.status === 304 && known) {
      await res.text().catch(() => undefined);
      return known.data as ApiResponse<N>;
    }
    const payload = await readJson(res);
    if (!res.ok) {
      // Health probes answer 503 with their normal body (which checks fail); that is data.
      const probe = route.access === 'public' ? def.response.safeParse(payload) : null;
      if (probe?.success) return probe.data as ApiResponse<N>;
      throw errorFromResponse({ status: res.status, body: payload, requestId: echoedId });
    }

    const parsed = def.response.safeParse(payload);
    if (!parsed.success) {
      throw new ApiError({
        code: 'INVALID_RESPONSE',
        message: `The response of ${name} does not match the contract: ${parsed.error.issues
          .slice(0, 3)
          .map((i) => `${i.path.join('.')}: ${i.message}`)
          .join('; ')}`,
        status: res.status,
        requestId: echoedId,
        cause: parsed.error,
      });
    }
    const etag = maxEntries > 0 && route.method === 'GET' ? res.headers.get('etag') : null;
    if (etag) remember(url, etag, parsed.data);
    return parsed.data as ApiResponse<N>;
  }

  return { call, forget: () => validators.clear() };
}
